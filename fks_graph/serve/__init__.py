"""The SPARQL endpoint: a read-only SPARQL 1.1 Protocol server with a query page."""
