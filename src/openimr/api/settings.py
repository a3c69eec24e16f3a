"""The service's settings, in one pydantic class (from arguments or ``OPENIMR_*`` variables)."""

from __future__ import annotations

import os

from pydantic import BaseModel, ConfigDict


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    database_url: str | None = None  # None: $OPENIMR_DATABASE_URL, else ~/.openimr SQLite
    panel: str | None = None  # reviewer panel YAML (None: the bundled fictional panel)
    audit_dir: str | None = None  # key and anchor files (None: $OPENIMR_AUDIT_DIR or home)
    secure_cookies: bool = False  # set behind HTTPS
    session_cookie: str = "openimr_session"
    organization: str = "OpenIMR"
    run_jobs: bool = True  # PostgreSQL: this process is a job worker too (SQLite: always)
    job_threads: int = 2
    # PostgreSQL settings for the service's connections ($OPENIMR_DB_OPTIONS; "" keeps the
    # server's): no parallel query (it gives one search two more processes, CPU taken from the
    # other users on a small server), and random reads priced as the cached reads they are
    # (the default, 4, is for spinning disks: it made searches scan every letter item)
    db_options: str = "-c max_parallel_workers_per_gather=0 -c random_page_cost=1.1"

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        env: dict[str, object] = {}
        if os.environ.get("OPENIMR_DATABASE_URL"):
            env["database_url"] = os.environ["OPENIMR_DATABASE_URL"]
        if os.environ.get("OPENIMR_PANEL"):
            env["panel"] = os.environ["OPENIMR_PANEL"]
        if os.environ.get("OPENIMR_RUN_JOBS"):
            env["run_jobs"] = os.environ["OPENIMR_RUN_JOBS"] != "0"
        if os.environ.get("OPENIMR_AUDIT_DIR"):
            env["audit_dir"] = os.environ["OPENIMR_AUDIT_DIR"]
        if "OPENIMR_DB_OPTIONS" in os.environ:
            env["db_options"] = os.environ["OPENIMR_DB_OPTIONS"]
        if os.environ.get("OPENIMR_SECURE_COOKIES"):
            env["secure_cookies"] = os.environ["OPENIMR_SECURE_COOKIES"] == "1"
        env.update({k: v for k, v in overrides.items() if v is not None})
        return cls.model_validate(env)
