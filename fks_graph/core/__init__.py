"""Foundations every tier may use: errors, atomic writes, gc pause, resources, text keys, cells."""
