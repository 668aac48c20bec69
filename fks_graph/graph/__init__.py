"""The RDF graph built from typed records: IRIs, statements, files and in-memory stores."""
