"""Database URLs as the command line shows and compares them: never with their password.

    redact_url("postgresql://floor:s3cret@db.example/callfloor")
    -> "postgresql://floor:***@db.example/callfloor"

A password can sit in the user part (user:password@host) or in the query (?password=...,
libpq's conninfo key, which psycopg reads from a URL too); both are replaced by ***. Anything
else (the user, the host, the socket folder, the database, the other options) stays as typed,
so the person still recognises the database they named.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, unquote, urlsplit

HIDDEN = "***"
"""What a password shows as."""

_QUERY_PASSWORD = re.compile(r"(^|[?&;])((?:ssl)?password=)([^&;#]*)", re.IGNORECASE)
"""password=... (and libpq's sslpassword=...) in a URL's query."""

_KEYWORD_PASSWORD = re.compile(r"\b((?:ssl)?password\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s]*)", re.IGNORECASE)
"""password=... in a libpq keyword string ("host=db dbname=floor password=s3cret")."""

SQLITE_SCHEMES = ("sqlite", "sqliteext", "sqlite+pool", "sqliteext+pool", "sqlcipher", "apsw", "cysqlite")
"""URL schemes that name a SQLite file (peewee's playhouse.db_url names among them)."""


def redact_url(url: str) -> str:
    """url with its password replaced by ***: user:***@host, and password=*** in the query.
    A libpq keyword string (host=... password=...) gets the same; text with no password is
    returned as it is. The user part ends at the last @ before the query, so a password typed
    with a bare @, / or : in it is hidden whole too."""
    if "://" not in url:
        return _KEYWORD_PASSWORD.sub(lambda m: m.group(1) + HIDDEN, url)
    scheme, _, rest = url.partition("://")
    at = _user_part_end(rest)
    if at >= 0:
        user = rest[:at]
        if ":" in user:
            user = user.split(":", 1)[0] + ":" + HIDDEN
        rest = user + rest[at:]
    rest = _QUERY_PASSWORD.sub(lambda m: m.group(1) + m.group(2) + HIDDEN, rest)
    return f"{scheme}://{rest}"


def strip_password(url: str) -> str:
    """url with no password at all (user@host, no password= in the query): a command printed
    for a person to paste, which takes the password from PGPASSWORD or ~/.pgpass (*** pasted
    would be taken as the password)."""
    hidden = redact_url(url)
    hidden = hidden.replace(":" + HIDDEN + "@", "@", 1)
    return re.sub(r"([?&;])(?:ssl)?password=\*\*\*(?:[&;]|$)", r"\1", hidden).rstrip("?&;")


def _user_part_end(rest: str) -> int:
    """Where the user part of what follows scheme:// ends (its @), -1 for none. The last @
    before the query; or a later @ when the "query" before it holds no key=value, so the ?
    belongs to a password typed unquoted (u:pa?ss@host, or no / before it): hiding too much
    beats showing it."""
    query = rest.find("?")
    last = rest.rfind("@")
    if query < 0 or last < query:
        return last
    if "=" not in rest[query:last] or "/" not in rest[:query]:
        return last  # the ? is inside the user part: scheme://u:pa?ss@host or u:a?b=c@host
    return rest.rfind("@", 0, query)


def scheme_of(url: str) -> str:
    """The URL's scheme in lower case ("postgresql"), "" for a plain path or keyword string."""
    head, found, _ = url.partition("://")
    return head.strip().lower() if found else ""


def is_sqlite_url(url: str) -> bool:
    """A URL that names a SQLite file (sqlite:///floor.db), or no URL at all: a path."""
    scheme = scheme_of(url)
    return not scheme or scheme in SQLITE_SCHEMES


def is_postgres_url(url: str) -> bool:
    """A URL that names a PostgreSQL database: postgresql://, postgres:// and peewee's
    postgresext://, psycopg://, with or without +pool."""
    base = scheme_of(url).split("+", 1)[0]
    return base.startswith("postgres") or base.startswith("psycopg")


def database_identity(url: str) -> tuple[str, str, str, str]:
    """(host or socket folder, port, database, user) that url names, for telling whether two
    URLs name the same PostgreSQL database however they are spelled; the defaults libpq would
    use where a part is left out (localhost, 5432, the user's name for the database)."""
    try:
        parts = urlsplit(url)
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        host = query.get("host") or (parts.hostname or "") or "localhost"
        port = query.get("port") or (str(parts.port) if parts.port else "") or "5432"
        user = query.get("user") or unquote(parts.username or "")
    except ValueError:  # a port that is no number: nothing to compare
        return (url, "", "", "")
    database = query.get("dbname") or unquote(parts.path.lstrip("/")) or user
    if host in ("127.0.0.1", "::1"):
        host = "localhost"
    return (host.rstrip("/"), port, database, user)
