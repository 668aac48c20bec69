"""Synthetic national ecosystems in the input format: for scale and tests, never for real facts."""
