"""Interactive graph pages: views of the graph drawn with vis-network (as pyvis ships it), offline."""
