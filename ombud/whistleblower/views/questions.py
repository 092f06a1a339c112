"""The questionnaire editor, for the same people who edit the scheme's texts: designated
handlers (inside the whistleblower pages) and administrators (without access to reports)."""

from typing import cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ombud.accounts.access import MunicipalityRequest, municipality_view
from ombud.accounts.models import Capability, Municipality, User
from ombud.whistleblower import services
from ombud.whistleblower.forms import QuestionFormSet
from ombud.whistleblower.models import HandlerRole, Question
from ombud.whistleblower.views.access import HandlerRequest, handler_view


def _edit(
    request: HttpRequest, *, actor: User, municipality: Municipality, template: str, done: str
) -> HttpResponse:
    queryset = Question.objects.filter(municipality=municipality)
    formset = QuestionFormSet(request.POST or None, queryset=queryset)
    if request.method == "POST" and formset.is_valid():
        forms = formset.forms
        changes = [(f.instance, f.values()) for f in forms if f.instance.pk and f.has_changed()]
        new = [f.values() for f in forms if not f.instance.pk and f.has_changed()]
        try:
            services.questions_update(
                actor=actor, municipality=municipality, changes=changes, new=new
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The questions are saved."))
            return redirect(done, municipality.slug)
    context = {"formset": formset, "nav_active": "whistleblower"}
    return render(request, template, context)


@handler_view(get=True, post=True, unlocked=False)
def handler_questions(request: HttpRequest) -> HttpResponse:
    handler = cast(HandlerRequest, request).handler
    if handler.role != HandlerRole.HANDLER:
        raise PermissionDenied
    return _edit(
        request,
        actor=handler.user,
        municipality=handler.municipality,
        template="whistleblower/handler/questions.html",
        done="whistleblower:questions",
    )


@municipality_view(get=Capability.MANAGE_USERS, post=Capability.MANAGE_USERS)
def admin_questions(request: MunicipalityRequest) -> HttpResponse:
    return _edit(
        request,
        actor=request.user,
        municipality=request.municipality,
        template="whistleblower/admin/questions.html",
        done="whistleblower:admin_questions",
    )
