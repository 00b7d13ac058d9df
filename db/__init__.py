"""Storage for callfloor: Peewee models, opening the database, migrations, page queries.

Never imports core or textual (see docs/architecture.md).
"""

from db.drivers import import_peewee_without_psycopg

import_peewee_without_psycopg()  # before anything imports peewee (db/drivers.py says why)
