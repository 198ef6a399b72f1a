"""Writing the knowledge base: add, new and fmt as minimal edits in canonical form, atomically."""
