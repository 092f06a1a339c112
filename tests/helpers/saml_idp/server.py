"""A real SAML 2.0 identity provider for the tests: pysaml2's `saml2.server.Server` behind a
small WSGI app on loopback. `python -m tests.helpers.saml_idp.server PORT WORKDIR`.

Routes: /metadata (the IdP's metadata), /sso/redirect (HTTP-Redirect binding: shows a login
form), /login (checks the password, answers the SP with a signed assertion through the
HTTP-POST binding), /slo/redirect (single logout), and the tests' control routes /test/sp (the
SP's metadata) and /test/user (a user, their groups and whether they "used a second factor").
"""

import html
import json
import secrets
import sys
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.metadata import create_metadata_string
from saml2.saml import NAMEID_FORMAT_PERSISTENT, NameID
from saml2.server import Server

MFA_CLASS = "https://data.gov.dk/concept/core/nsis/loa/Substantial"
PASSWORD_CLASS = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
GROUPS_ATTRIBUTE = "http://schemas.xmlsoap.org/claims/Group"


class Idp:
    def __init__(self, base: str, workdir: Path) -> None:
        self.base = base
        self.workdir = workdir
        self.users: dict[str, dict[str, Any]] = {}
        self.pending: dict[str, tuple[Any, str]] = {}
        self.sp_metadata = ""
        self.server = self._server()

    def _config(self) -> dict[str, Any]:
        config: dict[str, Any] = {
            "entityid": f"{self.base}/metadata",
            "xmlsec_binary": "/usr/bin/xmlsec1",
            "key_file": str(self.workdir / "idp.key"),
            "cert_file": str(self.workdir / "idp.crt"),
            "service": {
                "idp": {
                    "endpoints": {
                        "single_sign_on_service": [
                            (f"{self.base}/sso/redirect", BINDING_HTTP_REDIRECT)
                        ],
                        "single_logout_service": [
                            (f"{self.base}/slo/redirect", BINDING_HTTP_REDIRECT)
                        ],
                    },
                    "policy": {"default": {"lifetime": {"minutes": 15}, "name_form": None}},
                    "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                    "sign_assertion": True,
                    "want_authn_requests_signed": False,
                }
            },
        }
        if self.sp_metadata:
            path = self.workdir / "sp.xml"
            path.write_text(self.sp_metadata)
            config["metadata"] = {"local": [str(path)]}
        return config

    def _server(self) -> Server:
        conf = IdPConfig()
        conf.load(self._config())
        return Server(config=conf)

    def metadata(self) -> str:
        conf = IdPConfig()
        conf.load(self._config())
        return str(create_metadata_string(None, config=conf, sign=False).decode())

    def set_sp(self, xml: str) -> None:
        self.sp_metadata = xml
        self.server = self._server()

    def login_form(self, query: dict[str, list[str]]) -> str:
        request = self.server.parse_authn_request(query["SAMLRequest"][0], BINDING_HTTP_REDIRECT)
        key = secrets.token_urlsafe(16)
        self.pending[key] = (request.message, query.get("RelayState", [""])[0])
        return (
            '<!doctype html><html lang="da"><head><meta charset="utf-8"><title>SAML-IdP login'
            "</title></head><body><main><h1>SAML-IdP</h1>"
            f'<form method="post" action="{self.base}/login">'
            f'<input type="hidden" name="key" value="{key}">'
            '<label for="u">Brugernavn</label> <input id="u" name="username">'
            '<label for="p">Adgangskode</label> <input id="p" name="password" type="password">'
            '<button type="submit">Log ind hos SAML-IdP</button></form></main></body></html>'
        )

    def login(self, form: dict[str, list[str]]) -> str:
        message, relay_state = self.pending.pop(form["key"][0])
        username = form["username"][0]
        user = self.users.get(username)
        if user is None or user["password"] != form.get("password", [""])[0]:
            return "<!doctype html><html lang='da'><body><p>Forkert adgangskode.</p></body></html>"
        args = self.server.response_args(message, [BINDING_HTTP_POST])
        response = self.server.create_authn_response(
            identity={
                GROUPS_ATTRIBUTE: user["groups"],
                "mail": [user.get("email") or f"{username}@example.org"],
                "displayName": [user.get("name") or username],
            },
            userid=username,
            name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=f"saml-{username}"),
            authn={
                "class_ref": MFA_CLASS if user.get("mfa") else PASSWORD_CLASS,
                "authn_auth": self.base,
            },
            # A test may ask for an unsigned assertion, which Ombud must refuse.
            sign_assertion=not user.get("unsigned"),
            **args,
        )
        http_args = self.server.apply_binding(
            BINDING_HTTP_POST, str(response), args["destination"], relay_state, response=True
        )
        return str(http_args["data"])

    def logout(self, query: dict[str, list[str]]) -> tuple[str, str]:
        """Single logout from the SP: forget nothing (the IdP keeps no session here) and answer
        with a LogoutResponse back to the SP."""
        request = self.server.parse_logout_request(query["SAMLRequest"][0], BINDING_HTTP_REDIRECT)
        response = self.server.create_logout_response(request.message, [BINDING_HTTP_REDIRECT])
        http_args = self.server.apply_binding(
            BINDING_HTTP_REDIRECT,
            str(response),
            response.destination,
            query.get("RelayState", [""])[0],
            response=True,
        )
        return "302 Found", dict(http_args["headers"])["Location"]


def app_for(idp: Idp) -> Any:
    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        path, method = environ["PATH_INFO"], environ["REQUEST_METHOD"]
        query = parse_qs(environ.get("QUERY_STRING", ""))
        body = b""
        if method == "POST":
            body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        try:
            if path == "/metadata":
                return _send(start_response, idp.metadata(), "application/samlmetadata+xml")
            if path == "/sso/redirect":
                return _send(start_response, idp.login_form(query))
            if path == "/login" and method == "POST":
                return _send(start_response, idp.login(parse_qs(body.decode())))
            if path == "/slo/redirect":
                status, location = idp.logout(query)
                start_response(status, [("Location", location)])
                return [b""]
            if path == "/test/sp":
                idp.set_sp(body.decode())
                return _send(start_response, "ok", "text/plain")
            if path == "/test/user":
                data = json.loads(body)
                idp.users[data["username"]] = data
                return _send(start_response, "ok", "text/plain")
        except Exception as error:  # a test IdP: show what went wrong
            start_response("500 Error", [("Content-Type", "text/plain")])
            return [html.escape(repr(error)).encode()]
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]

    return app


def _send(start_response: Any, text: str, content_type: str = "text/html") -> list[bytes]:
    start_response("200 OK", [("Content-Type", f"{content_type}; charset=utf-8")])
    return [text.encode()]


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def main() -> None:
    port, workdir = int(sys.argv[1]), Path(sys.argv[2])
    idp = Idp(f"http://localhost:{port}", workdir)
    server = make_server(
        "127.0.0.1", port, app_for(idp), server_class=_Server, handler_class=_QuietHandler
    )
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
