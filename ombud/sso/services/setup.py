"""Setting up identity providers and their role mappings (`ombud sso_provider`, `ombud
sso_map`). Whistleblower handling is not a role: no mapping can grant it."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ombud.accounts.models import Municipality, Role
from ombud.core.audit import audit_record
from ombud.core.crypto import field_encrypt
from ombud.core.models import AuditAction
from ombud.sso.models import IdentityProvider, RoleMapping
from ombud.sso.saml_metadata import metadata_entity_id


@transaction.atomic
def provider_save(
    *, slug: str, client_secret: str | None = None, **fields: Any
) -> IdentityProvider:
    """Create or change the provider `slug`. `client_secret` is stored encrypted."""
    provider = IdentityProvider.objects.filter(slug=slug).first() or IdentityProvider(slug=slug)
    created = provider.pk is None
    for name, value in fields.items():
        setattr(provider, name, value)
    if provider.saml_metadata_xml:
        try:
            provider.saml_entity_id = metadata_entity_id(provider.saml_metadata_xml)
        except ValueError as error:
            raise ValidationError(
                _("The SAML metadata cannot be used: %(error)s") % {"error": error}
            ) from error
    if client_secret is not None:
        provider.client_secret_encrypted = field_encrypt(client_secret)
    provider.full_clean()
    provider.save()
    audit_record(
        actor=None,
        municipality=provider.municipality,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        obj=provider,
        object_type="identity_provider",
        summary=f"Identity provider {slug} {'added' if created else 'changed'}",
    )
    return provider


@transaction.atomic
def mapping_add(
    *, provider: IdentityProvider, group: str, municipality: Municipality, role: str
) -> RoleMapping:
    if role not in Role.values:
        raise ValidationError(
            _("Unknown role %(role)s. Choose one of: %(roles)s.")
            % {"role": role, "roles": ", ".join(Role.values)}
        )
    if provider.municipality_id is not None and provider.municipality_id != municipality.pk:
        raise ValidationError(
            _("This provider belongs to %(own)s and cannot give access to %(other)s.")
            % {"own": provider.municipality, "other": municipality}
        )
    mapping, _created = RoleMapping.objects.update_or_create(
        provider=provider, group=group, municipality=municipality, defaults={"role": role}
    )
    audit_record(
        actor=None,
        municipality=municipality,
        action=AuditAction.UPDATE,
        obj=mapping,
        object_type="sso_role_mapping",
        summary=f"Group {group} of {provider.slug} gives role {role}",
    )
    return mapping


@transaction.atomic
def mapping_remove(*, provider: IdentityProvider, group: str, municipality: Municipality) -> int:
    deleted, _rows = RoleMapping.objects.filter(
        provider=provider, group=group, municipality=municipality
    ).delete()
    if deleted:
        audit_record(
            actor=None,
            municipality=municipality,
            action=AuditAction.DELETE,
            object_type="sso_role_mapping",
            summary=f"Group {group} of {provider.slug} no longer gives a role",
        )
    return deleted
