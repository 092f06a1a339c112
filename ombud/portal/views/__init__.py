"""The portal's pages: the public pages (public.py) and their staff side (staff.py)."""
