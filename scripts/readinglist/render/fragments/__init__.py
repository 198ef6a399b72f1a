"""Fragments several pages share: rows of items, buttons, one-line sentences, abstracts, citations."""
