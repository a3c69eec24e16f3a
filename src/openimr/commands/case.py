"""``openimr case new|screen|assign|records|view|review|sign|issue|terminate|show|list|audit``.

A thin shell over :class:`openimr.process.cases.CaseService`: each command is one step of the
case life cycle and appends its audit event. The reviewer's identity is shown only inside
the IMRO's own views (``show``, ``audit``); letters and ``show --format json`` carry
credentials only.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from openimr.commands._acting import acting_user, actor_for
from openimr.commands._process_common import (
    ActorOption,
    AtOption,
    DbOption,
    parse_instant,
    parse_when,
)
from openimr.process.lifecycle import CaseForbidden

if TYPE_CHECKING:
    from openimr.process.cases import CaseService

case_app = typer.Typer(
    help="The IMR case life cycle: application to issued letter, with an audit log.",
    no_args_is_help=True,
)

CaseArg = Annotated[str, typer.Argument(help="Case number, e.g. CM13-0057725.")]


class Fmt(StrEnum):
    text = "text"
    json = "json"


class LetterFmt(StrEnum):
    text = "text"
    html = "html"
    pdf = "pdf"
    json = "json"


class Method(StrEnum):
    mail = "mail"
    electronic = "electronic"


def _svc(db: str | None, panel: Path | None = None) -> CaseService:
    from openimr.process.cases import CaseService

    return CaseService(db, panel=panel)


def _print_eligibility(result: object) -> None:
    from openimr.process.eligibility import EligibilityResult

    assert isinstance(result, EligibilityResult)
    typer.echo(f"{result.case_number}: eligibility {result.outcome}")
    for reason in result.reasons:
        typer.echo(f"  - {reason}")


@case_app.command("new")
def new_cmd(
    bundle: Annotated[
        list[Path],
        typer.Argument(help="Case bundle (YAML or JSON), a FHIR Bundle, or PDF packets/folders."),
    ],
    received: Annotated[
        str | None, typer.Option("--received", help="When the application arrived (ISO).")
    ] = None,
    db: DbOption = None,
    actor: ActorOption = None,
    at: AtOption = None,
) -> None:
    """Record an application (state received) and screen its eligibility."""
    from openimr.commands.intake import load_case

    # options first: a bad one is refused before the database is opened
    got, when = parse_when(received, "--received"), parse_instant(at, "--at")
    b = load_case(bundle)
    svc = _svc(db)
    who = actor_for(svc, actor, "open a case", ("intake", "supervisor"))
    result = svc.open_case(b, who, got, when)
    _print_eligibility(result)


@case_app.command("screen")
def screen_cmd(
    case: CaseArg,
    bundle: Annotated[
        Path | None, typer.Option("--bundle", help="A corrected bundle to screen instead.")
    ] = None,
    db: DbOption = None,
    actor: ActorOption = None,
    at: AtOption = None,
) -> None:
    """Screen a received case again (after an incomplete screen), optionally on a new bundle."""
    from openimr.intake import load_bundle

    when = parse_instant(at, "--at")
    b = load_bundle(bundle) if bundle else None
    svc = _svc(db)
    who = actor_for(svc, actor, "screen", ("intake", "supervisor"), case)
    _print_eligibility(svc.screen(case, who, b, when))


@case_app.command("assign")
def assign_cmd(
    case: CaseArg,
    notice: Annotated[
        Method, typer.Option("--notice", help="How the notice of assignment is sent.")
    ] = Method.electronic,
    panel: Annotated[
        Path | None, typer.Option("--panel", help="Reviewer panel YAML (default: bundled).")
    ] = None,
    reason: Annotated[
        str | None, typer.Option("--reason", help="Why an assigned case is re-assigned.")
    ] = None,
    db: DbOption = None,
    actor: ActorOption = None,
    at: AtOption = None,
) -> None:
    """Choose the reviewer and send the notice of assignment (the records clock starts)."""
    when = parse_instant(at, "--at")
    if panel is not None:
        from openimr.reviewers.panel import load_panel

        load_panel(panel)  # a bad panel file is refused before the database is opened
    svc = _svc(db, panel)
    who = actor_for(svc, actor, "assign", ("supervisor",), case)
    sel = svc.assign(case, who, notice.value, when, panel, reason)
    typer.echo(f"{case}: assigned to reviewer {sel.reviewer.id}")
    for a in sel.assignments[1:]:
        typer.echo(f"  split: reviewer {a.reviewer.id} decides item(s) {', '.join(a.items)}")
    typer.echo(f"  {sel.explanation}")
    for rid, why in sel.excluded:
        typer.echo(f"  excluded {rid}: {why}")


@case_app.command("records")
def records_cmd(
    case: CaseArg,
    received: Annotated[
        str | None, typer.Option("--received", help="When the complete records arrived (ISO).")
    ] = None,
    method: Annotated[Method, typer.Option("--method", help="How they arrived.")] = (
        Method.electronic
    ),
    db: DbOption = None,
    actor: ActorOption = None,
    at: AtOption = None,
) -> None:
    """Mark the records complete (the decision clock starts)."""
    got, when = parse_when(received, "--received"), parse_instant(at, "--at")
    svc = _svc(db)
    who = actor_for(svc, actor, "mark records complete", ("intake", "supervisor"), case)
    svc.records_complete(case, who, got, method.value, when)
    row = svc.get(case)
    from openimr.process.case_deadlines import current_deadline

    d = current_deadline(row)
    typer.echo(f"{case}: records complete" + (f"; {d.label} {d.due}" if d else ""))


@case_app.command("view")
def view_cmd(
    case: CaseArg, db: DbOption = None, actor: ActorOption = None, at: AtOption = None
) -> None:
    """Print the case's medical records (the view is audited)."""
    when = parse_instant(at, "--at")
    svc = _svc(db)
    who = actor_for(svc, actor, "read the records", ("reviewer", "supervisor"), case)
    for rec in svc.view_records(case, who, when):
        typer.echo(f"=== {rec.id} ({rec.kind}, {rec.date or 'undated'})")
        typer.echo(rec.text or "")


@case_app.command("review")
def review_cmd(
    case: CaseArg,
    db: DbOption = None,
    actor: ActorOption = None,
    at: AtOption = None,
    format: Annotated[Fmt, typer.Option("--format", "-f")] = Fmt.text,
) -> None:
    """Run the engine: the draft determination the reviewer will sign (state in_review)."""
    when = parse_instant(at, "--at")
    svc = _svc(db)
    who = (
        actor_for(svc, actor, "draft", ("reviewer", "supervisor"), case)
        if actor or acting_user(svc, actor)
        else "engine"
    )
    det = svc.draft(case, who, when)
    if format is Fmt.json:
        typer.echo(det.model_dump_json(indent=2))
        return
    typer.echo(f"{case}: draft ready for the reviewer's sign-off")
    for it in det.items:
        typer.echo(f"  item {it.id}: {it.decision} - {it.item}")


@case_app.command("sign")
def sign_cmd(
    case: CaseArg,
    reviewer: Annotated[str, typer.Option("--reviewer", help="The signing reviewer's panel id.")],
    edits: Annotated[
        Path | None,
        typer.Option("--edits", help="YAML/JSON: item id -> accept | {decision, rationale}."),
    ] = None,
    accept_all: Annotated[
        bool, typer.Option("--accept-all", help="Accept every item not named in --edits.")
    ] = False,
    decision_date: Annotated[
        str | None, typer.Option("--decision-date", help="Date the letter states (ISO).")
    ] = None,
    db: DbOption = None,
    actor: ActorOption = None,
    at: AtOption = None,
) -> None:
    """Sign the determination as the assigned reviewer, accepting or changing each item."""
    import datetime as dt

    from openimr.process.signoff import SignEdits, load_edits

    dd = parse_when(decision_date, "--decision-date")
    e = load_edits(edits) if edits else SignEdits()
    if accept_all:
        e = e.model_copy(update={"accept_all": True})
    if isinstance(dd, dt.datetime):
        dd = dd.date()
    when = parse_instant(at, "--at")
    svc = _svc(db)
    user = acting_user(svc, actor)
    who = None
    if user is not None:  # with accounts, only the assigned reviewer's own account signs
        who = actor_for(svc, actor, "sign", ("reviewer",), case)
        if user.reviewer_id != reviewer:
            raise CaseForbidden(f"{user.username}: signs only as reviewer {user.reviewer_id}")
    det = svc.sign(case, reviewer, e, when, dd, actor=who)
    typer.echo(f"{case}: signed")
    for it in det.items:
        typer.echo(f"  item {it.id}: {it.decision}")


@case_app.command("issue")
def issue_cmd(
    case: CaseArg,
    format: Annotated[LetterFmt, typer.Option("--format", "-f")] = LetterFmt.text,
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
    db: DbOption = None,
    actor: ActorOption = None,
    at: AtOption = None,
) -> None:
    """Issue the Final Determination Letter of a signed case (never of a draft)."""
    from openimr.commands._output import check_output_path

    if format is LetterFmt.pdf and output is None and sys.stdout.isatty():
        raise typer.BadParameter("PDF output needs -o FILE (or a pipe)", param_hint="-o")
    if output is not None:
        check_output_path(output, "-o")  # before issuing: never an issued letter left unwritten
    when = parse_instant(at, "--at")
    svc = _svc(db)
    who = actor_for(svc, actor, "issue", ("supervisor",), case)
    tmp = output.with_name(output.name + ".part") if output is not None else None

    def write(blob: bytes) -> None:  # inside the issue's transaction: a failed write issues nothing
        if tmp is not None:
            tmp.write_bytes(blob)

    data = svc.issue(case, format.value, who, when, sink=write)
    if tmp is not None and output is not None:
        tmp.replace(output)
    if output is not None:
        typer.echo(f"{case}: letter issued, wrote {output}", err=True)
    elif isinstance(data, bytes):
        sys.stdout.buffer.write(data)
    else:
        typer.echo(data, nl=not data.endswith("\n"))


@case_app.command("terminate")
def terminate_cmd(
    case: CaseArg,
    reason: Annotated[str, typer.Option("--reason", help="Why, e.g. treatment authorised.")],
    db: DbOption = None,
    actor: ActorOption = None,
    at: AtOption = None,
) -> None:
    """End an open case (e.g. the claims administrator authorised the treatment)."""
    when = parse_instant(at, "--at")
    svc = _svc(db)
    who = actor_for(svc, actor, "terminate", ("intake", "supervisor"), case)
    svc.terminate(case, who, reason, when)
    typer.echo(f"{case}: terminated ({reason})")


@case_app.command("show")
def show_cmd(
    case: CaseArg,
    db: DbOption = None,
    format: Annotated[Fmt, typer.Option("--format", "-f")] = Fmt.text,
    actor: ActorOption = None,
    at: AtOption = None,
) -> None:
    """The case: state, eligibility, reviewer, deadlines, sign-off and its audit trail.

    ``--format json`` is the export: reviewer credentials only, never the reviewer's identity.
    The read is audited (``case.viewed``) with the acting user.
    """
    from openimr.commands._case_show import show_text

    svc = _svc(db)
    who = actor_for(svc, actor, "view the case", ("reviewer", "supervisor"), case)
    svc.viewed(case, who, "case", {"format": format.value}, parse_instant(at, "--at"))
    if format is Fmt.json:
        typer.echo(json.dumps(svc.export(case), indent=2))
        return
    typer.echo(show_text(svc, case))


@case_app.command("list")
def list_cmd(db: DbOption = None) -> None:
    """Every case with its state."""
    for row in _svc(db).cases():
        typer.echo(f"{row.case_number:<16} {row.state:<17} {row.priority}")


@case_app.command("audit")
def audit_cmd(
    case: Annotated[str | None, typer.Argument(help="Case number (default: all).")] = None,
    verify: Annotated[bool, typer.Option("--verify", help="Check the hash chain.")] = False,
    db: DbOption = None,
) -> None:
    """The audit log in order (of one case or all); --verify checks the hash chain."""
    from openimr.process.case_deadlines import pacific

    svc = _svc(db)
    for e in svc.events(case):
        typer.echo(
            f"{e.id:>5} {pacific(e.at):%Y-%m-%d %H:%M:%S %Z} {e.case_number or '-':<14} "
            f"{e.actor:<16} {e.action}"
        )
    if verify:
        v = svc.verify_audit()
        if not v.ok:
            typer.echo(f"audit log BROKEN: {v.problem}", err=True)
            raise SystemExit(1)  # not typer.Exit: cli.main() runs click non-standalone
        typer.echo(f"audit log intact: {v.rows} rows, hash chain verified")


def register(app: typer.Typer) -> None:
    app.add_typer(case_app, name="case")
