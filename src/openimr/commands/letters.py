"""``openimr letters ...``: read published Final Determination Letters.

parse (one letter as JSON), to-bundle (letters as case bundles, written outside the
repository), ingest (into the database), search, stats (tables and a chart), precedents.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from openimr.commands._output import check_output_path, write_output
from openimr.errors import OpenIMRError

if TYPE_CHECKING:  # the letter reader loads when a command runs, not at start-up
    from openimr.letters_in.textprep import PdfEngine

app = typer.Typer(
    help="Read published Final Determination Letters: parse, bundle, ingest, search, stats.",
    no_args_is_help=True,
)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL (default: $OPENIMR_DATABASE_URL, else the SQLite file in ~/.openimr).",
    ),
]


class LettersUsageError(OpenIMRError):
    """A bad option value (reported as one line by the CLI, like every OpenIMR error)."""


PDF_ENGINES = ("pdfium", "pypdf", "pdfplumber")
DECISIONS = ("upheld", "overturned")

EngineOption = Annotated[
    str,
    typer.Option(
        "--pdf-engine", help="PDF text extractor: pdfium (fastest), pypdf or pdfplumber."
    ),
]


def _engine(value: str) -> PdfEngine:
    if value not in PDF_ENGINES:
        raise LettersUsageError(f"--pdf-engine: {value!r} is not one of {', '.join(PDF_ENGINES)}")
    return value  # type: ignore[return-value]


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="letters")


@app.command("parse")
def parse_cmd(
    files: Annotated[
        list[Path], typer.Argument(help="Letters (PDF or text), or folders of letters.")
    ],
    pdf_engine: EngineOption = "pdfium",
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="One letter: write here. Several: a folder."),
    ] = None,
) -> None:
    """Parse letters and print each as JSON (case_number, dates, reviewer, items ...).

    Several letters (or a folder) are read in one process: one JSON document per line on
    stdout, or <name>.json each in -o DIR; a letter that cannot be read is reported and
    skipped, and the exit code is then 1.
    """
    from openimr.letters_in import parse_file

    engine = _engine(pdf_engine)
    if len(files) == 1 and not files[0].is_dir():
        if output:
            check_output_path(output, "-o")
        letter = parse_file(files[0], pdf_engine=engine)
        data = letter.model_dump_json(indent=2)
        if output:
            write_output(output, data + "\n", "-o")
            typer.echo(f"wrote {output}", err=True)
        else:
            typer.echo(data)
        for w in letter.warnings:
            typer.echo(f"warning: {w}", err=True)
        return
    raise typer.Exit(_parse_many(files, engine, output))


def _parse_many(files: list[Path], engine: PdfEngine, output: Path | None) -> int:
    from openimr.batch import progress_bar
    from openimr.letters_in import parse_file
    from openimr.letters_in.ingest import collect_files

    found, missing = collect_files(files)
    for path, reason in missing:
        typer.echo(f"skipped: {path}: {reason}", err=True)
    if output is not None:
        output.mkdir(parents=True, exist_ok=True)
    done = failed = 0
    with progress_bar(len(found), "letter") as bar:
        for f in found:
            bar.update(1)
            try:
                letter = parse_file(f, pdf_engine=engine)
            except OpenIMRError as exc:
                failed += 1
                bar.write(f"skipped: {exc}", file=sys.stderr)
                continue
            done += 1
            if output is not None:
                (output / f"{f.stem}.json").write_text(
                    letter.model_dump_json(indent=2) + "\n", encoding="utf-8"
                )
            else:
                typer.echo(letter.model_dump_json())
    where = f" to {output}" if output is not None else ""
    typer.echo(f"{done} letters parsed{where}, {failed + len(missing)} skipped", err=True)
    return 1 if failed or missing or not done else 0


@app.command("to-bundle")
def to_bundle_cmd(
    source: Annotated[Path, typer.Argument(help="A letter file, or a directory of letters.")],
    out: Annotated[
        Path,
        typer.Option(
            "-o",
            "--out",
            help="Directory for <case>.yaml ('-' prints one bundle). Bundles hold real letter "
            "text: keep them out of the repository (out/ is git-ignored).",
        ),
    ] = Path("out/bundles"),
    pdf_engine: EngineOption = "pdfium",
) -> None:
    """Turn letters into case bundles (openimr-case/1) with the real decisions as expected."""
    from openimr.errors import LetterParseError, OpenIMRError
    from openimr.letters_in import parse_file
    from openimr.letters_in.bundle import bundle_yaml, tracked_by_git, write_bundle
    from openimr.letters_in.ingest import collect_files

    if str(out) == "-":
        if source.is_dir():
            raise LettersUsageError("'-o -' prints one bundle; give a file, not a directory")
        typer.echo(bundle_yaml(parse_file(source, pdf_engine=_engine(pdf_engine))), nl=False)
        return
    if tracked_by_git(out):
        typer.echo(
            f"warning: {out} is inside a git work tree and not ignored; the bundles hold real "
            "letter text and must not be committed",
            err=True,
        )
    if not source.is_dir():
        typer.echo(write_bundle(parse_file(source, pdf_engine=_engine(pdf_engine)), out))
        return
    from openimr.batch import progress_bar

    files, _ = collect_files([source])
    written, failed = 0, 0
    with progress_bar(len(files), "letter") as bar:
        for f in files:
            try:
                write_bundle(parse_file(f, pdf_engine=_engine(pdf_engine)), out)
                written += 1
            except (LetterParseError, OpenIMRError) as exc:
                failed += 1
                bar.write(f"skipped: {exc}", file=sys.stderr)
            bar.update(1)
    typer.echo(f"{written} bundles written to {out}, {failed} letters skipped")
    if not written and failed:
        raise typer.Exit(2)


def _queue_ingest(db: str | None, dirs: list[Path]) -> None:
    import getpass

    from openimr.api.jobs import Jobs
    from openimr.process.cases import CaseService

    cases = CaseService(db)
    if cases.engine.dialect.name != "postgresql":
        typer.echo("--queue needs PostgreSQL (the job queue); on SQLite ingest here", err=True)
        raise SystemExit(2)
    jobs = Jobs(cases, run=False)
    job_id = jobs.submit_ingest([str(d.resolve()) for d in dirs], f"cli:{getpass.getuser()}")
    cases.engine.dispose()
    typer.echo(f"queued job {job_id}: ingest {len(dirs)} path(s)")


@app.command("ingest")
def ingest_cmd(
    dirs: Annotated[list[Path], typer.Argument(help="Directories (or files) of letters.")],
    db: DbOption = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", "-j", min=1, max=256, help="Parsing processes, 1-256 (default: CPUs)."
        ),
    ] = None,
    pdf_engine: EngineOption = "pdfium",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    queue: Annotated[
        bool,
        typer.Option(
            "--queue",
            help="PostgreSQL: queue the work as a job for `openimr worker` processes (the "
            "paths must be readable where they run) and print its id, instead of working here.",
        ),
    ] = False,
) -> None:
    """Store letters in the database; re-running is safe (no duplicates).

    Exit 0 when every file was stored (or already was), 1 when some files failed (each is
    listed with its reason), 2 when nothing could be stored."""
    from openimr.letters_in.ingest import ingest
    from openimr.letters_in.repository import open_store

    if queue:
        _queue_ingest(db, dirs)
        return
    engine = open_store(db)
    summary = ingest(
        engine, dirs, workers=workers, pdf_engine=_engine(pdf_engine), progress=not quiet
    )
    for line in summary.lines():
        typer.echo(line)
    for line in summary.failure_lines():
        typer.echo(f"error: {line}", err=True)
    if summary.failed:
        stored = summary.files - summary.failed
        raise SystemExit(2 if stored == 0 else 1)  # cli.main() runs click non-standalone


def _date(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise LettersUsageError(f"{name}: {value!r} is not a date (use YYYY-MM-DD)") from None


def _decision(value: str | None) -> str | None:
    if value is not None and value.lower() not in DECISIONS:
        raise LettersUsageError(f"--decision: {value!r} is not one of {', '.join(DECISIONS)}")
    return value.lower() if value else None


@app.command("search")
def search_cmd(
    query: Annotated[str, typer.Argument(help="Words to find (empty string: filters only).")],
    db: DbOption = None,
    date_from: Annotated[str | None, typer.Option("--from", help="Decided on/after.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Decided on/before.")] = None,
    decision: Annotated[
        str | None, typer.Option("--decision", help="upheld or overturned.")
    ] = None,
    category: Annotated[
        str | None, typer.Option("--category", help="e.g. imaging, opioid.")
    ] = None,
    guideline: Annotated[
        str | None, typer.Option("--guideline", help="e.g. 'Low Back', 'ODG'.")
    ] = None,
    specialty: Annotated[str | None, typer.Option("--specialty")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=10000)] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines.")] = False,
) -> None:
    """Full-text search of decided items, with filters."""
    from openimr.letters_in.query import parse
    from openimr.letters_in.repository import open_store
    from openimr.letters_in.search import Filters, backend_of, search

    parse(query)  # a query that cannot be answered is refused before the database is opened
    engine = open_store(db)
    filters = Filters(
        date_from=_date(date_from, "--from"),
        date_to=_date(date_to, "--to"),
        decision=_decision(decision),
        category=category,
        guideline=guideline,
        specialty=specialty,
        limit=limit,
    )
    hits = search(engine, query, filters)
    if as_json:
        for h in hits:
            typer.echo(json.dumps(h.__dict__, default=str))
        return
    typer.echo(f"{len(hits)} item(s) [{backend_of(engine)}]")
    for h in hits:
        typer.echo(
            f"{h.case_number}  {h.decision_date or '?'}  {h.decision.upper():<10}  "
            f"{h.request[:70]}\n    {h.category or '-'} / {h.subcategory or '-'} | "
            f"{h.guideline_key or '-'} | {', '.join(h.specialties) or '-'}\n    {h.snippet}"
        )


@app.command("stats")
def stats_cmd(
    db: DbOption = None,
    chart: Annotated[Path, typer.Option("--chart", help="Chart file (.png or .svg).")] = Path(
        "out/letters-stats.png"
    ),
    top: Annotated[
        int, typer.Option("--top", min=1, max=1000, help="Groups shown per table (1-1000).")
    ] = 15,
) -> None:
    """Uphold/overturn rates by category, guideline, specialty and month, and a chart."""
    from openimr.letters_in.repository import open_store
    from openimr.letters_in.stats import all_rates, draw_chart, format_tables, totals

    if chart.suffix.lower() not in (".png", ".svg"):
        raise LettersUsageError(f"--chart: {chart} must be a .png or .svg file")
    check_output_path(chart, "--chart", create_default=chart == Path("out/letters-stats.png"))
    engine = open_store(db)
    letters, items, upheld, overturned = totals(engine)
    if not items:
        typer.echo("no letters stored yet (run: openimr letters ingest DIR)", err=True)
        raise typer.Exit(1)
    typer.echo(
        f"{letters} letters, {items} items: {upheld} upheld, {overturned} overturned "
        f"({100 * overturned / items:.1f}% overturned)"
    )
    data = all_rates(engine)
    typer.echo(format_tables(data, top=top))
    typer.echo(f"chart: {draw_chart(data, chart, top=top)}")


@app.command("precedents")
def precedents_cmd(
    item: Annotated[str, typer.Argument(help="The disputed item, as written.")],
    facts: Annotated[str | None, typer.Option("--facts", help="Case facts.")] = None,
    db: DbOption = None,
    k: Annotated[int, typer.Option("-k", "--top", min=1, max=1000, help="How many (1-1000).")] = 10,
) -> None:
    """The decided items most similar to ITEM (and to the case facts), with outcomes."""
    from openimr.letters_in.precedents import PrecedentIndex, items_from_db
    from openimr.letters_in.repository import open_store

    items = items_from_db(open_store(db))
    if not items:
        typer.echo("no letters stored yet (run: openimr letters ingest DIR)", err=True)
        raise typer.Exit(1)
    found = PrecedentIndex(items).query(item, facts, k=k)
    upheld = sum(p.item.decision == "upheld" for p in found)
    typer.echo(f"{len(found)} precedent(s): {upheld} upheld, {len(found) - upheld} overturned")
    for p in found:
        typer.echo(
            f"{p.score:5.2f}  {p.item.case_number}  {p.item.decision_date or '?'}  "
            f"{p.item.decision.upper():<10}  {p.item.request[:70]}  [{p.item.guideline_key}]"
        )
    sys.stdout.flush()
