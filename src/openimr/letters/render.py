"""Render a Determination as a Final Determination Letter (text, HTML, PDF) or as JSON.

The wording lives in Jinja2 templates (``templates/``), not in code: ``_phrases.j2`` holds
every fixed sentence once, and the text, HTML and PDF renderings all draw on it. Both Jinja2
environments use StrictUndefined, because a legal letter must fail loudly on a missing field
rather than print an empty string; the HTML one autoescapes.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Iterable
from functools import cache
from typing import Any

import jinja2
import markupsafe

from openimr.domain import Determination
from openimr.domain.sanity import BIDI
from openimr.errors import OpenIMRError

FORMATS = ("text", "html", "pdf", "json", "fhir")
DEFAULT_ORGANIZATION = "IMRO"
TEXT_WIDTH = 95


class LetterRenderError(OpenIMRError):
    """A letter could not be rendered: a field is missing or invalid, or the format is unknown."""


# --------------------------------------------------------------------------- filters


def mdy(value: dt.date | None) -> str:
    """Dates in a letter are MM/DD/YYYY; an unknown optional date says so instead of vanishing."""
    if value is None:
        return "Not stated"
    if isinstance(value, jinja2.Undefined):
        str(value)  # StrictUndefined raises here, naming the missing field
    if not isinstance(value, dt.date):
        raise LetterRenderError(f"expected a date, got {value!r}")
    return value.strftime("%m/%d/%Y")


def and_list(values: Iterable[str], last: str = " and ") -> str:
    """'California', 'California and Nevada', 'California, Nevada and Oregon'.

    ``last`` joins the final pair; ", " gives the plain list of a credentials line.
    """
    items = [str(v) for v in values]
    if not items:
        raise LetterRenderError("a list the letter must state (e.g. reviewer.licensed_in) is empty")
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + last + items[-1]


def sentence(value: str) -> str:
    """End a citation with a full stop unless it already ends a sentence."""
    s = str(value).rstrip()
    return s if s.endswith((".", "!", "?")) else s + "."


def paragraphs(value: str) -> list[str]:
    """Split free text at blank lines; single newlines inside a paragraph become spaces.

    Already-escaped HTML (a macro's Markup) stays Markup, so it is not escaped twice.
    """
    text = str(value).replace("\r\n", "\n").strip()
    parts = [" ".join(part.split()) for part in re.split(r"\n\s*\n", text) if part.strip()]
    if isinstance(value, markupsafe.Markup):
        return [markupsafe.Markup(part) for part in parts]
    return parts


# --------------------------------------------------------------------------- environments


def _hidden(c: str) -> bool:
    return c in BIDI or (ord(c) < 32 and c not in "\n\t") or ord(c) == 127


# The characters _hidden tells, as one class: a letter's values are searched in C, not
# character by character (most hold none of them).
_HIDDEN = re.compile(
    "["
    + "".join(re.escape(chr(i)) for i in range(max(map(ord, BIDI)) + 1) if _hidden(chr(i)))
    + "]"
)


def visible(value: Any) -> Any:
    """Every value printed into a letter: a bidirectional or other control character (quoted
    from a record, say) is shown as [U+XXXX] instead of reordering or breaking the letter's
    lines; the character is not lost and the layout holds."""
    if not isinstance(value, str) or isinstance(value, markupsafe.Markup):
        return value
    if _HIDDEN.search(value) is None:
        return value
    return "".join(
        f"[U+{ord(c):04X}]" if _hidden(c) else c
        for c in value
    )


def _make_env(*, html: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        finalize=visible,
        loader=jinja2.PackageLoader("openimr.letters", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=html,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(mdy=mdy, and_list=and_list, sentence=sentence, paragraphs=paragraphs)
    return env


@cache
def text_env() -> jinja2.Environment:
    """Environment for text (and for the PDF's sentences): StrictUndefined, no escaping."""
    return _make_env(html=False)


@cache
def html_env() -> jinja2.Environment:
    """Environment for HTML: StrictUndefined and autoescape of every interpolated value."""
    return _make_env(html=True)


def phrases() -> Any:
    """The ``_phrases.j2`` module (text environment): headings, labels and sentence macros."""
    return text_env().get_template("_phrases.j2").module


# --------------------------------------------------------------------------- context


def is_draft(d: Determination) -> bool:
    """A letter is a draft when unsigned or when any item still awaits the reviewer."""
    return d.status == "draft" or any(i.decision == "undetermined" for i in d.items)


def context(d: Determination, organization: str | None = None) -> dict[str, Any]:
    """What the templates receive: the Determination itself plus the few derived values."""
    org = (organization or DEFAULT_ORGANIZATION).strip() or DEFAULT_ORGANIZATION
    return {
        "d": d,
        "organization": org,
        "draft": is_draft(d),
        "undetermined": sum(1 for i in d.items if i.decision == "undetermined"),
    }


def _check(d: Determination) -> None:
    """Refuse a Determination no letter can be written from (clear message, no half letter)."""
    if not d.items:
        raise LetterRenderError(f"{d.case_number}: items: a letter needs at least one item")
    if not d.reviewer.licensed_in:
        raise LetterRenderError(
            f"{d.case_number}: reviewer.licensed_in: empty; the letter must state the licensure"
        )
    if is_draft(d):
        return  # a draft may still have gaps; it shows them as "Not yet written."
    if not d.clinical_case_summary.strip():
        raise LetterRenderError(
            f"{d.case_number}: clinical_case_summary: empty in a signed determination"
        )
    for n, item in enumerate(d.items):
        if not item.rationale.strip():
            raise LetterRenderError(
                f"{d.case_number}: items[{n}].rationale: empty in a signed determination"
            )


# --------------------------------------------------------------------------- text


def wrap_text(text: str, width: int = TEXT_WIDTH) -> str:
    """Wrap every long line at ``width`` and keep one blank line between paragraphs."""
    out: list[str] = []
    for line in text.splitlines():
        if len(line) <= width:
            out.append(line.rstrip())
            continue
        out.extend(textwrap.wrap(line, width=width, break_long_words=False, break_on_hyphens=False))
    joined = "\n".join(out)
    joined = re.sub(r"\n{3,}", "\n\n", joined)
    return joined.strip("\n") + "\n"


def _run(env: jinja2.Environment, name: str, ctx: dict[str, Any]) -> str:
    try:
        return env.get_template(name).render(ctx)
    except jinja2.UndefinedError as exc:
        raise LetterRenderError(f"template {name}: missing field: {exc.message}") from exc


def render_text_context(ctx: dict[str, Any]) -> str:
    """The text letter from a template context (separate so tests can break the context)."""
    return wrap_text(_run(text_env(), "letter.txt.j2", ctx))


def render_html_context(ctx: dict[str, Any]) -> str:
    """The HTML letter from a template context."""
    html = _run(html_env(), "letter.html.j2", ctx)
    return re.sub(r"\n\s*\n+", "\n", html).strip() + "\n"


# --------------------------------------------------------------------------- entry point


def render(
    determination: Determination, fmt: str, *, organization: str | None = None
) -> str | bytes:
    """Render ``determination`` as ``fmt``: "text", "html", "json", "fhir" (str) or "pdf" (bytes).

    "fhir" is a FHIR R4 Bundle: the ClaimResponse and the text letter as a DocumentReference.

    ``organization`` names the IMRO in the letter (default "IMRO"): it sends the case file
    and labels the reviewer's guideline line ("<organization> guideline:").
    """
    if fmt not in FORMATS:
        raise LetterRenderError(f"unknown letter format {fmt!r}; expected one of {FORMATS}")
    try:
        return _render(determination, fmt, organization)
    except AttributeError as exc:  # a Determination built without validation lacks a field
        raise LetterRenderError(f"{fmt} letter: missing field: {exc}") from exc


def _render(d: Determination, fmt: str, organization: str | None) -> str | bytes:
    if fmt == "json":
        from openimr.letters.json_out import to_json

        return to_json(d)
    if fmt == "fhir":
        from openimr.letters.fhir_out import to_fhir_json

        return to_fhir_json(d, organization)
    _check(d)
    ctx = context(d, organization)
    if fmt == "text":
        return render_text_context(ctx)
    if fmt == "html":
        return render_html_context(ctx)
    from openimr.letters.pdf import render_pdf_context

    try:
        return render_pdf_context(ctx)
    except jinja2.UndefinedError as exc:
        raise LetterRenderError(f"PDF letter: missing field: {exc.message}") from exc
