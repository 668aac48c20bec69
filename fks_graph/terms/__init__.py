"""The vocabulary: the ontology's DefinedNamespace and its SKOS code lists."""
