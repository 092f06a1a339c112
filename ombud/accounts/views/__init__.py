"""The accounts app's pages, split by sub-domain (routed in urls.py)."""
