"""Pages: sections, papers, the bibliography, tags, open questions, progress and the home page's parts."""
