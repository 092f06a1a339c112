from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ombud.accounts.models import Capability
from ombud.core.access import municipality_view


@municipality_view(Capability.VIEW_STATS)
def overview(request: HttpRequest) -> HttpResponse:
    return render(request, "core/placeholder.html", {})
