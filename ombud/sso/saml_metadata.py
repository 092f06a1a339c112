"""Reading a SAML identity provider's metadata (kept apart from saml.py, which needs the
services that need this)."""

from xml.etree.ElementTree import ParseError

from defusedxml import ElementTree

METADATA_NS = "urn:oasis:names:tc:SAML:2.0:metadata"


def metadata_entity_id(xml: str) -> str:
    """The IdP's entityID from its metadata (an EntityDescriptor, or the first IdP in an
    EntitiesDescriptor). Raises ValueError on anything else."""
    try:
        root = ElementTree.fromstring(xml)
    except ParseError as error:
        raise ValueError(f"The metadata is not XML: {error}") from error
    candidates = [root] if root.tag == f"{{{METADATA_NS}}}EntityDescriptor" else []
    candidates += root.findall(f".//{{{METADATA_NS}}}EntityDescriptor")
    for entity in candidates:
        if entity.find(f"{{{METADATA_NS}}}IDPSSODescriptor") is not None:
            return str(entity.get("entityID"))
    raise ValueError("The metadata describes no identity provider.")
