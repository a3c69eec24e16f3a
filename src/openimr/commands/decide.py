"""``openimr decide BUNDLE...``: the Final Determination for one case bundle or many."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from openimr.errors import OpenIMRError


class Format(StrEnum):
    text = "text"
    html = "html"
    pdf = "pdf"
    json = "json"
    fhir = "fhir"  # a FHIR R4 ClaimResponse with the letter as a DocumentReference


class DecideUsageError(OpenIMRError):
    """A bad combination of arguments (one line, exit code 2, like every OpenIMR error)."""


def register(app: typer.Typer) -> None:
    @app.command("decide")
    def decide_cmd(
        bundles: Annotated[
            list[Path], typer.Argument(help="Case bundles (YAML or JSON) or folders of them.")
        ],
        format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = (
            Format.text
        ),
        output: Annotated[
            Path | None,
            typer.Option(
                "--output",
                "-o",
                help="One bundle: write here instead of stdout. Several: a folder, one file "
                "per bundle.",
            ),
        ] = None,
        panel: Annotated[
            Path | None, typer.Option("--panel", help="Reviewer panel YAML (default: bundled).")
        ] = None,
        jobs: Annotated[
            int, typer.Option("--jobs", "-j", min=1, help="Processes for several bundles.")
        ] = 1,
        quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    ) -> None:
        """Decide every disputed item of each BUNDLE and write its Final Determination Letter.

        Several bundles (or a folder) are decided in one process, or in --jobs processes, each
        letter written to -o DIR; a bundle that fails is reported and skipped, and the exit
        code is then 1.
        """
        from openimr.batch import collect_bundles

        single = len(bundles) == 1 and not bundles[0].is_dir()
        if single:
            _decide_single(bundles[0], format, output, panel)
            return
        files = collect_bundles(bundles)
        if output is None:
            raise DecideUsageError("several bundles need -o DIR (one letter per bundle)")
        if output.exists() and not output.is_dir():
            raise DecideUsageError(f"-o {output}: not a folder (several bundles were given)")
        raise typer.Exit(_decide_batch(files, format, output, panel, jobs, quiet))


def _decide_single(bundle: Path, format: Format, output: Path | None, panel: Path | None) -> None:
    from openimr import decide, load_bundle
    from openimr.commands._output import check_output_path, write_output
    from openimr.letters import render

    if output is not None:
        check_output_path(output, "-o")  # before the work, not after it
    elif format is Format.pdf and sys.stdout.isatty():
        raise typer.BadParameter("PDF output needs -o FILE (or a pipe)", param_hint="-o")
    case = load_bundle(bundle)
    if panel is not None:
        from openimr.reviewers.panel import load_panel

        load_panel(panel)  # a bad panel file is refused before the records are read
    determination = decide(case, panel=panel)
    data = render(determination, format.value)
    if output is not None:
        write_output(output, data, "-o")
        typer.echo(f"wrote {output}", err=True)
    elif isinstance(data, bytes):
        sys.stdout.buffer.write(data)
    else:
        typer.echo(data, nl=not data.endswith("\n"))


def _decide_batch(
    files: list[Path], format: Format, out: Path, panel: Path | None, jobs: int, quiet: bool
) -> int:
    from openimr.batch import Outcome, decide_many, progress_bar, warm_up

    bar = progress_bar(len(files), "case", enabled=False if quiet else None)

    def done(outcome: Outcome) -> None:
        if outcome.error is not None:
            bar.write(f"skipped: {outcome.error}", file=sys.stderr)
        bar.update(1)

    warm_up()  # once, before the clock and before any worker forks
    with bar:
        summary = decide_many(files, out, format.value, panel=panel, jobs=jobs, on_done=done)
    typer.echo(f"{summary.line()}; letters in {out}", err=True)
    return 1 if summary.failed or not files else 0
