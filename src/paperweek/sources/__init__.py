"""Where paper metadata comes from: the arXiv API (Atom), Hugging Face, link extraction, a cache.

Heavy libraries (httpx, tenacity) are imported inside functions.
"""
