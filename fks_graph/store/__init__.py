"""Stores that keep graphs between runs: Oxigraph folders and remote SPARQL 1.1 servers."""
