"""Files other programs read: the JSON export, the feeds, the preview cards' data."""
