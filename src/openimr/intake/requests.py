"""Request understanding: the free text of a disputed item as a structured request.

"Norco 10/325mg #60 with 2 refills", "Physical therapy 2x6 for the lumbar spine",
"Retrospective: Associated surgical service: Assistant surgeon" and the modified-UR form
"X was the original request. Y was authorized by the Claims Administrator. The IMR eligible
portion ... is ..." all become a frozen :class:`StructuredRequest`. The vocabularies are data
(``intake/vocabulary.py`` over ``intake/data/*.yaml``), shared with the analytics of published
letters so one category vocabulary serves both.

What a request asks for is decided by the most specific match, never by the order of the
file: every service whose pattern matches (and no ``excludes`` pattern) is a candidate, a
specific service outranks a generic one, and among equals the longest matched wording wins.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from openimr.intake.vocabulary import (
    SPINAL_LEVEL,
    ProcedureKind,
    Service,
    categories,
    known_regions,
    known_services,
    procedure_kind,
    region_patterns,
    regions_named,
    vocabulary,
)

__all__ = [
    "ProcedureKind",
    "ServiceMatch",
    "StructuredRequest",
    "categories",
    "known_regions",
    "known_services",
    "match_services",
    "other_levels",
    "parse_request",
    "procedure_kind",
    "region_patterns",
]


@dataclass(frozen=True)
class StructuredRequest:
    """What a disputed item asks for, as the engine and the analytics read it."""

    text: str  # the item as written
    decided_text: str  # the part IMR decides (the eligible portion of a modified request)
    service: str | None = None  # services.yaml id, or "drug:<class>"
    category: str | None = None
    subcategory: str | None = None
    drug: str | None = None
    drug_class: str | None = None
    strength: str | None = None  # "10/325 mg", "7.5 mg", "5%"
    regions: tuple[str, ...] = ()
    laterality: str | None = None  # left | right | bilateral
    quantity: int | None = None  # "#60", "12 visits", "x3"
    refills: int | None = None
    frequency_per_week: int | None = None  # "2x6" -> 2
    duration_weeks: int | None = None  # "2x6" -> 6
    sessions: int | None = None  # total visits/sessions
    route: str | None = None
    setting: str | None = None  # outpatient | inpatient | home
    retrospective: bool = False
    date_of_service: dt.date | None = None
    associated_surgical: bool = False
    procedure: str | None = None  # the operation a postoperative service follows, when known
    compounded: bool = False  # a compounded product (a compounded cream, a branded suspension)
    repeat: bool = False  # repeat/additional/continued rather than initial
    modified: bool = False
    original_request: str | None = None
    authorized: str | None = None

    @property
    def region(self) -> str | None:
        return self.regions[0] if self.regions else None


_MODIFIED = re.compile(
    r"^(?P<orig>.*?)\s+was the original request\.?\s*(?P<auth>.*?)\s+"
    r"(?:was|were) (?:authorized|certified|approved|modified)[^.]*\.\s*"
    r"(?P<rest>.*)$",
    re.I | re.S,
)
_PORTION = re.compile(
    r"^(?:the\s+)?(?:imr[- ]|eligible\s+|remaining\s+)*portion"
    r"(?:\s+of\s+the\s+(?:original\s+)?request)?(?:\s+(?:is|are|was|being))?\s*(?:for|:|-)?\s*",
    re.I,
)
# "Physical therapy x 12 modified to x 6", "Norco 10/325mg #90 (modified to #45)": the item as
# letters of 2017-2020 head it, the request and what UR authorized in one line
_MODIFIED_TO = re.compile(
    r"^(?P<orig>.+?)\s*[(\[,;:-]?\s*(?:(?:the\s+)?(?:quantity|qty|request|frequency)\s+)?"
    r"(?:(?:was|were|is|being)\s+)?(?:ur\s+)?(?:modified|mod\.)\s+"
    r"(?:by\s+ur\s+)?to\s+(?:allow\s+|certify\s+|approve\s+)?(?P<auth>.+?)\s*[)\]]?\s*\.?$",
    re.I | re.S,
)
# the count at the end of the request a modification replaces ("#90", "x 12", "2x6")
_TRAILING_COUNT = re.compile(
    r"\s*(?:#\s*\d+|(?:qty|quantity):?\s*\d+|x\s*\d+|\d+\s*x\s*\d+|\(\d+\)|\d+(?=\s+(?:sessions?|visits?|treatments?)))"
    r"(?:\s+(?:sessions?|visits?|treatments?|days?|weeks?|months?))?\s*$",
    re.I,
)
# "Y is under review", "Y remains in dispute": the portion named as a sentence about it
_UNDER_REVIEW = re.compile(
    r"\s+(?:is|are|remains?|was|were)\s+(?:now\s+)?(?:under\s+(?:independent\s+)?review|in\s+dispute"
    r"|disputed|being\s+reviewed|(?:the\s+)?(?:subject|issue)\s+of\s+(?:this\s+)?(?:review|imr))\s*$",
    re.I,
)
_DATE = re.compile(
    r"(?:dos|date of service|dated|on|for)?:?\s*\(?(\d{1,2})[/-](\d{1,2})[/-](\d{2,4})\)?", re.I
)
# "2x6"; not a level's number ("C5-6 x1") or a supply ("#90 x 2 refills")
_FREQ = re.compile(
    r"(?<![-/#.])\b(\d{1,2})\s*(?:x|times)\s*(\d{1,2})\b(?!\s*(?:mg|ml|%|refills?|months?|mos?\b))",
    re.I,
)
_TIMES = re.compile(
    r"(?<![\d/])(?<!refill)(?<!refills)(?<!\brf)\s(?:[x\u00d7]|times)\s?(\d{1,2})\b"
    r"(?!\s*(?:mg|ml|%|/|weeks?|wks?\b|months?|mos?\b|refills?|rfs?\b))",
    re.I,
)
_QTY = re.compile(r"(?:#|qty:?\s*|quantity:?\s*|no\.\s*)(\d{1,4})\b", re.I)
# "60 tablets of tizanidine": a supply counted in its units (plural: "1 tab" is a dose)
_UNITS = re.compile(
    r"\b(\d{1,4})\s+(?:tablets|tabs|capsules|caps|pills|patches|lozenges)\b", re.I
)
# "2 refills", "refills: 2", "refill x 1", "2 RF", "x2 RF"; not the supply before it ("#120
# refills: 2" is two refills, not twenty)
_REFILLS = re.compile(
    r"(?<![\d#.])\b(?:x\s*)?(\d{1,2}|one|two|three|four|five)\s+(?:refills?|rfs?)\b"
    r"|\b(?:refills?|rfs?)\s*[:#]?\s*(?:x\s*)?(\d{1,2}|one|two|three|four|five)\b"
    r"|(?<![\d#.])\bx\s*(\d{1,2})\s*(?:refills?|rfs?)\b",
    re.I,
)
_STRENGTH = re.compile(
    r"\b(\d+(?:\.\d+)?(?:\s*/\s*\d+(?:\.\d+)?)?)\s*(mg|mcg|g|ml|%)(?:/(?:ml|hr|h))?", re.I
)
# a combination product's strength written without its unit ("Norco 10/325 #90")
_COMBINATION = re.compile(r"(?<![/#\d.])\b(\d{1,3}(?:\.\d+)?/\d{2,4})\b(?![/\d])")
_WORDS = {
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
    "fourteen": 14,
    "sixteen": 16,
    "eighteen": 18,
    "twenty": 20,
    "twenty-four": 24,
}
_NUM = r"(\d{1,2}|" + "|".join(sorted(_WORDS, key=len, reverse=True)) + ")"
# "12 sessions", "(12) sessions", "twelve (12) physical therapy sessions", "eight visits"
_SESSIONS = re.compile(
    r"(?<![\w/])\(?(\d{1,3}|" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")\)?\s*"
    r"(?:\(\w+\)\s*)?"
    r"(?:(?:additional|more|further|physical|occupational|aquatic|therapy|chiropractic|"
    r"acupuncture|massage|pt|ot)\s+){0,3}"
    r"(?:sessions?|visits?|treatments?|days?)\b",
    re.I,
)
# "acupuncture sessions (6)"
_SESSIONS_AFTER = re.compile(r"\b(?:sessions?|visits?|treatments?)\s*\(\s*(\d{1,3})\s*\)", re.I)
# "2 times a week for 4 weeks" ("1 time a week"), and in words: "twice weekly for four weeks"
# "3x/wk x 4 wks", "2/wk x 6 wks", "3 times weekly for 4 weeks", "two (2) times a week for
# four (4) weeks"; a range ("2-3x/wk x 4-6 wks") is read at its upper end, the most it asks for
_PAREN = r"(?:\s*\(\d{1,2}\))?"
_FROM = r"(?:\d{1,2}\s*-\s*)?"
_PER_WEEK = re.compile(
    r"(?:"
    + _NUM
    + _PAREN
    + r"\s*(?:(?:x|times?)\s*(?:a|per|each|/)\s*|/\s*|(?:x|times?)\s*)(?:week|wk)(?:ly)?\b"
    + r"|(once|twice|thrice)\s*(?:(?:a|per|each)\s*week|weekly))"
    + r",?\s*(?:for|x|times|over)\s*"
    + _FROM
    + _NUM
    + _PAREN
    + r"\s*(?:weeks?|wks?)\b",
    re.I,
)
_TIMES_WORD = {"once": 1, "twice": 2, "thrice": 3}
# "once a month x 6 months", "monthly for 6 months": one visit a month, so as many as months
_PER_MONTH = re.compile(
    r"\b(?:once\s*(?:a|per|each)\s*month|monthly|1\s*x\s*(?:a|per|/)\s*month)"
    r"\s*(?:for|x|times|over)\s*" + _NUM + r"\s*months?\b",
    re.I,
)
_REPEAT = re.compile(
    r"\b(repeat|additional|continued?|continuation|further|more|extension|renewal|refill)\b",
    re.I,
)
_REFILL_COUNT = re.compile(
    r"\b(with\s+)?(\d+|no|one|two|three|four|five)\s+refills?\b|\brefills?\s*[:x#]?\s*\d+", re.I
)
_RETRO = re.compile(r"\bretro(spective|active)?\b|\bdos\b|date of service", re.I)
_ASSOC = re.compile(r"associated surgical service", re.I)
# "R knee", "L shoulder": a single letter is a side only before a body part
_PART = (
    r"(?=\s*(?:knee|shoulder|hip|ankle|foot|wrist|hand|elbow|thumb|index|long|ring|small|heel|"
    r"leg|arm|upper|lower|side)\b)"
)
_LAT = [
    # "right and left knees", "R/L upper extremities": both sides of one part
    ("bilateral", re.compile(
        r"\b(bilateral|bilaterally|both|b/l|bles?|bues?)\b"
        r"|\b(right|rt\.?|r)\s*(and|&|/)\s*(left|lt\.?|l)\b"
        r"|\b(left|lt\.?|l)\s*(and|&|/)\s*(right|rt\.?|r)\b",
        re.I,
    )),
    ("left", re.compile(r"\b(left|lt\.?|lle|lue)\b|\bl\.?" + _PART, re.I)),
    ("right", re.compile(r"\b(right|rt\.?|rle|rue)\b|\br\.?" + _PART, re.I)),
]


def _int(s: str) -> int:
    return _WORDS.get(s.lower(), 0) or int(s)


def _parse_date(m: re.Match[str]) -> dt.date | None:
    month, day, year = (int(g) for g in m.groups())
    if year < 100:
        year += 2000
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


_INJECTED = re.compile(r"\binject", re.I)
_PATCH = re.compile(r"\b(patch|patches|pads?|plasters?)\b", re.I)




@dataclass(frozen=True)
class ServiceMatch:
    """A service whose wording an item's text matches, and how specifically."""

    service: Service
    start: int  # where the matched wording begins
    length: int  # characters of the matched wording
    wording: str

    @property
    def rank(self) -> tuple[int, int, int]:
        """Specific before generic; then the wording that comes first, which names what is
        asked for ("Assistant surgeon for a rotator cuff repair", "Acupuncture therapy
        sessions"); then the longest wording ("EMG/NCS" over "EMG")."""
        return (0 if self.service.generic else 1, -self.start, self.length)


def match_services(text: str, *, medications: bool = False) -> list[ServiceMatch]:
    """Every service whose patterns match ``text`` (and none of its ``excludes``), the most
    specific first (see :attr:`ServiceMatch.rank`). ``medications``: the generic medication
    services, matched only when no drug name and no other service applies."""
    out: list[ServiceMatch] = []
    services = vocabulary().services
    # an ASCII text is tried only with the patterns whose strings it holds (a service none of
    # whose patterns can match it finds nothing, whatever its excludes)
    can = set(_service_index(services).candidates(text.lower())) if text.isascii() else None
    first = 0
    for c in services:
        k, first = first, first + len(c.patterns)
        if (c.service.category == "medications") != medications:
            continue
        pats = c.patterns if can is None else [p for j, p in enumerate(c.patterns) if k + j in can]
        if not pats:
            continue
        if any(x.search(text) for x in c.excludes):
            continue
        found = [
            ServiceMatch(c.service, m.start(), max(1, len(m.group(0))), m.group(0))
            for p in pats
            if (m := p.search(text))
        ]
        if found:
            out.append(max(found, key=lambda m: m.rank))
    out.sort(key=lambda m: (m.rank, m.service.id), reverse=True)
    return out


def _service_fields(s: Service) -> dict[str, Any]:
    return {"service": s.id, "category": s.category, "subcategory": s.subcategory}


_SERVICE_INDEX: list[Any] = [None, None]  # the services of the vocabulary, their FactorIndex


def _service_index(services: tuple[Any, ...]) -> Any:
    """The patterns of ``services`` (in order, service by service) in one Aho-Corasick
    automaton (regex_scan.FactorIndex); built again for another tuple of services."""
    if _SERVICE_INDEX[0] is not services:
        from openimr.evidence.regex_scan import FactorIndex

        pats = [p for c in services for p in c.patterns]
        _SERVICE_INDEX[:] = [services, FactorIndex(pats)]
    return _SERVICE_INDEX[1]


_DRUG_INDEX: list[Any] = [None, None]  # the drugs of the vocabulary, and their FactorIndex


def _drug_index(drugs: tuple[tuple[str, str, re.Pattern[str]], ...]) -> Any:
    """The names of ``drugs`` in one Aho-Corasick automaton (regex_scan.FactorIndex), so that
    an ASCII text is searched only with the drugs it can name; built again for another tuple
    of drugs (another vocabulary object), as vocabulary._region_index."""
    if _DRUG_INDEX[0] is not drugs:
        from openimr.evidence.regex_scan import FactorIndex

        _DRUG_INDEX[:] = [drugs, FactorIndex([p for _, _, p in drugs])]
    return _DRUG_INDEX[1]


def _drugs_named(text: str) -> list[tuple[str, str]]:
    """Every drug the item names, in the order it names them (a longer name hides a shorter one
    inside it: "voltaren gel" hides "voltaren"); the first is the drug the item is about
    ("Naproxen 500 mg #60 and omeprazole 20 mg #60" is naproxen)."""
    named: list[tuple[int, str, str]] = []
    taken: list[tuple[int, int]] = []
    drugs = vocabulary().drugs
    if text.isascii():
        # only a drug whose name the text holds can match: tried in the same order
        drugs = tuple(drugs[k] for k in _drug_index(drugs).candidates(text.lower()))
    for n, c, p in drugs:
        for m in p.finditer(text):
            if not any(a < m.end() and m.start() < b for a, b in taken):
                taken.append(m.span())
                named.append((m.start(), n, c))
    return [(n, c) for _start, n, c in sorted(named)]


# a spray into the nose is not a drug on the skin (ketorolac nasal spray)
_NASAL = re.compile(r"\b(intra-?)?nasal(ly)?\b", re.I)


def _skin_forms(text: str) -> set[str]:
    """The topical dose forms an item names (a nasal spray is not one)."""
    forms = {f.lower() for f in vocabulary().topical_forms.findall(text)}
    return forms - {"spray"} if _NASAL.search(text) else forms


def _drug_class(name: str, cls: str, text: str) -> str:
    """The class a named drug is decided under: a topical form goes to its topical class,
    a patch (or pad) to its patch class."""
    v = vocabulary()
    topical = cls != "topical" and bool(_skin_forms(text))
    if topical and not v.drug_classes[cls].keep_class_when_topical:
        cls = v.drug_classes[cls].topical_class
    patch_class = v.drug_classes[cls].patch_class
    if patch_class and _PATCH.search(text):
        cls = patch_class
    return cls


def _classify(text: str) -> dict[str, Any]:
    """Service, category and drug of an item's text."""
    v = vocabulary()
    matches = match_services(text)
    best = matches[0].service if matches else None
    named = _drugs_named(text)
    if _INJECTED.search(text) and not _skin_forms(text):
        # lidocaine with a steroid into a bursa is the injection, not a drug on the skin
        named = [(n, c) for n, c in named if not v.drug_classes[c].skin_only]
    # a combination product is decided by its other drug, not by the acetaminophen in it
    if not named and (best is None or best.yields) and (slip := _misspelled_drug(text)):
        named = [slip]
    main = [(n, c) for n, c in named if not v.drug_classes[c].combination_partner]
    drug = (main or named)[0] if named else None
    compounded = v.by_id["compounded_medication"]
    forms = _skin_forms(text)
    # drugs of two or more classes mixed in one cream or at stated strengths are a compound,
    # and so is a drug that is not a skin product mixed on the skin with any other
    # (flurbiprofen with lidocaine in one cream)
    classes = {c for _, c in named} - {"topical", "lidocaine_topical", "topical_nsaid"}
    mixture = len(classes) >= 2 and bool(forms or "%" in text)
    mixture |= bool(forms) and bool(classes) and len({n.lower() for n, _ in main}) >= 2
    # a class kept in some topical forms only (an opioid patch) is compounded in any other
    kept_forms = set(v.drug_classes[drug[1]].keep_class_forms) if drug else set()
    mixture |= bool(kept_forms) and bool(forms) and not forms & kept_forms
    # a drug made to be swallowed (gabapentin, cyclobenzaprine, baclofen) in a cream has no
    # manufactured topical product of its own: a pharmacy compounded it
    if drug and forms:
        dc = v.drug_classes[drug[1]]
        mixture |= not (dc.skin_only or dc.keep_class_when_topical or dc.combination_partner) and (
            drug[1] != "topical" and dc.topical_class == "topical"
        )
    says_compound = any(p.search(text) for p in _compiled_patterns("compounded_medication"))
    is_compound = bool((says_compound or mixture) and (drug or best is None))
    # A class whose guideline governs every form (an opioid as an oral suspension) keeps its
    # topic, which weighs the compounded form as a criterion; a compounded cream, or a mixture
    # of drugs ("tramadol 8%/gabapentin 10%/menthol 2%"), stays a compound.
    keeps_class = (
        drug is not None
        and v.drug_classes[drug[1]].keep_class_when_topical
        and not (forms - kept_forms if kept_forms else forms)
        and len({c for _, c in main}) < 2
    )
    out: dict[str, Any] = {"compounded": is_compound}
    if is_compound and not keeps_class:
        out |= _service_fields(compounded)
        if drug:
            out["drug"], out["drug_class"] = drug
        return out
    if drug and (best is None or best.yields):
        cls = _drug_class(drug[0], drug[1], text)
        return out | {
            "drug": drug[0],
            "drug_class": cls,
            "service": f"drug:{cls}",
            "category": "medications",
            "subcategory": cls.replace("_", " "),
        }
    if best is not None:
        return out | _service_fields(best)
    meds = match_services(text, medications=True)
    return out | (_service_fields(meds[0].service) if meds else {})


# words of an item that are never a drug name written with a slip
_NOT_DRUGS = frozenset(
    [
        "tablet", "tablets", "capsule", "capsules", "compound", "compounded", "topical",
        "prescription", "retrospective", "prospective", "request", "unknown", "quantity", "refill",
        "refills", "patches", "ointment", "lotion", "solution", "injection", "extended", "release",
        "sodium", "potassium", "weekly", "daily", "nightly", "needed", "strength", "transdermal",
        "powder", "suspension",
    ]
)
_WORD = re.compile(r"\b[a-z][a-z-]{5,}\b", re.I)


def _misspelled_drug(text: str) -> tuple[str, str] | None:
    """A drug name written with a slip ("Gabapentine", "Tizanadine", "Ibuprophen") in an item
    that states a strength or a quantity: a word of six letters or more that begins as a listed
    name does (its first three letters) and is close to it (difflib ratio 0.8 or more: a letter
    or two added, dropped or changed). A product of another name ("Tabradol" is not "Toradol")
    stays unread."""
    if not (_STRENGTH.search(text) or _QTY.search(text)):
        return None
    names = _single_word_drugs()
    for word in _WORD.findall(text):
        word = word.lower()
        if word in _NOT_DRUGS or word in names:
            continue
        alike = [n for n in names if n[:3] == word[:3]]
        close = difflib.get_close_matches(word, alike, n=1, cutoff=0.8)
        if close:
            return close[0], names[close[0]]
    return None


@cache
def _single_word_drugs() -> dict[str, str]:
    return {
        n.lower(): c for n, c, _p in vocabulary().drugs if n.isalpha() and len(n) >= 6
    }


def _compiled_patterns(service_id: str) -> tuple[re.Pattern[str], ...]:
    return next(c.patterns for c in vocabulary().services if c.service.id == service_id)


def _modified_parts(clean: str, ur_decision: str) -> dict[str, Any]:
    """The decided portion of a modified request ("X was the original request. Y was
    authorized ... The IMR eligible portion is Z")."""
    m = _MODIFIED.match(clean)
    if m:
        original = m.group("orig").strip()
        portion = _PORTION.sub("", m.group("rest").strip()).strip().rstrip(".:")
        portion = _UNDER_REVIEW.sub("", portion).strip(" ,;:.")
        return {
            "modified": True,
            "original_request": original,
            "authorized": m.group("auth").strip(),
            "decided_text": portion or original,
        }
    if mt := _MODIFIED_TO.match(clean):
        # what UR allowed is authorized; IMR decides the rest, as the longer form names it
        original = mt.group("orig").strip(" ,;:(-")
        auth = mt.group("auth").strip()
        subject = _TRAILING_COUNT.sub("", original)
        # "x 6", "#45", "2 weeks": the same request with UR's count
        count_only = _TRAILING_COUNT.match(" " + auth.split(" for ")[0])
        if other_levels(original, auth) and parse_request(auth).service is None:
            # "ESI L4-5 modified to L5-S1": the request at the level UR put in its place
            auth = _at_levels(subject, auth)
        elif count_only or parse_request(auth).service is None:
            auth = f"{subject} {auth}"
        return {
            "modified": True,
            "original_request": original,
            "authorized": auth,
            "decided_text": _remaining(original, auth, subject),
        }
    return {"modified": ur_decision == "modified", "decided_text": clean}


def other_levels(asked: str, authorized: str) -> bool:
    """Whether UR authorized other spinal levels than those asked for, none of them the same
    ("L4-5" in place of "L5-S1"): a different injection or operation, not a part of this one
    (a spinal procedure is judged level by level against the imaging and the examination)."""
    from openimr.review.facts import spinal_segments

    mine, theirs = spinal_segments(asked), spinal_segments(authorized)
    return bool(mine) and bool(theirs) and not mine & theirs


def _at_levels(subject: str, levels: str) -> str:
    """``subject`` with its spinal levels replaced by ``levels`` (the first level written
    takes their place; the rest, with the words that joined them, go)."""
    named = list(SPINAL_LEVEL.finditer(subject))
    if not named:
        return f"{subject} {levels}"
    head, tail = subject[: named[0].start()], subject[named[-1].end() :]
    return " ".join(f"{head}{levels.strip()}{tail}".split())


# "Tylenol #3", "Tylenol with codeine #4": the product's number, not the supply
_PRODUCT_NUMBER = re.compile(
    r"\b(tylenol|apap|acetaminophen)(\s+(with|w/)\s*codeine)?\s*(#|no\.?)\s*[2-4]\b(?!\s*(tabs?|tablets)\b)",
    re.I,
)


def _remaining(original: str, authorized: str, subject: str) -> str:
    """The part of a request UR modified that IMR decides: "Physical therapy x 12" with x 6
    authorized leaves "Physical therapy x 6"; "Norco 10/325mg #90" with #45 leaves "#45".
    Counts that cannot be subtracted (another unit, another service) leave the request whole."""
    asked, given = _amounts(original), _amounts(authorized)
    if subject == original:
        return original
    if asked.get("quantity") and given.get("quantity") and asked["quantity"] > given["quantity"]:
        return f"{subject} #{asked['quantity'] - given['quantity']}"
    if asked.get("sessions") and given.get("sessions") and asked["sessions"] > given["sessions"]:
        return f"{subject} x {asked['sessions'] - given['sessions']}"
    return original


def _amounts(subject: str) -> dict[str, Any]:
    """Frequency, duration, sessions, quantity and refills as the item states them."""
    out: dict[str, Any] = {}
    subject = _PRODUCT_NUMBER.sub(lambda m: m.group(1), subject)
    if pw := _PER_WEEK.search(subject):
        per = _int(pw.group(1)) if pw.group(1) else _TIMES_WORD[pw.group(2).lower()]
        out["frequency_per_week"], out["duration_weeks"] = per, _int(pw.group(3))
        out["sessions"] = out["frequency_per_week"] * out["duration_weeks"]
    elif fm := _FREQ.search(subject):
        out["frequency_per_week"], out["duration_weeks"] = int(fm.group(1)), int(fm.group(2))
        out["sessions"] = out["frequency_per_week"] * out["duration_weeks"]
    if sm := _SESSIONS.search(subject) or _SESSIONS_AFTER.search(subject):
        out["sessions"] = _int(sm.group(1))
    elif mm := _PER_MONTH.search(subject):
        out["sessions"] = _int(mm.group(1))
    elif "sessions" not in out and (xm := _TIMES.search(subject)):
        out["sessions"] = int(xm.group(1))
    if qm := _QTY.search(subject) or _UNITS.search(subject):
        out["quantity"] = int(qm.group(1))
    if rm := _REFILLS.search(subject):
        out["refills"] = _int(next(g for g in rm.groups() if g))
    return out


def _setting_and_route(low: str) -> dict[str, Any]:
    setting = (
        "outpatient"
        if "outpatient" in low
        else "inpatient"
        if "inpatient" in low
        else "home"
        if re.search(r"\bhome\b", low)
        else None
    )
    route = next(
        (
            r
            for r in ("oral", "topical", "intramuscular", "intravenous", "transdermal", "injection")
            if r in low
        ),
        None,
    )
    return {"setting": setting, "route": route}


def parse_request(text: str, ur_decision: str = "denied") -> StructuredRequest:
    """Structure one disputed item; ``category`` is None when no vocabulary entry applies."""
    clean = " ".join(text.split())
    f: dict[str, Any] = {"text": clean} | _modified_parts(clean, ur_decision)
    body = f["decided_text"]
    f["retrospective"] = bool(_RETRO.search(body))
    f["associated_surgical"] = bool(_ASSOC.search(body))
    subject = _ASSOC.sub("", body)
    # "#60 with 1 refill" counts the supply of a prescription; it does not make it a repeat
    f["repeat"] = bool(_REPEAT.search(_REFILL_COUNT.sub("", subject)))
    if dm := _DATE.search(subject):
        f["date_of_service"] = _parse_date(dm)
    f |= _classify(subject)
    if f.get("service") is None and f.get("original_request"):
        # "the remaining 12 visits": the portion names no service, the original request does
        f |= _classify(_ASSOC.sub("", f["original_request"]))
    f["regions"] = tuple(regions_named(subject))
    f["laterality"] = next((lat for lat, pat in _LAT if pat.search(subject)), None)
    f |= _amounts(subject)
    if f.get("category") == "medications" and (st := _STRENGTH.search(subject)):
        f["strength"] = f"{st.group(1).replace(' ', '')} {st.group(2).lower()}"
    elif f.get("category") == "medications" and (st := _COMBINATION.search(subject)):
        f["strength"] = st.group(1)  # "Norco 10/325 #90": the unit is not written
    f |= _setting_and_route(subject.lower())
    return StructuredRequest(**f)
