from django.urls import path

from ombud.cases import views

app_name = "cases"

# Placeholders to be replaced by the real views (see the issue): each name is referenced by nav.
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("sager/", views.case_list, name="list"),
    path("sager/ny/", views.case_create, name="create"),
    path("borgere/", views.citizen_list, name="citizens"),
    path("import/", views.import_upload, name="import"),
    path("indstillinger/", views.taxonomy, name="taxonomy"),
]
