"""SPARQL: the named-query library, parameter binding, safety checks, the runner, result formats."""
