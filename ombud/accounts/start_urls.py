from django.urls import path

from ombud.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("m/<slug:slug>/revision/", views.audit_log, name="audit_log"),
]
