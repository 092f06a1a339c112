"""The annual report's pages: drafts, publishing and recommendations (drafts.py); charts and
files made as jobs (rendering.py)."""
