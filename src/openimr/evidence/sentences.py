"""A fast rule-based sentence splitter for clinical notes and PDF text layers.

PyRuSH (medspaCy's default) is accurate on discharge summaries but slow, and it joins the
short "Header: finding" lines of examination notes. Negation scope ends at the sentence, so
the splitter decides a good share of ConText's accuracy: it breaks at sentence punctuation,
at a line that ends a statement or starts a header or a list item, and at semicolons, and
it keeps abbreviations ("Dr.", "e.g.", "b.i.d.") and decimal numbers together.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import IDX, IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

ABBREVIATIONS = frozenset(
    (
        "dr", "mr", "mrs", "ms", "prof", "st", "vs", "v", "e.g", "eg", "i.e", "ie", "etc", "approx",
        "appt", "dept", "fig", "no", "nos", "pt", "pts", "a.m", "p.m", "am", "pm", "b.i.d", "t.i.d",
        "q.i.d", "q.d", "q.h", "p.o", "p.r.n", "bid", "tid", "qid", "qd", "qhs", "prn", "po", "mg",
        "mcg", "ml", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
        "dec", "inc", "co", "corp", "ltd", "jr", "sr", "ph.d", "m.d", "d.o", "u.s", "hx", "dx",
        "tx", "sx", "fx", "rx", "cf", "al", "resp", "temp", "wt", "ht", "min", "max", "sig", "disp",
        "qty", "cap", "tab", "tabs",
    )
)

# Dose units and directions end a sentence as often as they shorten a word ("Norco 10/325mg.
# On 11-3-16, ..."): before a capitalised word in lower case ("On", "The") they end it; before
# a word in capitals ("mg. PO daily") they do not.
_UNIT_ABBREVIATIONS = frozenset(
    ("mg", "mcg", "ml", "bid", "tid", "qid", "qd", "qhs", "prn", "po", "b.i.d", "t.i.d", "q.i.d",
     "q.d", "p.o", "p.r.n", "tab", "tabs", "cap", "qty")
)
_WORD_START = re.compile(r"[A-Z][a-z]+\b")

# A line that starts a new unit: a header "Word(s):", a list bullet, a numbered item.
_LINE_START = re.compile(
    r"^\s*(?:[-*\u2022\u25aa\u25cf>]\s|\d{1,2}[.)]\s|\(?[a-z]\)\s|[A-Z][A-Za-z /&'()-]{0,40}:)"
)
_TERMINAL = re.compile(r"[.?!:;]\s*$")
_GLUED = re.compile(r"(?<=[a-z]{2}[.?!])(?=[A-Z][a-z])")
_UPPER_LINE = re.compile(r"^[^a-z]*[A-Z][^a-z]*$")


_SPACE_RUN = re.compile(r"[^\s] {3,}(?=[A-Z0-9*_])")
_UNIT_AFTER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789*_")


def _space_runs(text: str) -> list[int]:
    r"""``[m.end() for m in _SPACE_RUN.finditer(text)]``: the end of each run of three spaces
    or more that follows a character that is no whitespace (``\s`` is ``str.isspace``) and
    comes before a capital, a digit, "*" or "_" (ASCII). The runs are found with ``find``,
    which the engine, trying the expression at every character, is not (a tenth of a
    document's splitting)."""
    out = []
    n = len(text)
    i = text.find("   ")
    while i >= 0:
        # ``i`` starts a run (the search goes on from the end of the one before, which is
        # no space)
        j = i + 3
        while j < n and text[j] == " ":
            j += 1
        if i and not text[i - 1].isspace() and j < n and text[j] in _UNIT_AFTER:
            out.append(j)
        i = text.find("   ", j)
    return out


_STOP_BEFORE_CAPITAL = re.compile(r"[.?!](?=[A-Z][a-z])")


def _glued(text: str) -> list[int]:
    """``[m.start() for m in _GLUED.finditer(text)]``, looked for from the stop (``_GLUED``
    opens with a lookbehind, which the engine tries at every character): a stop with two
    ASCII lower-case letters before it and a capitalised word right after."""
    out = []
    for m in _STOP_BEFORE_CAPITAL.finditer(text):
        q = m.start()
        if q >= 2 and "a" <= text[q - 2] <= "z" and "a" <= text[q - 1] <= "z":
            out.append(q + 1)
    return out


def boundary_offsets(text: str) -> set[int]:
    """Character offsets where a new sentence starts (excluding 0)."""
    starts: set[int] = set()
    n = len(text)
    # Line-based boundaries.
    lines = text.split("\n")
    pos = 0
    prev: str | None = None
    for line in lines:
        if prev is not None:
            stripped = line.strip()
            prev_s = prev.strip()
            if stripped and (
                not prev_s
                or _TERMINAL.search(prev_s)
                or _LINE_START.match(line)
                or _UPPER_LINE.match(prev_s)
                or (stripped[0].isupper() and len(prev_s) < 50)
            ):
                starts.add(pos + (len(line) - len(line.lstrip())))
        prev = line
        pos += len(line) + 1
    # Flattened layouts: a run of 3+ spaces before a capital, a digit or "*" ends a unit
    # ("Measurements Not Obtainable ***      REFERRING DIAGNOSIS: ...").
    starts.update(_space_runs(text))
    # Sentences a PDF text layer glued together ("was noted.The injured worker"): a lower-case
    # word of two letters or more, the stop, and a capitalised word with no space between.
    starts.update(_glued(text))
    # Punctuation-based boundaries.
    for m in re.finditer(r"[.?!;]+(?=[\s\"')\]]*\s)", text):
        end = m.end()
        j = end
        while j < n and text[j] in "\"')] \t\r\n":
            j += 1
        if j >= n:
            continue
        punct = m.group()
        nxt = text[j]
        if punct.startswith(";"):
            starts.add(j)
            continue
        if punct.startswith("."):
            word = re.search(r"([A-Za-z][A-Za-z.]*)\.*$", text[max(0, m.start() - 12) : m.start()])
            if word is not None:
                w = word.group(1).lower().rstrip(".")
                if w in ABBREVIATIONS and not (
                    w in _UNIT_ABBREVIATIONS and _WORD_START.match(text, j)
                ):
                    continue
                # An initial ("J. Smith") or a one-letter side ("R.") before a lowercase word.
                if len(w) == 1 and not nxt.isupper():
                    continue
            if not (nxt.isupper() or nxt.isdigit() or nxt in "(\"'[-*\u2022"):
                continue
        starts.add(j)
    starts.discard(0)
    return starts


# Where one sentence joins two statements with their own subjects (", and the original
# utilization review denied ...", ", and the injured worker reported ..."): a clause that
# continues the same subject ("..., and noted ...", "..., and it cited ...") is not cut.
# A noun that opens the next part is its subject only when a verb follows it in that part: the
# last entry of a list ("requested an MRI, EMG/NCV, and a TENS unit", "and physical therapy 2
# times a week") continues the list and its verb; "..., and the examination revealed ..." and
# "..., and a urine drug screen was consistent" are statements of their own; a parenthesis
# between noun and verb is skipped (", and the original UR (November 22, 2016) denied ...").
_JOIN_VERB = (
    r"was|were|is|are|has|have|had|showed|shows|revealed|reveals|reported|reports|noted|notes|"
    r"demonstrated|demonstrates|indicated|indicates|documented|documents|denied|denies|"
    r"certified|non-certified|noncertified|modified|requested|requests|recommended|"
    r"recommends|found|finds|gave|gives|provided|provides|did|does|stated|states|remained|"
    r"remains|included|includes|continued|continues|complained|complains|cited|deemed|will|"
    r"would|could|can|may|should|helped|improved|decreased|increased|resolved|failed|"
    r"authorized|approved|upheld|overturned|ordered|prescribed|performed|completed"
)
CLAUSE_JOIN = re.compile(
    r",\s+(?:and|but|while|whereas)\s+(?=(?:he|she|there|on|in|per|during|at)\b"
    r"|(?:the|a|an|his|her|medical|objective|physical|examination|exam|provider|"
    r"documentation|records|treatment|prior)\b(?:[^,;.(]|\([^()]{0,40}\)){0,80}?\b(?:"
    + _JOIN_VERB
    + r")\b)",
    re.IGNORECASE,
)


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The characters of ``text`` (one sentence) of the clause that holds ``start``..``end``."""
    lo, hi = 0, len(text)
    for m in CLAUSE_JOIN.finditer(text):
        if m.end() <= start:
            lo = m.end()
        elif m.start() >= end:
            hi = m.start()
            break
    return lo, hi


_WRAP = re.compile(r"(?<=[^\s])(\r?\n)(?=[a-z])")
# the line breaks before a lower-case letter: ``_WRAP`` opens with a lookbehind, which the
# engine tries at every character of the text (5 ms for a 50-page record); a plain "\n" it
# skips to (0.1 ms)
_BREAK_BEFORE_LOWER = re.compile(r"\n(?=[a-z])")


def _wraps(text: str) -> list[tuple[int, int]]:
    r"""(start, end) of each match of ``_WRAP`` in ``text``, as ``finditer`` gives them: a
    "\n" before a lower-case letter, with the "\r" before it, after a character that is no
    whitespace (``\s`` and ``str.isspace`` are the same test)."""
    out = []
    for m in _BREAK_BEFORE_LOWER.finditer(text):
        i = m.start()
        start = i - 1 if i and text[i - 1] == "\r" else i
        if start and not text[start - 1].isspace():
            out.append((start, i + 1))
    return out


def unwrap_lines(text: str) -> str:
    """``text`` with the line breaks a PDF text layer puts inside a sentence ("... included
    physical\ntherapy, work ...") as spaces, so that a phrase cut by the wrap reads whole.

    A break is a wrap when the line before it ends in a word or a comma (not in sentence
    punctuation, a colon or a line in capitals) and the line after starts with a lower-case
    letter and is no header or list item: where :func:`boundary_offsets` starts no sentence.
    Every break becomes as many spaces as it had characters, so offsets do not move.
    """
    if "\n" not in text:
        return text
    parts: list[str] = []  # the text between the wraps and their spaces, joined once
    done = 0
    for start, end in _wraps(text):
        line_start = text.rfind("\n", 0, start) + 1
        prev = text[line_start:start].strip()
        nxt_end = text.find("\n", end)
        nxt = text[end : nxt_end if nxt_end >= 0 else len(text)]
        if not prev or _TERMINAL.search(prev) or _UPPER_LINE.match(prev):
            continue
        if _LINE_START.match(nxt):
            continue
        parts += [text[done:start], " " * (end - start)]
        done = end
    if not parts:
        return text
    parts.append(text[done:])
    return "".join(parts)


TEXT_KEY = "openimr_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, kept in ``doc.user_data``: spaCy joins it token by token at each access,
    and the splitter, both rule matchers and the findings each read it. (No component of the
    pipeline changes the tokens, so the text does not change.)"""
    got = doc.user_data.get(TEXT_KEY)
    if got is None:
        got = doc.text
        doc.user_data[TEXT_KEY] = got
    return str(got)


@Language.component("openimr_sentences")
def openimr_sentences(doc: Doc) -> Doc:
    """Mark sentence starts from :func:`boundary_offsets`, all in one array call.

    A token starts a sentence when a boundary offset is its first character, or the first
    character of the whitespace token before it; a whitespace token never does; the first
    token always does. (Setting ``is_sent_start`` token by token costs a scan of the whole
    document each time; the tokens are read as arrays too, and the offsets are looked up in
    a table by character, not with ``numpy.isin``, whose fixed cost was most of a short
    document's.)
    """
    n = len(doc)
    if n == 0:
        return doc
    text = doc_text(doc)
    starts = boundary_offsets(text)
    cols = doc.to_array([IDX, IS_SPACE]).astype("int64")
    idx, space = cols[:, 0], cols[:, 1] == 1
    marked = numpy.zeros(len(text) + 1, dtype=bool)
    if starts:
        marked[numpy.fromiter(starts, dtype="int64", count=len(starts))] = True
    hit = marked[idx]
    prev = numpy.zeros(n, dtype=bool)
    prev[1:] = space[:-1] & hit[:-1]
    start = ~space & (hit | prev)
    start[0] = True
    values = numpy.where(start, 1, -1).astype("int64").reshape(n, 1)
    doc.from_array([SENT_START], values.view("uint64"))  # type: ignore[arg-type]  # uint64 cells
    return doc
