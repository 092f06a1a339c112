"""The data-protection settings page."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ombud.accounts.access import MunicipalityRequest, municipality_view
from ombud.accounts.models import Capability
from ombud.records.forms import SettingsForm
from ombud.records.selectors import records_settings_get
from ombud.records.services import records_settings_save

# Like the logo and the taxonomy: advisors and administrators.
SETTINGS = Capability.EDIT_TAXONOMY


@require_http_methods(["GET", "POST"])
@municipality_view(SETTINGS)
def settings_edit(request: MunicipalityRequest) -> HttpResponse:
    municipality = request.municipality
    current = records_settings_get(municipality)
    initial = {
        "retention_years": current.retention_years,
        "extract_staff_names": current.extract_staff_names,
        "accessibility_url": municipality.accessibility_statement_url,
    }
    form = SettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        records_settings_save(actor=request.user, municipality=municipality, **form.cleaned_data)
        messages.success(request, _("The data protection settings have been saved."))
        return redirect("records:settings", municipality.slug)
    context = {"form": form, "nav_active": "taxonomy", "municipality": municipality}
    return render(request, "records/settings.html", context, status=400 if form.errors else 200)
