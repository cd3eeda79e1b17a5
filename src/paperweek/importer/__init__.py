"""Reading a list of the genre (a README of weekly, daily or monthly tables or lists) into a log.

`parse_readme` is the entry point (`operations/create.py` imports with it, `check` compares
with it); `genre` reads layouts other than the default theme, `weeksections` and
`headingdates` find the periods, `seenstyle` records what was seen so `build` writes it again.
"""

from paperweek.importer.parse import parse_readme
from paperweek.importer.parsed import ParsedReadme

__all__ = ["ParsedReadme", "parse_readme"]
