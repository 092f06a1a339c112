"""Reads of the single sign-on set-up."""

from django.db.models import QuerySet

from ombud.sso.models import IdentityProvider


def provider_list_active() -> QuerySet[IdentityProvider]:
    return IdentityProvider.objects.filter(is_active=True).order_by("name")


def provider_get_active(slug: str, protocol: str) -> IdentityProvider | None:
    return IdentityProvider.objects.filter(slug=slug, protocol=protocol, is_active=True).first()
