"""Setting up and looking after a floor: db init and check, backups, agents' accounts
and the shared policy (loaded only when it could run a floor)."""
