"""Request understanding: the free text of a disputed item as a structured request.

"Norco 10/325mg #60 with 2 refills", "Physical therapy 2x6 for the lumbar spine",
"Retrospective: Associated surgical service: Assistant surgeon" and the modified-UR form
"X was the original request. Y was authorized by the Claims Administrator. The IMR eligible
portion ... is ..." all become a :class:`StructuredRequest`. The vocabularies are data files
(``intake/data/services.yaml``, ``drugs.yaml``, ``regions.yaml``), shared with the analytics of
published letters so one category vocabulary serves both.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from openimr.datafiles import read_yaml, validate
from openimr.errors import DataFileError


class _Service(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    category: str
    subcategory: str
    patterns: list[str] = Field(min_length=1)


class _Region(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    patterns: list[str]


class _Kind(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    patterns: list[str]
    regions: list[str]


class _DrugClass(BaseModel):
    model_config = ConfigDict(extra="forbid")
    names: list[str]
    keep_class_when_topical: bool = False
    patch_class: str | None = None  # the class a patch (or pad) of the drug belongs to
    topical_class: str = "topical"  # the class a topical form of the drug belongs to


class _Drugs(BaseModel):
    model_config = ConfigDict(extra="forbid")
    topical_forms: list[str]
    classes: dict[str, _DrugClass]


@dataclass(frozen=True)
class _Compiled:
    services: list[tuple[_Service, list[re.Pattern[str]]]]
    regions: list[tuple[str, list[re.Pattern[str]]]]
    kinds: list[tuple[_Kind, list[re.Pattern[str]]]]
    read_unnamed_for: frozenset[str]
    drugs: list[tuple[str, str, re.Pattern[str]]]  # (name, class, pattern), longest names first
    drug_classes: dict[str, _DrugClass]
    topical_forms: re.Pattern[str]


def _load_yaml(name: str) -> Any:
    path = Path(str(resources.files("openimr.intake") / "data" / name))
    return read_yaml(path, f"intake/data/{name}")


def _validate(model: type[BaseModel], data: Any, name: str, where: str) -> Any:
    return validate(model, data, f"intake/data/{name}", where)


@lru_cache(maxsize=1)
def _vocab() -> _Compiled:
    raw_services = _load_yaml("services.yaml")["services"]
    services = []
    for i, entry in enumerate(raw_services):
        s = _validate(_Service, entry, "services.yaml", f"services[{i}].")
        services.append((s, [re.compile(p, re.I) for p in s.patterns]))
    regions_file = _load_yaml("regions.yaml")
    regions = []
    for i, entry in enumerate(regions_file["regions"]):
        r = _validate(_Region, entry, "regions.yaml", f"regions[{i}].")
        regions.append((r.name, [re.compile(p, re.I) for p in r.patterns]))
    kinds = []
    for i, entry in enumerate(regions_file.get("kinds", [])):
        k = _validate(_Kind, entry, "regions.yaml", f"kinds[{i}].")
        unknown = set(k.regions) - {name for name, _ in regions}
        if unknown:
            raise DataFileError(
                f"intake/data/regions.yaml: kinds[{i}].regions: "
                f"unknown region {sorted(unknown)[0]!r}"
            )
        kinds.append((k, [re.compile(p, re.I) for p in k.patterns]))
    drugs_cfg = _validate(_Drugs, _load_yaml("drugs.yaml"), "drugs.yaml", "")
    drugs = []
    for cls, spec in drugs_cfg.classes.items():
        for name in spec.names:
            drugs.append(
                (name, cls, re.compile(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", re.I))
            )
    drugs.sort(key=lambda d: -len(d[0]))
    forms = re.compile(r"\b(" + "|".join(map(re.escape, drugs_cfg.topical_forms)) + r")\b", re.I)
    read_unnamed = frozenset(regions_file.get("read_unnamed_for", []))
    unknown_services = read_unnamed - {s.id for s, _ in services}
    if unknown_services:
        raise DataFileError(
            "intake/data/regions.yaml: read_unnamed_for: "
            f"unknown service {sorted(unknown_services)[0]!r}"
        )
    return _Compiled(services, regions, kinds, read_unnamed, drugs, drugs_cfg.classes, forms)


def categories() -> dict[str, list[str]]:
    """Every treatment category with its subcategories, in vocabulary order."""
    out: dict[str, list[str]] = {}
    for s, _ in _vocab().services:
        subs = out.setdefault(s.category, [])
        if s.subcategory not in subs:
            subs.append(s.subcategory)
    out.setdefault("medications", [])
    for cls in _vocab().drug_classes:
        label = cls.replace("_", " ")
        if label not in out["medications"]:
            out["medications"].append(label)
    return out


@dataclass
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
    regions: list[str] = field(default_factory=list)
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
    r"^(?:the\s+)?(?:imr[- ])?(?:eligible\s+|remaining\s+)*portion"
    r"(?:\s+of\s+the\s+(?:original\s+)?request)?(?:\s+(?:is|are|was|being))?\s*(?:for|:|-)?\s*",
    re.I,
)
_DATE = re.compile(
    r"(?:dos|date of service|dated|on|for)?:?\s*\(?(\d{1,2})[/-](\d{1,2})[/-](\d{2,4})\)?", re.I
)
_FREQ = re.compile(r"\b(\d{1,2})\s*(?:x|times)\s*(\d{1,2})\b(?!\s*(?:mg|ml|%))", re.I)
_SESSIONS = re.compile(
    r"\b(\d{1,3})\s*(?:\(\w+\)\s*)?(?:additional\s+|more\s+|further\s+)?"
    r"(?:sessions?|visits?|treatments?|days?)\b",
    re.I,
)
_TIMES = re.compile(
    r"(?<![\d/])\s(?:[x\u00d7]|times)\s?(\d{1,2})\b(?!\s*(?:mg|ml|%|/|weeks?))", re.I
)
_QTY = re.compile(r"(?:#|qty:?\s*|quantity:?\s*|no\.\s*)(\d{1,4})\b", re.I)
_REFILLS = re.compile(r"(\d{1,2}|one|two|three|four|five)\s+refills?", re.I)
_STRENGTH = re.compile(
    r"\b(\d+(?:\.\d+)?(?:\s*/\s*\d+(?:\.\d+)?)?)\s*(mg|mcg|g|ml|%)(?:/(?:ml|hr|h))?", re.I
)
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
}
_NUM = r"(\d{1,2}|" + "|".join(_WORDS) + ")"
_PER_WEEK = re.compile(
    _NUM
    + r"\s*(?:x|times)\s*(?:a|per|each|/)\s*week\s*(?:for|x|times|over)\s*"
    + _NUM
    + r"\s*weeks?",
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
_LAT = [
    ("bilateral", re.compile(r"\b(bilateral|bilaterally|both|b/l|bles|bues)\b", re.I)),
    ("left", re.compile(r"\b(left|lt\.?)\b", re.I)),
    ("right", re.compile(r"\b(right|rt\.?)\b", re.I)),
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


_PATCH = re.compile(r"\b(patch|patches|pads?|plasters?)\b", re.I)


def _classify(text: str, req: StructuredRequest) -> None:
    v = _vocab()
    service: _Service | None = None
    for s, pats in v.services:
        if s.category == "medications":
            continue
        if any(p.search(text) for p in pats):
            service = s
            break
    weak = {
        "other_dme",
        "corticosteroid_injection",
        "specialist_consult",
        "follow_up_visit",
        "lab_test",
        "other_surgery",
        "brace",
        "postop_medication",
    }
    compounded = next(s for s, _ in v.services if s.id == "compounded_medication")
    # Every drug the item names, in vocabulary order (longest names first: "voltaren gel"
    # hides "voltaren"); the first is the drug the item is about.
    named: list[tuple[str, str]] = []
    taken: list[tuple[int, int]] = []
    for n, c, p in v.drugs:
        for m in p.finditer(text):
            if not any(a < m.end() and m.start() < b for a, b in taken):
                taken.append(m.span())
                named.append((n, c))
    drug = named[0] if named else None
    # drugs of two or more classes mixed in one cream or at stated strengths are a compound
    classes = {c for _, c in named} - {"topical", "lidocaine_topical", "topical_nsaid"}
    mixture = len(classes) >= 2 and bool(v.topical_forms.search(text) or "%" in text)
    req.compounded = bool(
        (re.search("|".join(compounded.patterns), text, re.I) or mixture)
        and (drug or service is None)
    )
    # A class whose guideline governs every form (an opioid as an oral suspension) keeps its
    # topic, which weighs the compounded form as a criterion; a compounded cream stays a compound.
    keeps_class = (
        drug is not None
        and v.drug_classes[drug[1]].keep_class_when_topical
        and not v.topical_forms.search(text)
    )
    if req.compounded and not keeps_class:
        req.service, req.category, req.subcategory = (
            compounded.id,
            compounded.category,
            compounded.subcategory,
        )
        if drug:
            req.drug, req.drug_class = drug
        return
    if drug and (service is None or service.id in weak):
        name, cls = drug
        if (
            cls != "topical"
            and v.topical_forms.search(text)
            and not v.drug_classes[cls].keep_class_when_topical
        ):
            cls = v.drug_classes[cls].topical_class
        patch_class = v.drug_classes[cls].patch_class
        if patch_class and _PATCH.search(text):
            cls = patch_class
        req.drug, req.drug_class = name, cls
        req.service, req.category, req.subcategory = (
            f"drug:{cls}",
            "medications",
            cls.replace("_", " "),
        )
        return
    if service is not None:
        req.service, req.category, req.subcategory = (
            service.id,
            service.category,
            service.subcategory,
        )
        return
    for s, pats in v.services:
        if s.category == "medications" and any(p.search(text) for p in pats):
            req.service, req.category, req.subcategory = s.id, s.category, s.subcategory
            return


def parse_request(text: str, ur_decision: str = "denied") -> StructuredRequest:
    """Structure one disputed item; ``category`` is None when no vocabulary entry applies."""
    clean = " ".join(text.split())
    req = StructuredRequest(text=clean, decided_text=clean)
    m = _MODIFIED.match(clean)
    if m:
        req.modified = True
        req.original_request = m.group("orig").strip()
        req.authorized = m.group("auth").strip()
        portion = _PORTION.sub("", m.group("rest").strip()).strip().rstrip(".:")
        req.decided_text = portion or req.original_request
    elif ur_decision == "modified":
        req.modified = True
    body = req.decided_text
    req.retrospective = bool(_RETRO.search(body))
    req.associated_surgical = bool(_ASSOC.search(body))
    subject = _ASSOC.sub("", body)
    # "#60 with 1 refill" counts the supply of a prescription; it does not make it a repeat
    req.repeat = bool(_REPEAT.search(_REFILL_COUNT.sub("", subject)))
    dm = _DATE.search(subject)
    if dm:
        req.date_of_service = _parse_date(dm)
    _classify(subject, req)
    for name, pats in _vocab().regions:
        if any(p.search(subject) for p in pats) and name not in req.regions:
            req.regions.append(name)
    for lat, pat in _LAT:
        if pat.search(subject):
            req.laterality = lat
            break
    if pw := _PER_WEEK.search(subject):
        req.frequency_per_week, req.duration_weeks = _int(pw.group(1)), _int(pw.group(2))
        req.sessions = req.frequency_per_week * req.duration_weeks
    elif fm := _FREQ.search(subject):
        req.frequency_per_week, req.duration_weeks = int(fm.group(1)), int(fm.group(2))
        req.sessions = req.frequency_per_week * req.duration_weeks
    if sm := _SESSIONS.search(subject):
        req.sessions = int(sm.group(1))
    elif req.sessions is None and (xm := _TIMES.search(subject)):
        req.sessions = int(xm.group(1))
    if qm := _QTY.search(subject):
        req.quantity = int(qm.group(1))
    if rm := _REFILLS.search(subject):
        req.refills = _int(rm.group(1))
    if req.category == "medications" and (st := _STRENGTH.search(subject)):
        req.strength = f"{st.group(1).replace(' ', '')} {st.group(2).lower()}"
    low = subject.lower()
    req.setting = (
        "outpatient"
        if "outpatient" in low
        else "inpatient"
        if "inpatient" in low
        else "home"
        if re.search(r"\bhome\b", low)
        else None
    )
    for route in ("oral", "topical", "intramuscular", "intravenous", "transdermal", "injection"):
        if route in low:
            req.route = route
            break
    return req


class ProcedureKind(BaseModel):
    """A kind of operation (``intake/data/procedures.yaml``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    patterns: list[str] = Field(min_length=1)
    complex: bool = False  # an operation for which an assistant surgeon is an option (ODG)
    stay_days: int | None = None  # best-practice target hospital stay (ODG); 0: outpatient


@lru_cache(maxsize=1)
def _procedures() -> list[tuple[ProcedureKind, list[re.Pattern[str]]]]:
    out = []
    for i, entry in enumerate(_load_yaml("procedures.yaml")["procedures"]):
        k = _validate(ProcedureKind, entry, "procedures.yaml", f"procedures[{i}].")
        out.append((k, [re.compile(p, re.I) for p in k.patterns]))
    return out


def procedure_kind(text: str) -> ProcedureKind | None:
    """The kind of operation ``text`` names (the first kind in the file that matches)."""
    for kind, pats in _procedures():
        if any(p.search(text) for p in pats):
            return kind
    return None


def known_services() -> set[str]:
    """Service ids of the vocabulary, with one ``drug:<class>`` id per drug class."""
    v = _vocab()
    return {s.id for s, _ in v.services} | {f"drug:{c}" for c in v.drug_classes}


def region_patterns() -> list[tuple[str, list[re.Pattern[str]]]]:
    """The compiled region vocabulary: (region name, patterns), in vocabulary order."""
    return list(_vocab().regions)


def known_regions() -> set[str]:
    return {name for name, _ in _vocab().regions}


def unnamed_region_kinds(text: str) -> list[tuple[str, list[str]]]:
    """Kinds of body part an item's text points at without naming one ("spinal manipulation"):
    (kind, the regions it may mean, in order of preference). A kind whose regions the text
    already names is not unnamed ("cervical spine")."""
    named = {name for name, pats in _vocab().regions if any(p.search(text) for p in pats)}
    return [
        (k.name, list(k.regions))
        for k, pats in _vocab().kinds
        if any(p.search(text) for p in pats) and not named & set(k.regions)
    ]


def kind_regions() -> list[str]:
    """Every region a kind of body part may mean (regions.yaml ``kinds``), in the file's order
    of preference: the spine levels, then the joints of the limbs."""
    return [r for k, _ in _vocab().kinds for r in k.regions]


def reads_unnamed_body_part(service: str | None) -> bool:
    """Whether a request for ``service`` that names no body part may be read as for the one
    the records document most (regions.yaml ``read_unnamed_for``)."""
    return service in _vocab().read_unnamed_for
