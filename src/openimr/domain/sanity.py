"""What cannot be true in a case bundle: the checks behind the bundle's field types.

Pure functions, no I/O. Field validators (:func:`as_date`, :func:`check_case_number` ...)
refuse a value by itself; :func:`impossible_values` refuses combinations (an injury after the
UR denial, a birth after the injury, a date in the future) and names the field of each.

Case numbers follow the DWC pattern ``CMyy-nnnnnnn`` (``CM13-0057725``); the 2013 form
``IMR 13-000004`` is accepted too, and so is the documented local pattern for variants, test
and training cases: ``CM``, two digits, a hyphen, then letters, digits and hyphens, 48
characters at most (``CM13-0057725-V1``, ``CM00-relaxant-acute-flare``). Spaces, slashes,
dots, markup, line breaks and control characters never pass.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from pathlib import PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openimr.domain.bundle import CaseBundle

CASE_NUMBER = re.compile(r"CM\d{2}-\d{7}|IMR \d{2}-\d{6}")  # DWC's own
LOCAL_CASE_NUMBER = re.compile(r"CM\d{2}-[A-Za-z0-9](?:[A-Za-z0-9-]{0,42}[A-Za-z0-9])?")
CASE_NUMBER_HELP = (
    "CMyy-nnnnnnn, e.g. CM13-0057725; locally CMyy- then letters, digits and hyphens"
)
MAX_IDENTIFIER = 64
MAX_LINE = 2000
EARLIEST = dt.date(1900, 1, 1)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Unicode's explicit directional formatting characters (embeddings, overrides, isolates and
# marks): copied into a letter they reorder what the reader sees.
BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:50] + "...' (" + f"{len(str(value))} characters)"


def as_date(value: Any) -> Any:
    """A date, or a ``YYYY-MM-DD`` string; refuse numbers, booleans and times of day."""
    if isinstance(value, dt.datetime):
        raise ValueError(
            f"'{value.isoformat(sep=' ')}' has a time of day; give a date only (YYYY-MM-DD)"
        )
    if isinstance(value, dt.date) or value is None:
        return value
    if isinstance(value, bool):
        raise ValueError(f"{str(value).lower()} is a boolean, not a date (use YYYY-MM-DD)")
    if isinstance(value, int | float):
        raise ValueError(f"{value!r} is a number, not a date (use YYYY-MM-DD)")
    if isinstance(value, str):
        text = value.strip()
        if _ISO_DATE.fullmatch(text):
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                raise ValueError(f"{_show(value)} is not a date: no such day") from None
        if _ISO_DATE.match(text):
            try:
                dt.datetime.fromisoformat(text)
            except ValueError:
                pass
            else:
                raise ValueError(
                    f"{_show(value)} has a time of day; give a date only (YYYY-MM-DD)"
                )
        raise ValueError(f"{_show(value)} is not a date (use YYYY-MM-DD)")
    raise ValueError(f"a {type(value).__name__} is not a date (use YYYY-MM-DD)")


def as_date_or_datetime(value: Any) -> Any:
    """Like :func:`as_date` but a date-time (``2013-11-25T17:45``) is allowed too."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and not _ISO_DATE.fullmatch(value.strip()):
        try:
            return dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(
                f"{_show(value)} is not a date or date-time (use YYYY-MM-DD or YYYY-MM-DDTHH:MM)"
            ) from None
    return as_date(value)


def as_whole_number(value: Any) -> Any:
    """An integer; refuse booleans (YAML ``true`` is not 1), fractions and numeric strings."""
    if isinstance(value, bool):
        raise ValueError(f"{str(value).lower()} is a boolean, not a whole number")
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise ValueError(f"{value!r} is not a whole number")
    if isinstance(value, int) or value is None:
        return value
    raise ValueError(f"{_show(value)} is not a whole number")


def _bad_character(text: str, allow_newlines: bool = False) -> str | None:
    for i, ch in enumerate(text):
        if ch in BIDI:
            return f"a bidirectional control character (U+{ord(ch):04X}) at position {i + 1}"
        cat = unicodedata.category(ch)
        if cat == "Cc" and not (allow_newlines and ch in "\n\t"):
            what = "a line break" if ch in "\r\n\v\f\x85" else "a control character"
            return f"{what} (U+{ord(ch):04X}) at position {i + 1}"
        if cat in ("Cf", "Cs", "Co", "Zl", "Zp") and ch not in "\u00ad\u200d":
            return f"an invisible or format character (U+{ord(ch):04X}) at position {i + 1}"
    return None


def check_identifier(value: Any) -> Any:
    """An id (record, request): one short line of visible characters, no path or markup."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return value  # the str type reports it
    text = str(value).strip()
    if len(text) > MAX_IDENTIFIER:
        raise ValueError(f"{_show(text)} is longer than {MAX_IDENTIFIER} characters")
    bad = _bad_character(text)
    if bad:
        raise ValueError(f"{_show(text)} contains {bad}")
    if any(c in text for c in "<>/\\&\"'`") or ".." in text:
        raise ValueError(
            f"{_show(text)} may not contain < > / \\ & quotes or '..' (an identifier, not markup "
            "or a path)"
        )
    return text


def check_case_number(value: Any) -> Any:
    if not isinstance(value, str):
        if isinstance(value, bool) or not isinstance(value, int):
            return value
        value = str(value)
    text = value.strip()
    if len(text) > MAX_IDENTIFIER:
        raise ValueError(f"{_show(text)} is longer than {MAX_IDENTIFIER} characters")
    bad = _bad_character(text)
    if bad:
        raise ValueError(f"{_show(text)} contains {bad}")
    if not (CASE_NUMBER.fullmatch(text) or LOCAL_CASE_NUMBER.fullmatch(text)):
        raise ValueError(f"{_show(text)} is not a DWC case number ({CASE_NUMBER_HELP})")
    return text


def check_line(value: Any) -> Any:
    """Short free text shown on one line: any script, but no line breaks, controls or bidi."""
    if not isinstance(value, str):
        return value
    if len(value) > MAX_LINE:
        raise ValueError(f"is {len(value)} characters long (at most {MAX_LINE})")
    bad = _bad_character(value.strip())
    if bad:
        raise ValueError(f"{_show(value)} contains {bad}")
    return value


def relative_path_problem(name: str) -> str | None:
    """Why ``name`` cannot be a record path relative to the bundle (None when it can)."""
    if not name.strip():
        return "is empty"
    if any(ord(c) < 32 or c == "\x7f" for c in name):
        return "contains a control character"
    if (
        PurePosixPath(name).is_absolute()
        or PureWindowsPath(name).is_absolute()
        or name.startswith(("\\", "~"))
        or PureWindowsPath(name).drive
    ):
        return f"{name!r} is an absolute path; give a path relative to the bundle's folder"
    if ".." in PureWindowsPath(name).parts or ".." in PurePosixPath(name).parts:
        return f"{name!r} leaves the bundle's folder ('..'); record files must be inside it"
    return None



def check_relative_path(value: Any) -> Any:
    if isinstance(value, str):
        problem = relative_path_problem(value)
        if problem:
            raise ValueError(problem)
    return value


def _future(day: dt.date | None, today: dt.date) -> bool:
    return day is not None and day > today


def impossible_values(b: CaseBundle, today: dt.date | None = None) -> Iterator[tuple[str, str]]:
    """(field, problem) for every value that cannot be true, in the order of the contract."""
    today = today or dt.date.today()
    yield from _case_dates(b, today)
    yield from _injury(b, today)
    yield from _birth(b, today)
    yield from _records(b, today)
    if b.application is not None:
        yield from _application(b, today)


_ORDER = [
    ("application_received", "ur_denial", "the application comes after the UR decision"),
    ("assigned", "application_received", "assignment comes after the application"),
    ("assigned", "ur_denial", "assignment comes after the UR decision"),
    ("records_received", "ur_denial", "the records come after the UR decision"),
    ("decision", "ur_denial", "the IMR decision comes after the UR decision"),
    ("decision", "assigned", "the IMR decision comes after assignment"),
]


def _case_dates(b: CaseBundle, today: dt.date) -> Iterator[tuple[str, str]]:
    d = b.dates
    for name in ("application_received", "assigned", "ur_denial", "records_received", "decision"):
        day = getattr(d, name)
        if _future(day, today):
            yield f"dates.{name}", f"{day} is in the future"
        if day is not None and day < EARLIEST:
            yield f"dates.{name}", f"{day} is before {EARLIEST.year}"
    for later, earlier, why in _ORDER:
        a, e = getattr(d, later), getattr(d, earlier)
        if a is not None and e is not None and a < e:
            yield f"dates.{later}", f"{a} is before dates.{earlier} {e} ({why})"


def _injury(b: CaseBundle, today: dt.date) -> Iterator[tuple[str, str]]:
    injury, ur = b.claim.date_of_injury, b.dates.ur_denial
    if _future(injury, today):
        yield "claim.date_of_injury", f"{injury} is in the future"
    if injury < EARLIEST:
        yield "claim.date_of_injury", f"{injury} is before {EARLIEST.year}"
    if injury > ur:
        yield "claim.date_of_injury", (
            f"{injury} is after dates.ur_denial {ur} (UR reviews treatment of an injury "
            "that has happened)"
        )


def _birth(b: CaseBundle, today: dt.date) -> Iterator[tuple[str, str]]:
    birth, injury = b.patient.date_of_birth, b.claim.date_of_injury
    if birth is None:
        return
    if _future(birth, today):
        yield "patient.date_of_birth", f"{birth} is in the future"
    elif birth > injury:
        yield "patient.date_of_birth", f"{birth} is after claim.date_of_injury {injury}"
    elif birth < EARLIEST:
        yield "patient.date_of_birth", f"{birth} is before {EARLIEST.year}"
    age = b.patient.age_on(b.dates.ur_denial)
    if age is not None and b.patient.age is not None and abs(age - b.patient.age) > 1:
        yield "patient.age", (
            f"{b.patient.age} does not match patient.date_of_birth {birth} "
            f"({age} on the UR denial date)"
        )


def _records(b: CaseBundle, today: dt.date) -> Iterator[tuple[str, str]]:
    birth = b.patient.date_of_birth
    for i, rec in enumerate(b.records):
        if _future(rec.date, today):
            yield f"records[{i}].date", f"{rec.date} is in the future"
        elif rec.date is not None and birth is not None and rec.date < birth:
            yield f"records[{i}].date", f"{rec.date} is before patient.date_of_birth {birth}"


def _application(b: CaseBundle, today: dt.date) -> Iterator[tuple[str, str]]:
    app, ur = b.application, b.dates.ur_denial
    if app is None:
        return
    for name in ("signature_date", "ur_served"):
        day = getattr(app, name)
        if _future(day, today):
            yield f"application.{name}", f"{day} is in the future"
    received = app.received
    rday = received.date() if isinstance(received, dt.datetime) else received
    if _future(rday, today):
        yield "application.received", f"{rday} is in the future"
    if rday is not None and rday < ur:
        yield "application.received", (
            f"{rday} is before dates.ur_denial {ur} (nothing to apply against yet)"
        )
    if app.ur_served is not None and app.ur_served < ur:
        yield "application.ur_served", f"{app.ur_served} is before dates.ur_denial {ur}"
    for j, prior in enumerate(app.prior_imr):
        if _future(prior.decided, today):
            yield f"application.prior_imr[{j}].decided", f"{prior.decided} is in the future"
