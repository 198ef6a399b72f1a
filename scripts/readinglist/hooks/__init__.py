"""What only the MkDocs adapter (scripts/mkdocs_hooks.py) uses: the guards around its build."""
