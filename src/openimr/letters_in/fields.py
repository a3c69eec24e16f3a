"""Small facts read from a letter: header dates, reviewer credentials, the patient's age and sex.

Each reader takes whitespace-normalised text and returns ``None`` (or an empty list) when the
fact is absent or unreadable, with a warning string the parser passes on; none raises.
"""

from __future__ import annotations

import datetime as dt
import re

CASE_NUMBER = re.compile(r"\b(CM\d{2}-\d{7}|IMR\s?\d{2}-\d{6})\b")
_DATE = r"(\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2})"
_HEADER_FIELDS = {
    "date_assigned": r"Date\s+Assigned\s*:\s*",
    "date_of_injury": r"Date\s+of\s+Injury\s*:\s*",
    "decision_date": r"Decision\s+Date\s*:\s*",
    "ur_denial_date": r"UR\s+Denial\s+Date\s*:\s*",
    # "Priority: Standard Application Received: 11/25/2013", with the pieces of the
    # two-column header in any order pypdf or pdfplumber put them.
    "application_received": r"Application\s+(?:Received\s*:?\s*)?(?:Received\s*:?\s*)?",
}
_NOT_STATED = re.compile(r"^(?:Not stated|N/?A|None|Unknown)\b", re.I)


def parse_date(s: str) -> dt.date | None:
    """MM/DD/YYYY (or MM/DD/YY, or ISO) as a date; None when it is not a real date."""
    try:
        if "-" in s:
            return dt.date.fromisoformat(s)
        m, d, y = (int(x) for x in s.split("/"))
        if y < 100:
            y += 2000 if y < 70 else 1900
        return dt.date(y, m, d)
    except ValueError:
        return None


def header_dates(header: str, warnings: list[str]) -> dict[str, dt.date | None]:
    """The six header dates; a label with a malformed date gives None and a warning."""
    out: dict[str, dt.date | None] = {}
    for field, label in _HEADER_FIELDS.items():
        value: dt.date | None = None
        m = re.search(label + r"(?:Received\s*:\s*)?" + _DATE, header, re.I)
        if field == "application_received" and not m:
            # pdfplumber: "Priority: Standard Application 11/03/2016 Received:"
            m = re.search(r"Application\s+" + _DATE, header, re.I)
        if m:
            value = parse_date(m.group(1))
            if value is None:
                warnings.append(f"header: {field} {m.group(1)!r} is not a date")
        out[field] = value
    return out


def priority(header: str) -> str | None:
    m = re.search(r"Priority\s*:\s*(Standard|Expedited|Regular|Urgent)", header, re.I)
    if not m:
        return None
    return "expedited" if m.group(1).lower() in ("expedited", "urgent") else "standard"


def _split_list(s: str, and_too: bool = False) -> list[str]:
    """Split a list at commas and semicolons (and at 'and' for place names, never for
    specialties such as 'Physical Medicine and Rehabilitation')."""
    sep = r"\s*,\s*(?:and\s+)?|\s*;\s*" + (r"|\s+and\s+(?=[A-Z])" if and_too else "")
    parts = re.split(sep, s)
    return [p.strip(" .") for p in parts if p.strip(" .")]


def credentials(text: str) -> tuple[list[str], list[str]]:
    """(licensure states, certifications/specialties) from the reviewer paragraph.

    2016 layout: "State(s) of Licensure: California,Texas" and
    "Certification(s)/Specialty: Anesthesiology, Pain Management". 2013 layout: "is Board
    Certified in Family Medicine, has a subspecialty in Pain Management and is licensed to
    practice in California".
    """
    states: list[str] = []
    specialties: list[str] = []
    if m := re.search(
        r"State\(s\) of Licensure\s*:\s*(.+?)(?=\s*Certification\(s\)|\s*$|\.\s)", text, re.I
    ):
        states = _split_list(m.group(1), and_too=True)
    if m := re.search(r"Certification\(s\)\s*/\s*Specialt(?:y|ies)\s*:\s*(.+?)\s*$", text, re.I):
        specialties = _split_list(_first_sentence(m.group(1)))
    if not specialties:
        for m in re.finditer(
            r"Board[- ]Certified in (.+?)(?=,? (?:has|with|who)\b|,? and (?:is|has)\b|[.;]|$)",
            text,
            re.I,
        ):
            specialties.extend(_split_list(m.group(1)))
        for m in re.finditer(
            r"(?:a )?sub-?specialty (?:certification )?in "
            r"(.+?)(?=,? and (?:is|has)\b|,? (?:is|has)\b|[.;]|$)",
            text,
            re.I,
        ):
            specialties.extend(_split_list(m.group(1)))
    if not states:
        for m in re.finditer(
            r"licensed to practice (?:medicine )?in (?:the states? of )?(.+?)(?=\.|;|$)",
            text,
            re.I,
        ):
            states.extend(_split_list(m.group(1), and_too=True))
    return _dedupe(states), _dedupe(specialties)


def _first_sentence(s: str) -> str:
    m = re.match(r"(.+?)(?:\.\s+[A-Z]|$)", s)
    return m.group(1) if m else s


def _dedupe(values: list[str]) -> list[str]:
    seen: list[str] = []
    for v in values:
        if v and v not in seen:
            seen.append(v)
    return seen


_AGE = re.compile(
    r"\b(\d{1,3})[- ](?:years?|yrs?|y/o)(?:[- ]old)?\b|\bage(?:d)?\s*:?\s*(\d{1,3})\b", re.I
)


def age_sex(summary: str | None) -> tuple[int | None, str | None]:
    """The patient's age and sex as the summary states them ("a 48 year old male").

    Age only from an explicit statement (the first one; none gives None). Sex from
    the words right after the age, else the first sex word, else a clear pronoun majority.
    """
    if not summary:
        return None, None
    text = " ".join(summary.split())
    ages = []
    sex: str | None = None
    for m in _AGE.finditer(text):
        if m.group(1) and not re.match(
            r"[- ](?:years?|yrs?)[- ]old|[- ]y/o", text[m.end(1) :], re.I
        ):
            continue  # "for 3 years" is a duration, not an age
        value = int(m.group(1) or m.group(2))
        if 14 <= value <= 100:
            ages.append(value)
            if sex is None:
                sex = _sex_of(text[m.end() : m.end() + 40])
    age = ages[0] if ages else None
    if sex is None:
        word = re.search(r"\b(male|female|man|woman|gentleman|lady)\b", text, re.I)
        if word:
            sex = _sex_of(word.group(0))
    if sex is None:
        he = len(re.findall(r"\b(?:he|his|him)\b", text, re.I))
        she = len(re.findall(r"\b(?:she|her|hers)\b", text, re.I))
        if he >= 2 and he >= 3 * max(she, 1) and she == 0:
            sex = "male"
        elif she >= 2 and she >= 3 * max(he, 1) and he == 0:
            sex = "female"
    return age, sex


def _sex_of(s: str) -> str | None:
    m = re.search(r"\b(male|female|man|woman|gentleman|lady|boy|girl)\b", s, re.I)
    if not m:
        return None
    w = m.group(1).lower()
    return "female" if w in ("female", "woman", "lady", "girl") else "male"
