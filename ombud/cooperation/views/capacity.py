"""Capacity (intake pauses) and the cooperation settings."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ombud.accounts.access import MunicipalityRequest, municipality_view
from ombud.cases.forms import apply_errors
from ombud.cooperation import selectors, services
from ombud.cooperation.forms import (
    PauseForm,
    SettingsForm,
)
from ombud.cooperation.models import IntakePause
from ombud.cooperation.views.common import INTAKE, SETTINGS, VIEW, page_context


@municipality_view(get=VIEW, post=INTAKE)
def capacity(request: MunicipalityRequest) -> HttpResponse:
    municipality = request.municipality
    form = PauseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.intake_pause(
                actor=request.user, municipality=municipality, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error, {})
        else:
            messages.success(request, _("Intake is paused."))
            return redirect("cooperation:capacity", municipality.slug)
    conf = services.settings_for(municipality)
    load = selectors.workload(
        municipality,
        request.user,
        threshold=conf.capacity_threshold,
        long_open_days=conf.long_open_days,
    )
    context = page_context(
        request,
        form=form,
        load=load,
        conf=conf,
        pause=selectors.intake_pause_current(municipality),
        pauses=selectors.intake_pauses(municipality)[:20],
        today=timezone.localdate(),
        can_manage_intake=request.membership.can(INTAKE),
    )
    return render(request, "cooperation/capacity.html", context)


@municipality_view(post=INTAKE)
def pause_end(request: MunicipalityRequest, pause_id: int) -> HttpResponse:
    pause = IntakePause.objects.filter(municipality=request.municipality, pk=pause_id).first()
    if pause is None:
        raise Http404
    services.intake_resume(actor=request.user, pause=pause)
    messages.success(request, _("Intake is open again."))
    return redirect("cooperation:capacity", request.municipality.slug)


@municipality_view(get=SETTINGS, post=SETTINGS)
def settings_edit(request: MunicipalityRequest) -> HttpResponse:
    conf = services.settings_for(request.municipality)
    form = SettingsForm(request.POST or None, instance=conf)
    if request.method == "POST" and form.is_valid():
        services.settings_update(
            actor=request.user,
            municipality=request.municipality,
            values={name: form.cleaned_data[name] for name in form.fields},
        )
        messages.success(request, _("The settings have been saved."))
        return redirect("cooperation:settings", request.municipality.slug)
    return render(request, "cooperation/settings.html", page_context(request, form=form))
