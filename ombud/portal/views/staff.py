"""Staff side of the public pages: the cooperation overview and the inbox notice (which show the
contacts beside cooperation's tasks), the contact inbox, processing deadlines, public texts.
Routed under /m/<slug>/samarbejde/ with the cooperation pages (config/urls.py)."""

import uuid
from typing import cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ombud.accounts.access import MunicipalityRequest, municipality_view
from ombud.accounts.models import Capability
from ombud.cases.models import Centre
from ombud.cooperation import selectors as cooperation_selectors
from ombud.cooperation.services import base_url
from ombud.portal import selectors, services
from ombud.portal.forms import AcceptForm, DeadlineForm, TextsForm
from ombud.portal.models import Contact, ContactFile, PortalTexts, ProcessingDeadline

VIEW, EDIT = Capability.VIEW_CASES, Capability.EDIT_CASES
IDENTITY = Capability.VIEW_IDENTITY
SETTINGS = Capability.EDIT_TAXONOMY


def _ctx(request: MunicipalityRequest, **extra: object) -> dict[str, object]:
    return {"nav_active": "cooperation", "can_edit": request.membership.can(EDIT), **extra}


def _contact_or_404(request: MunicipalityRequest, public_id: uuid.UUID) -> Contact:
    found = selectors.contact_list(request.municipality).filter(public_id=public_id).first()
    if found is None:
        raise Http404
    return found


@municipality_view(get=VIEW)
def overview(request: MunicipalityRequest) -> HttpResponse:
    """The cooperation start page: open tasks and requests beside the waiting contacts."""
    municipality = request.municipality
    context = _ctx(
        request,
        slug=municipality.slug,
        tasks=cooperation_selectors.tasks_open(municipality),
        contacts=selectors.contacts_open(municipality)[:50],
        open_requests=cooperation_selectors.request_list(municipality).unanswered()[:50],
        pause=cooperation_selectors.intake_pause_current(municipality),
        today=timezone.localdate(),
    )
    return render(request, "cooperation/overview.html", context)


@municipality_view(get=VIEW)
def inbox_notice(request: MunicipalityRequest) -> HttpResponse:
    """Loaded by htmx into the inbox, so the inbox itself costs no extra queries."""
    counts = selectors.inbox_counts(request.municipality)
    context = {"slug": request.municipality.slug, **counts}
    return render(request, "cooperation/_inbox_notice.html", context)


@municipality_view(get=IDENTITY)
def contacts(request: MunicipalityRequest) -> HttpResponse:
    context = _ctx(
        request,
        open_contacts=selectors.contacts_open(request.municipality),
        handled=selectors.contact_list(request.municipality)
        .exclude(status__in=["pending", "waiting"])
        .order_by("-handled_at")[:50],
    )
    return render(request, "portal/staff/contacts.html", context)


@municipality_view(get=IDENTITY, post=(IDENTITY, EDIT))
def contact_detail(request: MunicipalityRequest, public_id: uuid.UUID) -> HttpResponse:
    contact = _contact_or_404(request, public_id)
    matches = selectors.contact_citizen_matches(contact)
    form = AcceptForm(
        request.POST or None,
        municipality=request.municipality,
        matches=matches,
        initial={"centre": contact.centre_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            case = services.contact_accept(
                actor=request.user,
                contact=contact,
                centre=form.cleaned_data["centre"],
                external_body=form.cleaned_data["external_body"],
                citizen=form.chosen_citizen(),
                matches_offered=len(matches),
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request, _("Case %(ref)s has been registered.") % {"ref": case.reference}
            )
            return redirect("cases:detail", request.municipality.slug, case.reference)
    files = list(contact.files.all())
    context = _ctx(request, contact=contact, form=form, files=files, matches=matches)
    return render(request, "portal/staff/contact_detail.html", context)


@municipality_view(post=EDIT)
def contact_dismiss(request: MunicipalityRequest, public_id: uuid.UUID) -> HttpResponse:
    contact = _contact_or_404(request, public_id)
    try:
        services.contact_dismiss(actor=request.user, contact=contact)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("cooperation:contacts", request.municipality.slug)


@municipality_view(get=IDENTITY)
def contact_file(
    request: MunicipalityRequest, public_id: uuid.UUID, file_id: uuid.UUID
) -> HttpResponse:
    contact = _contact_or_404(request, public_id)
    row = ContactFile.objects.filter(contact=contact, public_id=file_id).first()
    if row is None:
        raise Http404
    response = FileResponse(
        row.file.open("rb"), as_attachment=True, filename=row.name, content_type=row.content_type
    )
    return cast(HttpResponse, response)


# Processing deadlines


@municipality_view(get=VIEW, post=EDIT)
def deadlines(request: MunicipalityRequest) -> HttpResponse:
    form = DeadlineForm(request.POST or None, municipality=request.municipality)
    if request.method == "POST" and form.is_valid():
        row: ProcessingDeadline = form.save(commit=False)
        services.deadline_save(actor=request.user, municipality=request.municipality, deadline=row)
        messages.success(request, _("The processing deadline has been saved."))
        return redirect("cooperation:deadlines", request.municipality.slug)
    query = request.GET.get("q", "").strip()[:200]
    context = _ctx(
        request,
        form=form,
        query=query,
        rows=selectors.deadline_search(request.municipality, query, published_only=False),
        centres=Centre.objects.filter(municipality=request.municipality).active(),
        link=request.session.pop("portal:edit_link", ""),
    )
    return render(request, "portal/staff/deadlines.html", context)


@municipality_view(get=EDIT, post=EDIT)
def deadline_edit(request: MunicipalityRequest, public_id: uuid.UUID) -> HttpResponse:
    row = ProcessingDeadline.objects.filter(
        municipality=request.municipality, public_id=public_id
    ).first()
    if row is None:
        raise Http404
    form = DeadlineForm(request.POST or None, instance=row, municipality=request.municipality)
    if request.method == "POST" and form.is_valid():
        services.deadline_save(
            actor=request.user, municipality=request.municipality, deadline=form.save(commit=False)
        )
        messages.success(request, _("The processing deadline has been saved."))
        return redirect("cooperation:deadlines", request.municipality.slug)
    return render(request, "portal/staff/deadline_edit.html", _ctx(request, form=form, row=row))


@municipality_view(post=EDIT)
def edit_link_create(request: MunicipalityRequest) -> HttpResponse:
    centre = Centre.objects.filter(
        municipality=request.municipality, pk=request.POST.get("centre") or 0
    ).first()
    if centre is None:
        messages.error(request, _("Choose a centre."))
        return redirect("cooperation:deadlines", request.municipality.slug)
    _link, token = services.edit_link_create(
        actor=request.user, municipality=request.municipality, centre=centre
    )
    url = base_url() + reverse("portal:centre_deadlines", args=[request.municipality.slug, token])
    # Shown once, on the next page; only the hash is stored.
    request.session["portal:edit_link"] = url
    return redirect("cooperation:deadlines", request.municipality.slug)


@municipality_view(get=SETTINGS, post=SETTINGS)
def texts_edit(request: MunicipalityRequest) -> HttpResponse:
    row = PortalTexts.objects.filter(municipality=request.municipality).first()
    form = TextsForm(request.POST or None, instance=row)
    if request.method == "POST" and form.is_valid():
        services.texts_update(
            actor=request.user,
            municipality=request.municipality,
            values={name: form.cleaned_data[name] for name in form.fields},
        )
        messages.success(request, _("The public page has been saved."))
        return redirect("cooperation:texts", request.municipality.slug)
    return render(request, "portal/staff/texts.html", _ctx(request, form=form))
