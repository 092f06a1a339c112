from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from ombud.accounts.models import Capability
from ombud.core.access import municipality_view


def _placeholder(request: HttpRequest) -> HttpResponse:
    return render(request, "core/placeholder.html", {})


taxonomy = municipality_view(Capability.EDIT_TAXONOMY)(_placeholder)

urlpatterns = [
    path("indstillinger/", taxonomy, name="taxonomy"),
]
