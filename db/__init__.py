"""Storage for callfloor: Peewee models, opening the database, migrations, page queries.

Never imports core or textual (see docs/architecture.md).
"""
