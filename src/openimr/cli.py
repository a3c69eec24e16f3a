"""The ``openimr`` command: a thin Typer shell over the library API.

Each command group lives in ``openimr/commands/<group>.py`` and is registered below. Errors
of the :class:`OpenIMRError` tree are translated here, once: one line on stderr, exit code 2.
"""

from __future__ import annotations

import sys

import typer

from openimr.errors import OpenIMRError

app = typer.Typer(
    name="openimr",
    help="Independent Medical Review of workers' compensation treatment disputes.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _register() -> None:
    from openimr.commands import decide, evaluate, guidelines
    from openimr.commands import evidence as evidence_cmd

    decide.register(app)
    guidelines.register(app)
    evaluate.register(app)
    evidence_cmd.register(app)
    from openimr.commands import case, deadlines, eligibility  # case life cycle (issue 6)

    case.register(app)
    eligibility.register(app)
    deadlines.register(app)
    from openimr.commands import letters as letters_cmd  # published letters (issue 5)

    letters_cmd.register(app)
    from openimr.commands import fhir as fhir_cmd  # packets and FHIR (issue 15)
    from openimr.commands import intake as intake_cmd

    intake_cmd.register(app)
    fhir_cmd.register(app)

    from openimr.commands import serve, users  # the workbench (issue 14)

    serve.register(app)
    users.register(app)


_register()


def _is_click_exception(exc: BaseException) -> bool:
    classes: list[type] = []
    for module in ("click.exceptions", "typer._click.exceptions"):
        try:
            classes.append(__import__(module, fromlist=["ClickException"]).ClickException)
        except ImportError:
            continue
    return isinstance(exc, tuple(classes))


def _one_line(exc: Exception) -> str | None:
    """One line for a failure outside the OpenIMR tree that is still the user's to fix (a
    database that went away, a file that cannot be written); None for a bug."""
    try:
        from sqlalchemy.exc import SQLAlchemyError
    except ImportError:  # pragma: no cover
        SQLAlchemyError = ()  # type: ignore[assignment,misc]  # noqa: N806
    if isinstance(exc, SQLAlchemyError):
        from openimr.store.db import describe

        return describe(exc)
    if isinstance(exc, OSError) and exc.strerror:
        name = exc.filename if exc.filename is not None else ""
        return f"{name}: {exc.strerror}" if name else exc.strerror
    return None


def main() -> None:
    """Entry point: run the app, turning OpenIMR errors into one line and exit code 2."""
    try:
        # Outside standalone mode click returns a command's exit code instead of exiting.
        code = app(standalone_mode=False)
    except OpenIMRError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo("aborted", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
    except Exception as exc:
        # Usage errors arrive as ClickException: from click itself, or from the copy of click
        # that recent typer releases carry (typer._click).
        if _is_click_exception(exc):
            # one line, like every refusal: "error: Invalid value for '--top': 0 is not in
            # the range 1<=x<=1000." (the usage text is one --help away)
            message = " ".join(exc.format_message().split())  # type: ignore[attr-defined]
            message = message.replace("Value error, ", "")
            typer.echo(f"error: {message} (see --help)", err=True)
            sys.exit(getattr(exc, "exit_code", 2) or 2)
        line = _one_line(exc)
        if line is None:
            raise
        typer.echo(f"error: {line}", err=True)
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)
