"""The site survives the database going away (issue 11, point 5).

A real gunicorn serves the project with DEBUG off. With no database listening, a page that needs
the session and one that needs a query both answer with Ombud's own 500 page (not gunicorn's
bare one). On PostgreSQL, connections killed behind the server's back (as a restart does) are
replaced by the next request, because CONN_HEALTH_CHECKS checks a kept connection before use.
"""

import pytest
from django.db import connection

from tests.helpers.servers import get, gunicorn, server_env

NOBODY_LISTENS = "postgres://postgres@127.0.0.1:8149/ombud_gone"
OUR_500 = "Der opstod en fejl"


def test_it_shows_its_own_error_page_when_the_database_is_down() -> None:
    with gunicorn(server_env(DATABASE_URL=NOBODY_LISTENS)) as base:
        for path, cookie in [
            ("/", "sessionid=abcdefghijklmnopqrstuvwxyz012345"),
            ("/borgerraadgiver/demo/", ""),
        ]:
            status, body = get(base + path, cookie=cookie)
            assert status == 500, path
            assert OUR_500 in body, path


@pytest.mark.django_db(transaction=True)
def test_it_picks_up_a_restarted_postgresql_at_once() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (run with DATABASE_URL=postgres://...)")
    name = connection.settings_dict["NAME"]
    url = f"postgres://postgres@127.0.0.1:5432/{name}"
    with gunicorn(server_env(DATABASE_URL=url)) as base:
        assert get(base + "/borgerraadgiver/no-such-place/")[0] == 404
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid()",
                [name],
            )
        assert get(base + "/borgerraadgiver/no-such-place/")[0] == 404
