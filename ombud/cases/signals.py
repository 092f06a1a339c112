"""Events the cases app announces; other apps connect receivers in their AppConfig.ready."""

from django.dispatch import Signal

# Sent once the transaction that registered new cases has committed (ombud/core/events.py), with
# `municipality`, `case_ids` (one or, from an import, many), `actor` (None for the system) and
# `imported` (True when the import brought them in: the register's past, not new work).
# Every door announces through the cases services: the case form, a contact from the public page,
# a walk-in, the import and the demo. Receivers read the cases they need in bulk.
cases_registered = Signal()
