"""``openimr users add|list|deactivate|token`` and ``openimr audit verify``."""

from __future__ import annotations

import getpass
import os
from typing import Annotated

import typer

from openimr.commands._process_common import DbOption

users_app = typer.Typer(
    help="Accounts of the workbench: users, roles, API tokens.", no_args_is_help=True
)
audit_app = typer.Typer(help="The audit log.", no_args_is_help=True)


def _accounts(db: str | None):
    from openimr.accounts import Accounts
    from openimr.store import make_engine, migrate

    engine = make_engine(db)
    migrate(engine)
    return Accounts(engine)


@users_app.command("add")
def add_cmd(
    username: Annotated[str, typer.Argument(help="Login name.")],
    role: Annotated[
        str, typer.Option("--role", help="intake | reviewer | supervisor | auditor | admin")
    ],
    name: Annotated[str | None, typer.Option("--name", help="Display name.")] = None,
    reviewer_id: Annotated[
        str | None, typer.Option("--reviewer-id", help="Panel id of a reviewer account.")
    ] = None,
    db: DbOption = None,
) -> None:
    """Add an account. The password comes from $OPENIMR_NEW_PASSWORD or is asked for."""
    password = os.environ.get("OPENIMR_NEW_PASSWORD") or getpass.getpass("password: ")
    p = _accounts(db).add_user(username, password, role, name, reviewer_id)
    typer.echo(f"user {p.username} added ({p.role})")


@users_app.command("list")
def list_cmd(db: DbOption = None) -> None:
    """Every account with its role."""
    for u in _accounts(db).users():
        typer.echo(f"{u.username:<20} {u.role:<11} {u.reviewer_id or '':<6} {u.display_name}")


@users_app.command("deactivate")
def deactivate_cmd(username: str, db: DbOption = None) -> None:
    """Deactivate an account (its sessions end; its API tokens stop working)."""
    _accounts(db).set_active(username, False)
    typer.echo(f"user {username} deactivated")


@users_app.command("token")
def token_cmd(
    username: str,
    name: Annotated[str, typer.Option("--name", help="What the token is for.")] = "cli",
    db: DbOption = None,
) -> None:
    """Make an API token for a user (printed once; stored hashed)."""
    token_id, token = _accounts(db).create_token(username, name)
    typer.echo(f"token {token_id} for {username}: {token}")


@audit_app.command("verify")
def verify_cmd(db: DbOption = None) -> None:
    """Check the audit log: the hash chain, each row's MAC (key outside the database) and the
    anchor file of committed rows. Exit code 1 when anything does not hold."""
    from openimr.process.cases import CaseService

    v = CaseService(db).verify_audit()
    if not v.ok:
        typer.echo(f"audit log BROKEN: {v.problem}", err=True)
        raise SystemExit(1)
    extra = f"; {v.unkeyed} row(s) from before MACs" if v.unkeyed else ""
    typer.echo(
        f"audit log intact: {v.rows} rows, hash chain and MACs verified, "
        f"{v.anchored} anchored outside the database{extra}"
    )


def register(app: typer.Typer) -> None:
    app.add_typer(users_app, name="users")
    app.add_typer(audit_app, name="audit")
