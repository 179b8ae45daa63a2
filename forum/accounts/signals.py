"""Signals other domains listen to, so accounts never imports them."""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

# Sent with the child (a User) just before their account is erased, inside the same transaction:
# listeners delete or unlink what they hold about the child.
child_erasing = _signals.signal("child-erasing")
