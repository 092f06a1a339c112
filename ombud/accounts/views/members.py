"""Administrators manage who works in their municipality and with which role."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django_otp import user_has_device

from ombud.accounts import services
from ombud.accounts.access import MunicipalityRequest, municipality_view
from ombud.accounts.forms import MemberAddForm, MemberEditForm, SecondFactorResetForm
from ombud.accounts.models import Capability, Membership, Municipality, User


@municipality_view(get=Capability.MANAGE_USERS, post=Capability.MANAGE_USERS)
def member_list(request: MunicipalityRequest) -> HttpResponse:
    municipality = request.municipality
    form = MemberAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            user = User.objects.filter(username=data["username"]).first()
            if user is None:
                user = services.user_create(
                    username=data["username"],
                    password=data["password"],
                    full_name=data["full_name"],
                    email=data["email"],
                )
            services.membership_grant(
                actor=request.user,
                user=user,
                municipality=municipality,
                role=data["role"],
            )
        messages.success(request, _("%(name)s now has access.") % {"name": user})
        return redirect("members:list", slug=municipality.slug)
    members = Membership.objects.filter(municipality=municipality).select_related("user")
    return render(
        request,
        "accounts/members.html",
        {"form": form, "members": members.order_by("user__full_name"), "nav_active": "members"},
    )


@municipality_view(get=Capability.MANAGE_USERS, post=Capability.MANAGE_USERS)
def member_edit(request: MunicipalityRequest, user_id: str) -> HttpResponse:
    municipality = request.municipality
    membership = _membership_get(municipality, user_id)
    initial = {"role": membership.role, "is_active": membership.is_active}
    form = MemberEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if membership.user_id == request.user.pk and not form.cleaned_data["is_active"]:
            form.add_error("is_active", _("You cannot remove your own access."))
        else:
            try:
                services.membership_update(
                    actor=request.user,
                    membership=membership,
                    role=form.cleaned_data["role"],
                    is_active=form.cleaned_data["is_active"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The role has been saved."))
                return redirect("members:list", slug=municipality.slug)
    return _edit_page(request, form, membership, reset_form=SecondFactorResetForm())


def _membership_get(municipality: Municipality, user_id: str) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("user"),
        municipality=municipality,
        user__public_id=user_id,
    )


def _edit_page(
    request: MunicipalityRequest,
    form: MemberEditForm,
    membership: Membership,
    *,
    reset_form: SecondFactorResetForm,
) -> HttpResponse:
    context = {
        "form": form,
        "membership": membership,
        "reset_form": reset_form,
        "has_second_factor": user_has_device(membership.user),
        "nav_active": "members",
    }
    return render(request, "accounts/member_edit.html", context)


@municipality_view(post=Capability.MANAGE_USERS)
def member_second_factor_reset(request: MunicipalityRequest, user_id: str) -> HttpResponse:
    """A lost phone: the administrator removes the member's second factor, giving a reason."""
    municipality = request.municipality
    membership = _membership_get(municipality, user_id)
    form = SecondFactorResetForm(request.POST)
    if form.is_valid():
        try:
            services.second_factor_reset(
                actor=request.user,
                user=membership.user,
                municipality=municipality,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(name)s sets up two-factor login again at the next login.")
                % {"name": membership.user},
            )
            return redirect("members:list", slug=municipality.slug)
    initial = {"role": membership.role, "is_active": membership.is_active}
    return _edit_page(request, MemberEditForm(initial=initial), membership, reset_form=form)
