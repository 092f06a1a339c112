"""The start page and the audit log."""

from django.urls import path

from ombud.accounts import start_views as views

# The namespace is "core" (config/urls.py): the pages kept their URL names when they moved here.

urlpatterns = [
    path("", views.home, name="home"),
    path("m/<slug:slug>/revision/", views.audit_log, name="audit_log"),
]
