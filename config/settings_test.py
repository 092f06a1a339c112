"""Settings for the test suite: the project's settings with test-only values.

pytest uses this module (pyproject.toml), so a bare `pytest` needs no environment. Tests run as a
developer's machine does (DEBUG=true unless set): the development key, plain static files and
cookies without the Secure flag, which the browser tests' live server on http needs.
"""

import os

os.environ.setdefault("DEBUG", "true")

from config.settings import *  # noqa: F403

# Argon2 is deliberately slow. Tests that check the production hashers read config.settings.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# libsodium's smallest Argon2id cost for whistleblower keys and receipts (production: interactive).
WHISTLEBLOWER_KDF = "min"
Q_CLUSTER = {**Q_CLUSTER, "sync": True}  # noqa: F405  # tasks run inline in tests
