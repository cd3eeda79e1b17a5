"""The genre's grammars, used in both directions: dates in headings and cells, list items, table rows.

`render` writes with them and `importer` reads with them, so that import can check, item by
item, that build writes back what a reader saw.
"""
