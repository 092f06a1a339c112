"""A real OpenID provider for the tests: django-oauth-toolkit in its own process on loopback
(tests/helpers/oidc_op/), with a control API to set its users and Ombud's client."""

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings

from ombud.sso.models import IdentityProvider, Protocol
from ombud.sso.oidc import oidc_discover
from ombud.sso.services import provider_save

# The helpers' port range (BRIEF: 8170-8179); the first free one is used.
PORTS = range(8170, 8175)
CLIENT_ID = "ombud-test"
CLIENT_SECRET = "ombud-test-secret"
MFA_GROUP = "__mfa__"


@dataclass
class LocalOidcProvider:
    url: str

    @property
    def issuer(self) -> str:
        return f"{self.url}/o"

    def set_user(
        self, username: str, password: str, groups: list[str], *, mfa: bool = False, **extra: str
    ) -> str:
        response = requests.post(
            f"{self.url}/test/user/",
            json={
                "username": username,
                "password": password,
                "groups": groups + ([MFA_GROUP] if mfa else []),
                **extra,
            },
            timeout=10,
        )
        response.raise_for_status()
        return str(response.json()["sub"])

    def register_ombud(self, ombud_url: str) -> None:
        response = requests.post(
            f"{self.url}/test/client/",
            json={
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
                "redirect_uri": f"{ombud_url}/sso/oidc/callback/",
                "post_logout_redirect_uri": f"{ombud_url}/konto/login/",
            },
            timeout=10,
        )
        response.raise_for_status()

    def ombud_provider(self, slug: str = "kommune", **fields: object) -> IdentityProvider:
        """Ombud's set-up of this provider, read from its discovery document."""
        return provider_save(
            slug=slug,
            client_secret=CLIENT_SECRET,
            protocol=Protocol.OIDC,
            name=fields.pop("name", "Kommunens login"),
            client_id=CLIENT_ID,
            **oidc_discover(self.issuer),
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
    raise RuntimeError("No free port in 8170-8174 for the test OpenID provider")


@contextmanager
def running_provider(workdir: Path) -> Iterator[LocalOidcProvider]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    port = _free_port()
    env = {**os.environ, "TEST_OP_DB": str(workdir / "op.sqlite3"), "TEST_OP_RSA_KEY": pem}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    process = subprocess.Popen(  # noqa: S603 (our own module, fixed arguments)
        [sys.executable, "-m", "tests.helpers.oidc_op.server", str(port)],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if line.strip() != "ready":
            raise RuntimeError(f"The test OpenID provider did not start: {line!r}")
        yield LocalOidcProvider(url=f"http://127.0.0.1:{port}")
    finally:
        process.terminate()
        process.wait(timeout=10)
