from django.urls import path

from ombud.stats import views

app_name = "stats"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("kommuner/", views.municipalities, name="municipalities"),
    path("eksport/<slug:table>.<str:fmt>", views.export, name="export"),
]
