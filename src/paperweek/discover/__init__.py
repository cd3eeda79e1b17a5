"""`paperweek discover`: candidates from arXiv, ranked by what the log highlights."""
