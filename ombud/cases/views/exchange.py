from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from ombud.accounts.models import Capability
from ombud.core.access import municipality_view


def _placeholder(request: HttpRequest) -> HttpResponse:
    return render(request, "core/placeholder.html", {})


import_upload = municipality_view(Capability.IMPORT_CASES)(_placeholder)

urlpatterns = [
    path("import/", import_upload, name="import"),
]
