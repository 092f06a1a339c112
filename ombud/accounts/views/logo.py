"""The municipality's logo: upload and removal on a settings page, and the public image.

Routed at the top level: the settings page under /m/<slug>/logo/ (staff), the image under
/logo/<slug>/ (public, because the citizens' pages and the whistleblower pages show it).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ombud.accounts import services
from ombud.accounts.access import MunicipalityRequest, municipality_view
from ombud.accounts.logo import CheckedLogo, logo_check
from ombud.accounts.models import Capability, Municipality

# Settings of the municipality: advisors and administrators (the same as the taxonomy).
SETTINGS = Capability.EDIT_TAXONOMY
# The image is served with a policy that forbids everything but drawing it, so even an SVG
# opened on its own cannot run script or load anything (we also refuse such SVGs on upload).
IMAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"


class LogoForm(forms.Form):
    logo = forms.FileField(
        label=gettext_lazy("Logo"),
        help_text=gettext_lazy("PNG, JPEG or SVG, at most 2 MB."),
        widget=forms.FileInput(attrs={"accept": ".png,.jpg,.jpeg,.svg"}),
        error_messages={"required": gettext_lazy("Choose a file with the logo.")},
    )

    def clean_logo(self) -> CheckedLogo:
        return logo_check(self.cleaned_data["logo"])


@require_http_methods(["GET", "POST"])
@municipality_view(SETTINGS)
def logo_edit(request: MunicipalityRequest) -> HttpResponse:
    posted = request.method == "POST"
    # Bound on every POST: a POST without a file must say so, not show an empty form again.
    form = LogoForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        try:
            services.municipality_logo_set(
                actor=request.user,
                municipality=request.municipality,
                logo=form.cleaned_data["logo"],
            )
        except ValidationError as error:  # the file could not be stored
            form.add_error(None, error)
        else:
            messages.success(request, _("The logo has been saved."))
            return redirect("branding:edit", request.municipality.slug)
    context = {"form": form, "nav_active": "taxonomy", "municipality": request.municipality}
    status = 400 if form.errors else 200
    return render(request, "accounts/logo.html", context, status=status)


@require_POST
@municipality_view(SETTINGS)
def logo_remove(request: MunicipalityRequest) -> HttpResponse:
    services.municipality_logo_remove(actor=request.user, municipality=request.municipality)
    messages.success(request, _("The logo has been removed."))
    return redirect("branding:edit", request.municipality.slug)


@require_GET
def logo_image(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = Municipality.objects.filter(slug=slug).first()
    if municipality is None or not municipality.logo:
        raise Http404
    try:
        with municipality.logo.open("rb") as handle:
            data = handle.read()
    except OSError as missing:  # the row names a file the storage no longer has
        raise Http404 from missing
    response = HttpResponse(data, content_type=municipality.logo_content_type)
    response["Content-Security-Policy"] = IMAGE_POLICY
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = 'inline; filename="logo"'
    # The URL carries the logo's version, so a long cache is safe.
    response["Cache-Control"] = "public, max-age=86400"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
