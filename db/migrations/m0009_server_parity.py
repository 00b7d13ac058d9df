"""Schema 9: a PostgreSQL floor behaves as a SQLite one (nothing changes on SQLite).

- The NOT NULL columns schemas 2 and 4 added (ticket.row_version, customer.churn_risk) get the
  database default SQLite always had: floors made before this step had none, so a row written
  without them (a bulk import, a copy) was refused.
- The append-only triggers (schema 5) raise with an error code of their own (23C01, an
  integrity violation, as SQLite's RAISE(ABORT) is), so the refusal reaches a person as the
  message it is, not as a driver's "raise exception" text.
- Every transaction that logs a change (schema 6's floor_change) notifies the channel
  floor_change when it commits: running sessions listen instead of asking the log twice a
  second (db/postgres.py). One statement trigger, so a transaction of many rows notifies once
  per statement and PostgreSQL folds the repeats into one notification at commit.
"""

from peewee import Database, PostgresqlDatabase

from db.migrations.m0005_audit import APPEND_ONLY
from db.postgres import APPEND_ONLY_SQLSTATE, CHANGE_CHANNEL


def postgres_statements() -> list[str]:
    statements = [
        'ALTER TABLE "ticket" ALTER COLUMN "row_version" SET DEFAULT 1',
        'ALTER TABLE "customer" ALTER COLUMN "churn_risk" SET DEFAULT false',
    ]
    for table, message in APPEND_ONLY.items():
        statements.append(
            f"CREATE OR REPLACE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION USING ERRCODE = '{APPEND_ONLY_SQLSTATE}', MESSAGE = '{message}'; END $$"
        )
    statements += [
        "CREATE OR REPLACE FUNCTION floor_change_notify() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN PERFORM pg_notify('{CHANGE_CHANNEL}', ''); RETURN NULL; END $$",
        'DROP TRIGGER IF EXISTS "floor_change_notify" ON "floor_change"',
        'CREATE TRIGGER "floor_change_notify" AFTER INSERT ON "floor_change" '
        "FOR EACH STATEMENT EXECUTE FUNCTION floor_change_notify()",
    ]
    return statements


def apply(db: Database) -> None:
    if not isinstance(db, PostgresqlDatabase):
        return
    for statement in postgres_statements():
        db.execute_sql(statement)
