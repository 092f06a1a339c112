"""Views of the cases app, one module per sub-domain. Each module exports `urlpatterns`."""
