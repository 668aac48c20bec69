"""Analyses of the ecosystem graph: cross-network actors, network measures, report."""
