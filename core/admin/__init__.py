"""Setting up and looking after a floor: db init and check, backups, agents' accounts
and the shared policy (loaded only when it could run a floor)."""

from core.admin import messages as _messages  # noqa: F401  (registers the words of its refusals)
