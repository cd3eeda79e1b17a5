"""Writing the README: themes, headings, the template context, kept layouts.

Reading a list back is `paperweek.importer`; the grammars both sides share (dates, items,
table rows) are `paperweek.grammar`.
"""
