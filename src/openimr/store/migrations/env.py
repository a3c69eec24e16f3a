"""Alembic environment: runs on the connection handed over by :func:`openimr.store.migrate`."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from openimr.store.db import Base, default_url, normalise_url

config = context.config
target_metadata = Base.metadata


def run() -> None:
    conn = config.attributes.get("connection")
    if conn is not None:
        context.configure(connection=conn, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = normalise_url(config.get_main_option("sqlalchemy.url") or default_url())
    engine = create_engine(url)
    with engine.begin() as connection:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()


run()
