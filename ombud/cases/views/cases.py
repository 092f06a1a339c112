from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from ombud.accounts.models import Capability
from ombud.core.access import municipality_view


def _placeholder(request: HttpRequest) -> HttpResponse:
    return render(request, "core/placeholder.html", {})


inbox = municipality_view(Capability.VIEW_CASES)(_placeholder)
case_list = municipality_view(Capability.VIEW_CASES)(_placeholder)
case_create = municipality_view(Capability.EDIT_CASES)(_placeholder)

urlpatterns = [
    path("", inbox, name="inbox"),
    path("sager/", case_list, name="list"),
    path("sager/ny/", case_create, name="create"),
]
