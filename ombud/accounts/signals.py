"""Signals other apps listen to, so accounts does not depend on them."""

from django.dispatch import Signal

# Sent inside the transaction that changes a user's own password, with `user`, `old_password`
# and `new_password` (in memory only). The whistleblower app re-locks the user's private key so
# the change and the re-lock commit or fail together.
password_changed = Signal()

# Sent inside the transaction that creates a municipality, with `municipality` and `actor`. The
# cases app installs the default taxonomy, so the municipality and its taxonomy exist together.
municipality_created = Signal()

# Sent inside the transaction that ends a membership (made inactive), with `user` and
# `municipality`. The whistleblower app ends the person's designation there and removes their
# key grants at once.
membership_ended = Signal()
