"""The store: SQLAlchemy tables (SQLite by default, PostgreSQL by URL) with Alembic migrations."""

from openimr.store.db import Base, default_url, make_engine, migrate, session_factory

__all__ = ["Base", "default_url", "make_engine", "migrate", "session_factory"]
