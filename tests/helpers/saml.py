"""A real SAML 2.0 IdP for the tests: pysaml2's Server in its own process on loopback
(tests/helpers/saml_idp/server.py), with a control API for its users and Ombud's metadata."""

import datetime as dt
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.conf import settings

from ombud.sso.models import IdentityProvider, Protocol
from ombud.sso.services import provider_save

PORTS = range(8175, 8180)
GROUPS_ATTRIBUTE = "http://schemas.xmlsoap.org/claims/Group"


@dataclass
class LocalSamlIdp:
    url: str

    def set_user(
        self, username: str, password: str, groups: list[str], *, mfa: bool, unsigned: bool = False
    ) -> None:
        response = requests.post(
            f"{self.url}/test/user",
            json={
                "username": username,
                "password": password,
                "groups": groups,
                "mfa": mfa,
                "unsigned": unsigned,
            },
            timeout=10,
        )
        response.raise_for_status()

    def trust_ombud(self, ombud_url: str) -> None:
        """Give the IdP Ombud's SP metadata, as served by Ombud."""
        metadata = requests.get(f"{ombud_url}/sso/saml/metadata/", timeout=20)
        metadata.raise_for_status()
        requests.post(f"{self.url}/test/sp", data=metadata.content, timeout=20).raise_for_status()

    def ombud_provider(self, slug: str = "adfs", **fields: object) -> IdentityProvider:
        metadata = requests.get(f"{self.url}/metadata", timeout=20)
        metadata.raise_for_status()
        return provider_save(
            slug=slug,
            protocol=Protocol.SAML,
            name=fields.pop("name", "Kommunens AD FS"),
            saml_metadata_url=f"{self.url}/metadata",
            saml_metadata_xml=metadata.text,
            groups_claim=GROUPS_ATTRIBUTE,
            **fields,
        )


def _free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("No free port in 8175-8179 for the test SAML IdP")


def _key_and_certificate(workdir: Path) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "test-idp")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    (workdir / "idp.key").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    (workdir / "idp.crt").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))


@contextmanager
def running_idp(workdir: Path) -> Iterator[LocalSamlIdp]:
    _key_and_certificate(workdir)
    port = _free_port()
    process = subprocess.Popen(  # noqa: S603 (our own module, fixed arguments)
        [sys.executable, "-m", "tests.helpers.saml_idp.server", str(port), str(workdir)],
        cwd=settings.BASE_DIR,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if line.strip() != "ready":
            raise RuntimeError(f"The test SAML IdP did not start: {line!r}")
        yield LocalSamlIdp(url=f"http://localhost:{port}")
    finally:
        process.terminate()
        process.wait(timeout=10)
