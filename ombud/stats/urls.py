from django.urls import path

from ombud.stats import views

app_name = "stats"

urlpatterns = [
    path("", views.overview, name="overview"),
]
