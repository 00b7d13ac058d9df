"""db.urls: a database URL as the command line shows it (never its password) and compares it.
No database is opened: these run on every engine."""

from __future__ import annotations

import pytest

from db.urls import database_identity, is_postgres_url, is_sqlite_url, redact_url


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://floor:s3cret@db.example/callfloor", "postgresql://floor:***@db.example/callfloor"),
        (
            "postgresql://floor:s3cret@db.example:6432/callfloor",
            "postgresql://floor:***@db.example:6432/callfloor",
        ),
        # in the query, where libpq and psycopg read it too; the other options stay as typed
        (
            "postgresql://floor@/callfloor?host=/run/pg&password=s3cret&sslmode=require",
            "postgresql://floor@/callfloor?host=/run/pg&password=***&sslmode=require",
        ),
        ("postgres://db/floor?sslpassword=s3cret", "postgres://db/floor?sslpassword=***"),
        ("postgresql://floor:s3cret@db/x?password=again", "postgresql://floor:***@db/x?password=***"),
        # a password typed with characters a URL should have quoted: hidden whole all the same
        ("postgresql://floor:p@ss:w/rd@db/callfloor", "postgresql://floor:***@db/callfloor"),
        ("postgresql://floor:pa?ss@db/callfloor", "postgresql://floor:***@db/callfloor"),
        ("postgresql://floor:a?b=c@db/callfloor", "postgresql://floor:***@db/callfloor"),
        ("postgresql://floor:%40s3cret@db/callfloor", "postgresql://floor:***@db/callfloor"),
        ("postgresql://floor:@db/callfloor", "postgresql://floor:***@db/callfloor"),
        # an @ in the query is no user part
        (
            "postgresql://floor:s3cret@db/x?application_name=me@host",
            "postgresql://floor:***@db/x?application_name=me@host",
        ),
        # a libpq keyword string
        ("host=db dbname=floor password=s3cret user=me", "host=db dbname=floor password=*** user=me"),
        ("host=db password='s3 cret' dbname=floor", "host=db password=*** dbname=floor"),
        # nothing to hide
        ("postgresql://floor@db/callfloor", "postgresql://floor@db/callfloor"),
        ("postgresql:///callfloor", "postgresql:///callfloor"),
        ("sqlite:///floor.db", "sqlite:///floor.db"),
        ("/srv/callfloor/floor.db", "/srv/callfloor/floor.db"),
        ("", ""),
    ],
)
def test_the_password_is_hidden_and_nothing_else_changes(url, shown):
    assert redact_url(url) == shown
    assert redact_url(shown) == shown  # hiding twice changes nothing


def test_which_urls_name_a_server_and_which_a_file():
    for url in (
        "postgresql://db/x",
        "postgres://db/x",
        "postgresext://db/x",
        "postgres+pool://db/x",
        "psycopg://d/x",
    ):
        assert is_postgres_url(url) and not is_sqlite_url(url), url
    for url in ("sqlite:///x.db", "sqliteext:///x.db", "SQLITE:///x.db", "x.db", "/srv/x.db"):
        assert is_sqlite_url(url) and not is_postgres_url(url), url
    assert not is_postgres_url("mysql://db/x") and not is_sqlite_url("mysql://db/x")


def test_one_database_spelled_two_ways_is_the_same():
    same = database_identity("postgresql://floor:a@127.0.0.1/callfloor")
    assert same == database_identity("postgresql://floor:b@localhost:5432/callfloor?sslmode=require")
    assert same == database_identity("postgres://localhost/callfloor?user=floor")
    socket = database_identity("postgresql://postgres@/callfloor?host=/tmp/pg/socket")
    assert socket == database_identity("postgresql:///callfloor?host=/tmp/pg/socket/&user=postgres&port=5432")
    assert same != database_identity("postgresql://floor@localhost/callfloor2")
    assert same != database_identity("postgresql://floor@localhost:5433/callfloor")
    assert same != database_identity("postgresql://floor@otherhost/callfloor")
