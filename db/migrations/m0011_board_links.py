"""Schema 11: the wall board served to browsers (issue 22).

- board_link: a link a supervisor made for a wall screen's browser (callfloor serve-board
  --new-token). Only the token's SHA-256 is kept: the URL is shown once, when it is made, and a
  copy of the floor does not give anyone a working link. Revoked links keep their row (who
  revoked, when) so the connection log still says which screen was which.
- board_visit: every connection to the served board, let in or turned away: when, from which
  address and browser, through which link (none for a token the floor does not know), and,
  for one let in, when it closed and how many bytes it was sent.

Neither is watched by the change log: no screen shows them.
"""

from peewee import CharField, Database, ForeignKeyField, IntegerField, Model

from db.fields import UTCDateTimeField


def apply(db: Database) -> None:
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class BoardLink(Base):
        token_sha256 = CharField(unique=True, max_length=64)
        label = CharField(max_length=80)
        created_by = CharField(max_length=64)
        created_at = UTCDateTimeField()
        revoked_by = CharField(max_length=64, null=True)
        revoked_at = UTCDateTimeField(null=True)

        class Meta:
            table_name = "board_link"

    class BoardVisit(Base):
        link = ForeignKeyField(BoardLink, null=True, on_delete="RESTRICT")
        at = UTCDateTimeField(index=True)
        peer = CharField(max_length=64)
        browser = CharField(max_length=200)
        outcome = CharField(max_length=16)  # shown | unknown | revoked | full
        closed_at = UTCDateTimeField(null=True)
        bytes_sent = IntegerField(null=True)

        class Meta:
            table_name = "board_visit"

    db.create_tables([BoardLink, BoardVisit])
