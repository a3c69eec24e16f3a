"""``openimr guidelines list|show|check``: look into and lint the knowledge base."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:  # the knowledge base loads when a command runs, not at start-up
    from openimr.guidelines.registry import KnowledgeBase

guidelines_app = typer.Typer(help="The guideline knowledge base.", no_args_is_help=True)
KbOpt = Annotated[
    Path | None, typer.Option("--kb", help="Knowledge base folder (default: bundled).")
]


def _kb(path: Path | None) -> KnowledgeBase:
    from openimr.errors import DataFileError
    from openimr.guidelines.registry import load_knowledge_base

    if path is not None and not path.is_dir():
        what = "does not exist" if not path.exists() else "is not a folder"
        raise DataFileError(f"--kb: {path} {what} (give the knowledge base's folder)")
    base = load_knowledge_base(path)
    if path is not None and not base.topics:
        raise DataFileError(f"--kb: {path} holds no guideline topic (*.yaml)")
    return base


@guidelines_app.command("list")
def list_cmd(kb: KbOpt = None) -> None:
    """One line per topic: id, level, services, regions, edition window, citation."""
    base = _kb(kb)
    for t in sorted(base.topics, key=lambda t: (t.level, t.id)):
        c = t.citations["primary"]
        window = f"{t.effective_from}..{t.effective_to or ''}"
        regions = ",".join(t.applies_to.regions) or "any"
        cite = " ".join(x for x in (c.guideline, c.chapter, c.section, c.pages) if x)
        typer.echo(
            f"{t.id:40} {t.level:9} {','.join(t.applies_to.services):24} "
            f"{regions:28} {window:23} {cite}"
        )


@guidelines_app.command("show")
def show_cmd(topic_id: str, kb: KbOpt = None) -> None:
    """A topic as JSON: what it applies to, its citations and criteria."""
    base = _kb(kb)
    try:
        topic = base.get(topic_id)
    except KeyError:
        from difflib import get_close_matches

        from openimr.errors import OpenIMRError

        hint = get_close_matches(topic_id, [t.id for t in base.topics], n=1)
        raise OpenIMRError(
            f"no topic {topic_id!r}" + (f" (did you mean {hint[0]!r}?)" if hint else "")
        ) from None
    typer.echo(json.dumps(topic.model_dump(mode="json", by_alias=True), indent=2))


@guidelines_app.command("facts")
def facts_cmd(
    as_json: Annotated[bool, typer.Option("--json", help="The registry as JSON.")] = False,
) -> None:
    """The facts a topic's conditions may name (review/facts.py): name, kind, meaning."""
    from openimr.review.facts import FACTS

    rows = sorted(FACTS.values(), key=lambda f: (f.kind, f.name))
    if as_json:
        out = [{"name": f.name, "kind": f.kind, "description": f.description} for f in rows]
        typer.echo(json.dumps(out, indent=2))
        return
    for f in rows:
        key = "fact" if f.kind == "number" else "request"
        typer.echo(f"{key + ': ' + f.name:42} {f.description}")


@guidelines_app.command("check")
def check_cmd(kb: KbOpt = None) -> None:
    """Lint: unknown evidence codes, missing citations, overlapping topics. Exit 1 on problems."""
    from openimr.evidence import vocabulary_codes
    from openimr.guidelines.check import check_knowledge_base
    from openimr.intake.requests import known_regions, known_services

    base = _kb(kb)
    problems = check_knowledge_base(base, vocabulary_codes(), known_services(), known_regions())
    for p in problems:
        typer.echo(p)
    typer.echo(f"{len(base.topics)} topics, {len(problems)} problems")
    if problems:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.add_typer(guidelines_app, name="guidelines")
