"""The cache and index under .paperweek/: SQLite, rebuildable from the week files."""
