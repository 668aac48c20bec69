"""Interactive graph pages: views of the graph drawn with vis-network through pyvis, offline."""
