"""Validation of a built graph against the SHACL shapes: the report, a SPARQL and a pySHACL engine."""
