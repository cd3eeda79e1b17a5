"""The cache database ``.paperweek/cache.sqlite``: rebuildable, git-ignored, never the only copy.

``db`` owns the file (connection, pragmas, transactions, the ``Migrations``
registries, ``select_in``). Each table has one owner module, the only code that
reads or writes it, offering typed functions:

- ``arxiv``: ``arxiv_records``, ``hf_papers`` (namespace "arxiv");
- ``candidates``: ``discover_candidates``, ``discover_queries``, ``discover_meta`` ("discover");
- ``answers``: ``summarize_llm`` ("summarize");
- ``paperweek.index``: the search tables ``search_*`` ("search"), made by ``index/schema.py``
  through a ``db.Migrations`` registry of its own, since their columns are the index's rows.
"""
