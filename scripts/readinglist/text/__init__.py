"""Pure functions over strings that every room reads the same way: LaTeX, identifiers, Markdown
prose, citations, snippet lines and columns; nothing here knows the knowledge base."""
