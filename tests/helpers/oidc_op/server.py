"""Run the test OpenID provider: `python -m tests.helpers.oidc_op.server PORT`.

Migrates its own SQLite database (TEST_OP_DB) and serves with a threading WSGI server until
killed. tests/helpers/oidc.py starts it for the tests.
"""

import os
import sys
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def main() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.helpers.oidc_op.settings"
    import django
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application

    django.setup()
    call_command("migrate", verbosity=0)
    port = int(sys.argv[1])
    server = make_server(
        "127.0.0.1", port, get_wsgi_application(), server_class=_Server, handler_class=_QuietHandler
    )
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
