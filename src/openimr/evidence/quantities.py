"""Dates and quantities written in clinical text: "10-19-16", "November 10, 2016", "2x6",
"12 sessions", "#60", "10/325 mg", "VAS 7/10", "90 MED", "L5 dermatome", "4/5".

Each parser takes a piece of text and returns a short normalised string (or a date), so a
finding can carry the number a guideline criterion needs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from openimr.evidence.regex_scan import SHORT, FastRegex
from openimr.intake.vocabulary import SPINAL_LEVEL

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}
_MONTH_RX = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_NUMERIC = re.compile(r"(?<![\d/.-])(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})(?![\d/-])")
_ISO = re.compile(r"(?<![\d/-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")
_NAMED = re.compile(_MONTH_RX + r"\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.IGNORECASE)
_NAMED_DMY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH_RX + r"\.?,?\s+(\d{4})\b", re.I)
_MONTH_YEAR = re.compile(r"\b" + _MONTH_RX + r"\.?,?\s+(\d{4})\b", re.IGNORECASE)
_NUM_MONTH_YEAR = re.compile(r"(?<![\d/])(\d{1,2})/(\d{4})(?![\d/])")
_DATE_PATTERNS = (_ISO, _NUMERIC, _NAMED, _NAMED_DMY, _MONTH_YEAR, _NUM_MONTH_YEAR)
_HAS_YEAR = re.compile(r"\d{4}")
_HAS_SEP = re.compile(r"\d[/-]\d")


_FAST: dict[re.Pattern[str], FastRegex] = {}

# What the date expressions of one long text share (FastRegex.spans): the text's lower case,
# the longest runs of its character classes, and where each expression's strings occur in it.
_Shared = tuple[str, dict[int, int], dict[str, list[int]]]


def _fast(rx: re.Pattern[str]) -> FastRegex:
    fast = _FAST.get(rx)
    if fast is None:
        fast = _FAST[rx] = FastRegex(rx)
    return fast


def _shared(text: str, patterns: tuple[re.Pattern[str], ...]) -> _Shared | None:
    """For a long ASCII text, what the searches of ``patterns`` in it share: each of their
    strings is looked for once (the named-date expressions have the same twelve month
    names), as ``FastRegex.spans`` itself looks for them, every occurrence, overlaps
    included. None for a short text or one that is not ASCII (searched with finditer)."""
    if len(text) < SHORT or not text.isascii():
        return None
    low = text.lower()
    found: dict[str, list[int]] = {}
    for rx in patterns:
        for factor in _fast(rx).strings:
            if factor in found:
                continue
            occ: list[int] = []
            i = low.find(factor)
            while i >= 0:
                occ.append(i)
                i = low.find(factor, i + 1)
            found[factor] = occ
    return low, {}, found


def _finditer(
    rx: re.Pattern[str], text: str, shared: _Shared | None = None
) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)``; in a long text the matches are found near the words every
    match holds (regex_scan.FastRegex: the same spans), each then matched again where it
    starts, which gives the same match (the same attempt at the same position). ``shared``:
    what several expressions searched in ``text`` share (:func:`_shared`)."""
    if len(text) < SHORT:
        yield from rx.finditer(text)
        return
    fast = _fast(rx)
    spans = fast.spans(text, *shared) if shared is not None else fast.spans(text)
    for start, _ in spans:
        m = rx.match(text, start)
        assert m is not None
        yield m


def _year(y: str) -> int:
    v = int(y)
    if len(y) == 2:
        return 2000 + v if v <= 40 else 1900 + v
    return v


def _mk(y: int, m: int, d: int) -> dt.date | None:
    if not 1900 <= y <= 2100:
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[int, int, dt.date]]:
    """Every date written in ``text`` with its character span, in order of appearance."""
    found: list[tuple[int, int, dt.date]] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, date: dt.date | None) -> None:
        if date is None or any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        found.append((start, end, date))

    # Every pattern needs what these find (a year of four digits, or digits on both sides of
    # "/" or "-"); a text without them has none of its dates, and most sentences have neither.
    year = _HAS_YEAR.search(text) is not None
    if not year and _HAS_SEP.search(text) is None:
        return found
    shared = _shared(text, _DATE_PATTERNS if year else (_NUMERIC,))
    for m in _finditer(_ISO, text, shared) if year else ():
        add(m.start(), m.end(), _mk(int(m.group(1)), int(m.group(2)), int(m.group(3))))
    for m in _finditer(_NUMERIC, text, shared):
        add(m.start(), m.end(), _mk(_year(m.group(3)), int(m.group(1)), int(m.group(2))))
    for m in _finditer(_NAMED, text, shared) if year else ():
        mon = _MONTHS[m.group(1).lower()[:3] if m.group(1).lower()[:4] != "sept" else "sep"]
        add(m.start(), m.end(), _mk(int(m.group(3)), mon, int(m.group(2))))
    for m in _finditer(_NAMED_DMY, text, shared) if year else ():
        mon = _MONTHS[m.group(2).lower()[:3]]
        add(m.start(), m.end(), _mk(int(m.group(3)), mon, int(m.group(1))))
    for m in _finditer(_MONTH_YEAR, text, shared) if year else ():
        add(m.start(), m.end(), _mk(int(m.group(2)), _MONTHS[m.group(1).lower()[:3]], 1))
    for m in _finditer(_NUM_MONTH_YEAR, text, shared) if year else ():
        if 1 <= int(m.group(1)) <= 12:
            add(m.start(), m.end(), _mk(int(m.group(2)), int(m.group(1)), 1))
    found.sort()
    return found


# A year alone as the time of an event ("an MRI in 2015", "surgery during 2013"); not "since
# 2014", which dates the start of something still going on, not the mention
_YEAR_ONLY = re.compile(
    r"\b(?:in|during)\s+(?:early\s+|mid[- ]?|late\s+|the\s+year\s+)?((?:19[5-9]|20\d)\d)\b"
    r"(?!\d|[/.-]\d|\s*(?:mg|mcg|%|ml|cc)\b)",
    re.I,
)


def find_years(text: str) -> list[tuple[int, int, int]]:
    """Every year written alone as the time of an event in ``text`` ("in 2015"), with its
    character span."""
    if _HAS_YEAR.search(text) is None:
        return []
    return [(m.start(1), m.end(1), int(m.group(1))) for m in _YEAR_ONLY.finditer(text)]


def parse_date(text: str) -> dt.date | None:
    """The first date written in ``text``, or None."""
    dates = find_dates(text)
    return dates[0][2] if dates else None


_ROOT = re.compile(r"\b([CTLS])\s?-?([1-8])\b(?!\s*[-/]\s*[CTLS]?\d)")
_LEVEL = SPINAL_LEVEL
_PAIN = re.compile(r"(?<![\d/.])(\d{1,2}(?:\.\d)?)\s*(?:/|out of)\s*10\b(?!\s*/)", re.I)
_TIMES = re.compile(r"\b(\d{1,2})\s*[x\u00d7]\s*(\d{1,2})\b(?!\s*(?:mm|cm|mg))", re.I)
# up to three words between the count and the noun, hyphenated ones too ("12 post-op PT
# visits", "34 post-operative physical therapy visits"), but no span of time ("6 weeks of
# therapy visits" is no count of visits)
_BETWEEN = r"(?:(?!(?:days?|weeks?|months?|years?)\b)[\w-]+\s+){0,3}?"
_VISITS = re.compile(
    r"\b(\d{1,3})\s+" + _BETWEEN + r"(?:sessions?|visits?|treatments?|appointments?)\b", re.I
)
# a course authorized and the part of it attended ("authorized 12 sessions, 8 attended",
# "12 visits were certified, of which 8 were completed"): read as "8 of 12 visits"
_ATTENDED = re.compile(
    r"\b(\d{1,3})\s+(?:[\w-]+\s+){0,3}?(?:sessions?|visits?|treatments?)\b"
    r"(?:\s+(?:were|was)\s+(?:authorized|certified|approved))?,?\s+(?:(?:of\s+)?which\s+|and\s+)?"
    r"(\d{1,3})\s+(?:(?:were|have been|had been)\s+)?(?:attended|completed)\b",
    re.I,
)
_OF_VISITS = re.compile(
    r"\b(\d{1,3})\s*(?:of|/)\s*(\d{1,3})\s+(?:[\w-]+\s+){0,2}?(?:sessions?|visits?|treatments?)\b",
    re.I,
)
_DOSE = re.compile(
    r"(?<![\w/])(\d+(?:\.\d+)?(?:\s*/\s*\d+(?:\.\d+)?)?)\s*(mg|mcg|\u00b5g|ug|g|ml|units?|%)(?:(?<=%)|\b)(?:\s*/\s*(?:hr|h|hour|day))?",
    re.I,
)
_COUNT = re.compile(r"(?:#|no\.\s*|quantity\s*|qty:?\s*)(\d{1,4})\b", re.I)
_FREQ = re.compile(
    r"\b(b\.?i\.?d\.?|t\.?i\.?d\.?|q\.?i\.?d\.?|q\.?d\.?|q\.?h\.?s\.?|q\s?\d{1,2}\s?-?\s?\d{0,2}\s?h(?:ours?|rs?)?|"
    r"once (?:a|per) day|twice (?:a|per) day|three times (?:a|per) day|daily|nightly|at bedtime|"
    r"every \d{1,2}(?:\s*-\s*\d{1,2})? hours|as needed|p\.?r\.?n\.?)(?!\w)",
    re.I,
)
_DURATION = re.compile(
    r"\b(?:for|since|over|x)\s+(?:the\s+)?(?:(?:past|last)\s+)?"
    r"(?:\d{1,3}|one|two|three|four|five|six|several|many)\s*\+?\s*"
    r"(?:days?|weeks?|months?|years?|yrs?)\b|\bsince\s+(?:\d{1,2}/\d{4}|\d{4}|"
    + _MONTH_RX
    + r"\.?\s+\d{4})",
    re.I,
)
_MED = re.compile(
    r"\b(\d{1,4}(?:\.\d+)?)\s*(?:mg\s*)?(?:/\s*day\s*)?"
    r"(?:med|mme|mmed|medd|morphine (?:milligram )?equivalents?)\b"
    r"|\b(?:med|mme|mmed|medd|morphine (?:milligram )?equivalent(?:s| dose| dosage| daily dose)?)"
    r"\s*(?:\(\w+\)\s*)?(?:of|is|was|=|:|at|totals?|approximately|about|around|~)?"
    r"\s*(?:of|is|=|:|approximately|about)?\s*(\d{1,4}(?:\.\d+)?)",
    re.I,
)
_STRENGTH = re.compile(r"(?<![\d/])([0-5](?:\+|-)?)\s*/\s*5\b(?!\s*/)")
_SEVERITY = re.compile(
    r"\b(mild(?:ly)?(?:\s*(?:to|-)\s*moderate)?|moderate(?:ly)?(?:\s*(?:to|-)\s*severe)?|severe(?:ly)?|marked(?:ly)?|minimal)\b",
    re.I,
)
_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "twenty-four": 24,
    "thirty": 30,
}


def dermatomes(text: str) -> list[str]:
    """Nerve roots named in ``text`` ("L5", "S1", "C6"), in order, without repeats."""
    roots = [f"{m.group(1).upper()}{m.group(2)}" for m in _ROOT.finditer(text)]
    return list(dict.fromkeys(r for r in roots if r[0] in "CLS" or r == "T1"))


def spine_levels(text: str) -> list[str]:
    """Spinal levels named in ``text`` ("L4-5", "L5-S1", "C5-6"), normalised."""
    out = []
    for m in _LEVEL.finditer(text):
        a, b = m.group(1).upper(), (m.group(3) or m.group(1)).upper()
        second = f"{b}{m.group(4)}" if b != a else m.group(4)
        out.append(f"{a}{m.group(2)}-{second}")
    return list(dict.fromkeys(out))


def pain_score(text: str) -> str | None:
    """ "7/10"; a change written as "from 8/10 to 4/10" gives "8/10 -> 4/10"."""
    scores = [m.group(1) for m in _PAIN.finditer(text)]
    if not scores:
        return None
    if len(scores) >= 2 and re.search(
        r"\b(to|->|down to|decreased|reduced|improved|from)\b", text, re.I
    ):
        return f"{scores[0]}/10 -> {scores[-1]}/10"
    return f"{scores[0]}/10"


# Relief from a medication (pain.medication_relief): "8/10 without and 4/10 with", "from 8/10
# to 4/10", "50% relief", "by 3 points". A difference counts as relief when it is clinically
# important: a drop of 30 percent or of 2 points on the 0-10 scale (the IMMPACT figures; the
# CPMTG 2009 p. 16 calls 30 percent a moderate response; our reading, since the opioid pages
# 78-80 ask for analgesia documented without a figure).
_RELIEF_PCT = re.compile(r"\b(\d{1,3})\s*(?:%|percent)", re.I)
_RELIEF_POINTS = re.compile(
    r"\bby\s+(?:about\s+|approximately\s+|at least\s+)?(\d{1,2}|one|two|three|four|five|six|"
    r"seven|eight)\s+points?\b",
    re.I,
)
_WITHOUT_AFTER = re.compile(r"(\d{1,2}(?:\.\d)?)\s*(?:/|out of)\s*10\s+without\b", re.I)
_WITHOUT_BEFORE = re.compile(
    r"\bwithout\b[^\d]{0,60}?(\d{1,2}(?:\.\d)?)\s*(?:/|out of)\s*10\b", re.I
)
RELIEF_PERCENT = 30.0
RELIEF_POINTS = 2.0


def relief(text: str) -> tuple[str, bool] | None:
    """The relief a medication gives, as the records state it, and whether it is clinically
    important: ("8/10 -> 4/10", True), ("50%", True), ("3 points", True), ("7/10 -> 6/10",
    False). Scores are read without the drug first ("8/10 without and 4/10 with"), or as a
    change ("from 8/10 to 4/10"). None: no figure stated."""
    scores = [(m.start(), float(m.group(1))) for m in _PAIN.finditer(text)]
    if len(scores) >= 2:
        without = _WITHOUT_AFTER.search(text) or _WITHOUT_BEFORE.search(text)
        if without is not None:
            off = float(without.group(1))
            on = next((v for at, v in scores if at != without.start(1)), None)
            if on is None:
                return None
        else:
            off, on = scores[0][1], scores[-1][1]
        drop = off - on
        important = drop >= RELIEF_POINTS or (off > 0 and drop / off * 100 >= RELIEF_PERCENT)
        return f"{off:g}/10 -> {on:g}/10", drop > 0 and important
    m = _RELIEF_PCT.search(text)
    if m:
        pct = float(m.group(1))
        return f"{pct:g}%", RELIEF_PERCENT <= pct <= 100
    m = _RELIEF_POINTS.search(text)
    if m:
        word = m.group(1).lower()
        n = float(word) if word.isdigit() else float(_NUMBER_WORDS.get(word, 0))
        return f"{n:g} points", n >= RELIEF_POINTS
    return None


def visits(text: str) -> str | None:
    """Visits or sessions: "12 visits" from "12 sessions", "2x6", "completed 6 of 12 visits"."""
    m = _OF_VISITS.search(text)
    if m:
        return f"{m.group(1)} of {m.group(2)} visits"
    m = _ATTENDED.search(text)
    if m and int(m.group(2)) <= int(m.group(1)):
        return f"{m.group(2)} of {m.group(1)} visits"
    m = _WORD_OF_VISITS.search(text)
    if m and _word_number(m.group(1)) <= _word_number(m.group(2)):
        return f"{_word_number(m.group(1))} of {_word_number(m.group(2))} visits"
    m = _TIMES.search(text)
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        return f"{a * b} visits ({a}x{b})"
    m = _VISITS.search(text)
    if m:
        return f"{int(m.group(1))} visits"
    m = _WORD_VISITS.search(text)
    if m:
        return f"{_word_number(m.group(1))} visits"
    return None


_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60}
_UNITS = [w for w, n in _NUMBER_WORDS.items() if n < 10]
_NUMBER_WORD = (
    r"(?:(?:" + "|".join(_TENS) + r")(?:[\s-](?:" + "|".join(_UNITS) + r"))?|"
    + "|".join(w for w in _NUMBER_WORDS if "-" not in w and w not in _TENS)
    + r")"
)
# a count written in words, as a digit count is read ("twelve physical therapy visits",
# "thirty-six sessions of therapy", "twenty four chiropractic treatments")
_WORD_VISITS = re.compile(
    r"\b(" + _NUMBER_WORD + r")\s+"
    r"(?:(?!of\b|the\b|these\b|those\b|(?:days?|weeks?|months?|years?)\b)[\w-]+\s+){0,3}?"
    r"(?:sessions?|visits?|treatments?)\b",
    re.I,
)


# the same told in words ("has attended twelve of twelve authorized post-operative therapy
# sessions"): the first count is the visits given
_WORD_OF_VISITS = re.compile(
    r"\b(" + _NUMBER_WORD + r")\s+of\s+(?:the\s+)?(" + _NUMBER_WORD + r")\s+"
    r"(?:(?!(?:days?|weeks?|months?|years?)\b)[\w-]+\s+){0,4}?(?:sessions?|visits?|treatments?)\b",
    re.I,
)


def _word_number(words: str) -> int:
    parts = re.split(r"[\s-]+", words.lower())
    total = 0
    for w in parts:
        total += _TENS.get(w, _NUMBER_WORDS.get(w, 0))
    return total


def medication(name: str, following: str) -> str:
    """Drug name with the dose, count, frequency and duration written right after it."""
    parts = [name]
    d = _DOSE.search(following)
    if d:
        parts.append(re.sub(r"\s*/\s*", "/", d.group(0)).strip())
    f = _FREQ.search(following)
    if f:
        parts.append(f.group(0).strip())
    c = _COUNT.search(following)
    if c:
        parts.append(f"#{c.group(1)}")
    u = _DURATION.search(following)
    if u:
        parts.append(u.group(0).strip())
    return " ".join(parts)


def morphine_equivalent(text: str) -> str | None:
    """Morphine equivalent dose as a number string ("90")."""
    m = _MED.search(text)
    if not m:
        return None
    num = m.group(1) or m.group(2)
    return num.rstrip("0").rstrip(".") if num and "." in num else num


def strength(text: str) -> str | None:
    """Lowest motor grade written ("4/5")."""
    grades = [m.group(1) for m in _STRENGTH.finditer(text)]
    if not grades:
        return None

    def key(g: str) -> float:
        return int(g[0]) + (0.3 if g.endswith("+") else -0.3 if g.endswith("-") else 0)

    return f"{min(grades, key=key)}/5"


def severity(text: str) -> str | None:
    m = _SEVERITY.search(text)
    sev = m.group(1).lower() if m else None
    levels = spine_levels(text)
    if sev and levels:
        return f"{sev} {levels[0]}"
    return sev or (levels[0] if levels else None)


def uds_result(text: str) -> str | None:
    # a denied aberrant behaviour in the same sentence ("no aberrant behaviour was noted and
    # the urine drug screen was consistent") says nothing about the result
    low = re.sub(
        r"\b(no|not|denie[sd]|without|absence of)\s+((any|evidence of|signs of|reports? of)\s+)*"
        r"(drug[- ]related\s+)?aberran(t|cy)\b",
        " ",
        text.lower(),
    )
    # a drug found and said to match the prescription ("positive for hydrocodone, consistent
    # with her prescriptions") is the expected result, not a finding against it
    if re.search(
        r"\binconsistent\b|\bunexpected\b|\baberrant\b"
        r"|\bpositive for\b(?!.*\b(prescribed|prescriptions?|(?<!in)consistent)\b)",
        low,
    ):
        return "inconsistent"
    if re.search(r"\bconsistent\b|\bappropriate\b|\bas expected\b|\bcompliant\b", low):
        return "consistent"
    if re.search(r"\bnegative\b", low):
        return "negative"
    return None


def work_status(phrase: str) -> str:
    p = phrase.lower()
    table = [
        (r"totally|total disab|\bttd\b", "TTD"),
        (r"partial|\btpd\b|modified|light|restrict", "modified duty"),
        (r"full duty|regular duty|usual and customary|full[- ]time|full duty", "full duty"),
        (r"permanent and stationary|p&s|maximum medical|\bmmi\b", "P&S"),
        (r"off|not working|not returned|no work|unemployed|retired", "not working"),
        (r"return|currently working|working|part[- ]time", "working"),
    ]
    for rx, name in table:
        if re.search(rx, p):
            return name
    return phrase


# ---- an opioid regimen as the records write it after the drug's name ("10/325 mg one tablet
# every 6 hours", "20 mg twice daily", "50 mcg/hr patch"): strength, units a dose, doses a day
_REG_STRENGTH = re.compile(
    r"(?<![\d.])(\d{1,4}(?:\.\d+)?)\s*(?:/\s*\d{1,4}(?:\.\d+)?\s*)?"
    r"(mg|milligrams?|mcg(?:\s*/\s*(?:hr?|hour))?|micrograms?|µg)\b"
    r"|(?<![\d.])(\d{1,3}(?:\.\d+)?)\s*/\s*(?:300|325|500|650|750)\b",
    re.I,
)
_REG_UNITS = re.compile(
    r"\b(one|two|three|1|2|3|one[- ]half|half|1/2|1\s*(?:-|to)\s*2|one\s+(?:-|to)\s+two|"
    r"2\s*(?:-|to)\s*3)\s+(?:tablets?|tabs?|capsules?|caps?|pills?)\b",
    re.I,
)
_UNIT_WORDS = {"one": 1.0, "1": 1.0, "two": 2.0, "2": 2.0, "three": 3.0, "3": 3.0,
               "one-half": 0.5, "one half": 0.5, "half": 0.5, "1/2": 0.5}
_REG_EVERY = re.compile(
    r"\b(?:every|q\.?)\s*(\d{1,2})(?:\s*(?:-|to)\s*\d{1,2})?\s*(?:hours?|hrs?|h)\b(?!\s*patch)",
    re.I,
)
_REG_TIMES = (
    (re.compile(r"\b(q\.?i\.?d\.?|four times (?:a |per |each )?day|four times daily|4 times "
                r"(?:a |per )?day|4 times daily|4x\s*(?:/\s*day|daily|a day))", re.I), 4.0),
    (re.compile(r"\b(t\.?i\.?d\.?|three times (?:a |per |each )?day|three times daily|3 times "
                r"(?:a |per )?day|3 times daily|3x\s*(?:/\s*day|daily|a day))", re.I), 3.0),
    (re.compile(r"\b(b\.?i\.?d\.?|twice (?:a |per |each )?day|twice daily|two times "
                r"(?:a |per )?day|two times daily|2 times (?:a |per )?day|2 times daily|"
                r"2x\s*(?:/\s*day|daily|a day))", re.I), 2.0),
    (re.compile(r"\b(q\.?d\.?|once (?:a |per |each )?day|once daily|daily|every day|every morning|"
                r"at bedtime|nightly|q\.?h\.?s\.?|each day|per day|a day)\b", re.I), 1.0),
)


def opioid_regimen(following: str) -> tuple[float, str, float] | None:
    """The daily amount of a drug from the words after its name: (amount a day, unit, strength)
    with unit "mg" (strength x units a dose x doses a day, the most the prescription allows:
    "every 4-6 hours" is six doses) or "mcg/h" (a patch's rate, its strength). None when the
    strength or, for a tablet, how often is not written."""
    m = _REG_STRENGTH.search(following)
    if m is None:
        return None
    strength = float(m.group(1) or m.group(3))
    unit = (m.group(2) or "mg").lower()
    if unit.startswith("mcg") or unit.startswith("micro") or unit == "µg":
        if "/" in unit or re.search(r"\bpatch|transdermal|/\s*h", following, re.I):
            return strength, "mcg/h", strength
        return None
    doses = doses_a_day(following[m.end():])
    if doses is None:
        return None
    return strength * doses, "mg", strength


def doses_a_day(following: str) -> float | None:
    """The tablets a day a prescription's directions give in the words after a drug's name
    ("7.5 mg one tablet twice a day": 2; "two tablets every 8 hours": 6), the most they
    allow; None when they do not say how often."""
    per_day: float | None = None
    e = _REG_EVERY.search(following)
    if e and int(e.group(1)):
        per_day = 24 / int(e.group(1))
    else:
        for rx, n in _REG_TIMES:
            if rx.search(following):
                per_day = n
                break
    if per_day is None:
        return None
    u = _REG_UNITS.search(following)
    units = 1.0
    if u:
        word = u.group(1).lower()
        units = _UNIT_WORDS.get(word) or float(re.split(r"\s*(?:-|to)\s*", word)[-1].replace(
            "two", "2").replace("three", "3"))
    return per_day * units


# how long the relief of an earlier treatment lasted, said after the relief ("70% relief for
# ten weeks", "helped for about three weeks", "relief lasting 6-8 weeks") or before it ("two
# weeks of relief"): the duration the guidelines test a repeat procedure on (CPMTG 2009 p. 46
# and p. 122, six weeks; ODG facet neurotomy, twelve weeks)
_SPAN = r"(\d{1,2}|" + _NUMBER_WORD + r"|a|an)(?:\s*(?:-|to)\s*(\d{1,2}|" + _NUMBER_WORD + r"))?"
_RELIEF_FOR = re.compile(
    r"\b(relie[fv]\w*|improve\w*|better|help(?:ed|ful)?|benefit\w*|decrease\w*|reduc\w*|resolved)"
    r"\b[^.;]{0,80}?\b(?:for|lasting|lasted|that lasted|which lasted)\s+"
    r"(?:only\s+)?(?:about\s+|approximately\s+|nearly\s+|almost\s+|over\s+|more than\s+|at least\s+"
    r"|around\s+|roughly\s+|up to\s+)?" + _SPAN + r"\s+(days?|weeks?|months?)\b",
    re.I,
)
_WEEKS_OF_RELIEF = re.compile(
    r"\b" + _SPAN
    + r"\s+(days?|weeks?|months?)\s+of\s+(?:[\w-]+\s+){0,2}?(?:relief|improvement|benefit)\b",
    re.I,
)
_PER_UNIT = {"day": 1 / 7, "week": 1.0, "month": 52 / 12}


def _count(word: str) -> int:
    w = word.lower()
    if w in ("a", "an"):
        return 1
    return int(w) if w.isdigit() else _word_number(w)


def relief_weeks(text: str) -> float | None:
    """The longest duration of relief ``text`` reports, in weeks (the shorter end of a range:
    "6-8 weeks" is 6), or None."""
    best: float | None = None
    for rx, first in ((_RELIEF_FOR, 2), (_WEEKS_OF_RELIEF, 1)):
        for m in rx.finditer(text):
            n = _count(m.group(first))
            unit = m.group(first + 2).lower().rstrip("s")
            weeks = n * _PER_UNIT[unit]
            if n and (best is None or weeks > best):
                best = weeks
    return best
