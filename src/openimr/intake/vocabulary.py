"""The request vocabularies (``intake/data/*.yaml``), read once and compiled.

services.yaml names what an item asks for, drugs.yaml the drugs and their classes,
regions.yaml the body parts, procedures.yaml the kinds of operation. One vocabulary serves the
engine (topic lookup) and the analytics of published letters (treatment categories).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from openimr.datafiles import read_yaml, validate
from openimr.errors import DataFileError

# A spinal level (motion segment) as records and requests write it: "L4-5", "L5-S1", "C5/C6",
# "T12-L1", "L4 to L5"; the one definition every stage uses.
SPINAL_LEVEL = re.compile(
    r"\b([CTL])\s?([1-9]|1[0-2])\s*(?:-|/|\u2013|to)\s*([CTLS])?\s?([1-9]|1[0-2])\b", re.I
)


class Service(BaseModel):
    """One kind of service an item can ask for (services.yaml)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    category: str
    subcategory: str
    patterns: list[str] = Field(min_length=1)
    # text that rules the service out even where a pattern matches ("b12" for an injection)
    excludes: list[str] = Field(default_factory=list)
    # a catch-all ("other equipment", "injection"): chosen only when no specific service
    # matches, and a named drug outranks it
    generic: bool = False
    # a named drug outranks it ("Referral to pain management for Norco" is the drug); a
    # generic service yields unless it says otherwise (a vitamin D level is a lab test)
    yields_to_drug: bool | None = None

    @property
    def yields(self) -> bool:
        return self.generic if self.yields_to_drug is None else self.yields_to_drug
    # what the service becomes when it goes with a surgery (therapy after an operation is
    # post-operative therapy), and whether it goes with a surgery disputed beside it even
    # when its wording does not say so (a blood count beside an operation is its work-up);
    # a list of regions: it joins only a surgery at one of them (crutches go with a knee
    # operation, not with a shoulder one), unless its own wording files it with the surgery
    with_surgery: str | None = None
    joins_surgery: bool | list[str] = False
    # a service for the operation as a whole (pre-operative work-up, assistant, stay): it goes
    # with the case's surgery whatever body part its own wording names
    whole_operation: bool = False
    # evidence codes by which the records document an earlier one of this service (an MRI
    # "obtained on 5/2/2016"): a request for it is then a repeat
    done_as: list[str] = Field(default_factory=list)
    # the services it is an adjunct to (a passive modality goes alongside active therapy):
    # requested beside one of them in the same case, it follows that decision
    accompanies: list[str] = Field(default_factory=list)
    # a visit whose wording names another service ("re-evaluation after the epidural
    # injection"): requested beside that service in the same case, it follows that decision
    follows_named: bool = False


class _Region(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    patterns: list[str]
    territory: list[str] = Field(default_factory=list)


class _Kind(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    patterns: list[str]
    regions: list[str]


class DrugClass(BaseModel):
    model_config = ConfigDict(extra="forbid")
    names: list[str]
    keep_class_when_topical: bool = False
    # the topical forms in which the class keeps its topic (an opioid patch or film); with
    # another topical form (a tramadol cream) the product is compounded. Empty: every form.
    keep_class_forms: list[str] = Field(default_factory=list)
    patch_class: str | None = None  # the class a patch (or pad) of the drug belongs to
    topical_class: str = "topical"  # the class a topical form of the drug belongs to
    skin_only: bool = False  # drugs on the skin: named in an injection, the injection decides
    # the partner in a combination product (acetaminophen with hydrocodone or butalbital): the
    # other drug named with it decides the item
    combination_partner: bool = False
    # the drug classes it is given alongside (gastric protection beside an NSAID): requested
    # beside one of them in the same case, it is decided after it (services.yaml accompanies)
    accompanies: list[str] = []
    # requested beside a surgery in the same case, it is for that operation (an antiemetic
    # around surgery), as a service's ``joins_surgery`` (services.yaml)
    joins_surgery: bool = False


class _Drugs(BaseModel):
    model_config = ConfigDict(extra="forbid")
    topical_forms: list[str]
    classes: dict[str, DrugClass]


class ProcedureKind(BaseModel):
    """A kind of operation (``intake/data/procedures.yaml``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    patterns: list[str] = Field(min_length=1)
    complex: bool = False  # an operation for which an assistant surgeon is an option (ODG)
    stay_days: int | None = None  # best-practice target hospital stay (ODG); 0: outpatient


@dataclass(frozen=True)
class CompiledService:
    service: Service
    patterns: tuple[re.Pattern[str], ...]
    excludes: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class Vocabulary:
    services: tuple[CompiledService, ...]
    by_id: dict[str, Service]
    regions: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]
    territories: dict[str, tuple[str, ...]]
    kinds: tuple[tuple[_Kind, tuple[re.Pattern[str], ...]], ...]
    read_unnamed_for: frozenset[str]
    drugs: tuple[tuple[str, str, re.Pattern[str]], ...]  # (name, class, pattern), longest first
    drug_classes: dict[str, DrugClass]
    topical_forms: re.Pattern[str]
    # of those, the services whose guideline depends on the body part in every phase
    read_unnamed_any_phase: frozenset[str] = frozenset()


def _path(name: str) -> tuple[Path, str]:
    return Path(str(resources.files("openimr.intake") / "data" / name)), f"intake/data/{name}"


def _load(name: str) -> Any:
    path, label = _path(name)
    return read_yaml(path, label)


def _compile(patterns: list[str], where: str) -> tuple[re.Pattern[str], ...]:
    out = []
    for i, p in enumerate(patterns):
        try:
            out.append(re.compile(p, re.I))
        except re.error as exc:
            raise DataFileError(f"{where}[{i}]: bad pattern {p!r}: {exc}") from None
    return tuple(out)


def _services() -> tuple[CompiledService, ...]:
    label = "intake/data/services.yaml"
    out = []
    for i, entry in enumerate(_load("services.yaml")["services"]):
        s = validate(Service, entry, label, f"services[{i}].")
        out.append(
            CompiledService(
                s,
                _compile(s.patterns, f"{label}: services[{i}].patterns"),
                _compile(s.excludes, f"{label}: services[{i}].excludes"),
            )
        )
    ids = [c.service.id for c in out]
    for i, c in enumerate(out):
        if ids.index(c.service.id) != i:
            raise DataFileError(f"{label}: services[{i}].id: {c.service.id!r} repeats")
        target = c.service.with_surgery
        if target is not None and target not in ids:
            raise DataFileError(f"{label}: services[{i}].with_surgery: unknown service {target!r}")
    return tuple(out)


def _regions(data: Any) -> tuple[Any, dict[str, tuple[str, ...]], tuple[Any, ...], frozenset[str]]:
    label = "intake/data/regions.yaml"
    regions = []
    territories: dict[str, tuple[str, ...]] = {}
    for i, entry in enumerate(data["regions"]):
        r = validate(_Region, entry, label, f"regions[{i}].")
        regions.append((r.name, _compile(r.patterns, f"{label}: regions[{i}].patterns")))
        territories[r.name] = tuple(r.territory) or (r.name,)
    names = {name for name, _ in regions}
    for i, entry in enumerate(data["regions"]):
        unknown = set(entry.get("territory", [])) - names
        if unknown:
            raise DataFileError(f"{label}: regions[{i}].territory: unknown region {min(unknown)!r}")
    kinds = []
    for i, entry in enumerate(data.get("kinds", [])):
        k = validate(_Kind, entry, label, f"kinds[{i}].")
        unknown = set(k.regions) - names
        if unknown:
            raise DataFileError(f"{label}: kinds[{i}].regions: unknown region {min(unknown)!r}")
        kinds.append((k, _compile(k.patterns, f"{label}: kinds[{i}].patterns")))
    return tuple(regions), territories, tuple(kinds), frozenset(data.get("read_unnamed_for", []))


# A drug name is a whole word: not inside another word, and not the end of a hyphenated name
# ("Depo-Medrol" is not "medrol") or its start with a letter or number after the hyphen
# ("senokot-s" is not "senokot"); a name followed by a hyphen and another word joins the drugs
# of a combination ("hydrocodone-acetaminophen" is hydrocodone).
_BEFORE = r"(?<![\w-])"
_AFTER = r"(?![\w])(?!-(?![a-z]{3}))"


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The compiled vocabularies; loaded once per process."""
    services = _services()
    regions, territories, kinds, read_unnamed = _regions(_load("regions.yaml"))
    by_id = {c.service.id: c.service for c in services}
    unknown = read_unnamed - set(by_id)
    if unknown:
        raise DataFileError(
            f"intake/data/regions.yaml: read_unnamed_for: unknown service {min(unknown)!r}"
        )
    drugs_cfg = validate(_Drugs, _load("drugs.yaml"), "intake/data/drugs.yaml")
    drugs = [
        (name, cls, re.compile(_BEFORE + re.escape(name) + _AFTER, re.I))
        for cls, spec in drugs_cfg.classes.items()
        for name in spec.names
    ]
    drugs.sort(key=lambda d: -len(d[0]))
    forms = re.compile(r"\b(" + "|".join(map(re.escape, drugs_cfg.topical_forms)) + r")\b", re.I)
    return Vocabulary(
        services,
        by_id,
        regions,
        territories,
        kinds,
        read_unnamed,
        tuple(drugs),
        drugs_cfg.classes,
        forms,
        frozenset(_load("regions.yaml").get("read_unnamed_in_any_phase", [])) & read_unnamed,
    )


@lru_cache(maxsize=1)
def drug_names() -> frozenset[str]:
    """Every drug name of drugs.yaml, lower case (a word looked up, not searched for)."""
    return frozenset(name.lower() for name, _cls, _pat in vocabulary().drugs)


def service(service_id: str) -> Service | None:
    """The services.yaml entry of ``service_id`` (None for drug classes and unknown ids)."""
    return vocabulary().by_id.get(service_id)


def categories() -> dict[str, list[str]]:
    """Every treatment category with its subcategories, in vocabulary order."""
    out: dict[str, list[str]] = {}
    for c in vocabulary().services:
        subs = out.setdefault(c.service.category, [])
        if c.service.subcategory not in subs:
            subs.append(c.service.subcategory)
    out.setdefault("medications", [])
    for cls in vocabulary().drug_classes:
        label = cls.replace("_", " ")
        if label not in out["medications"]:
            out["medications"].append(label)
    return out


def known_services() -> set[str]:
    """Service ids of the vocabulary, with one ``drug:<class>`` id per drug class."""
    v = vocabulary()
    return set(v.by_id) | {f"drug:{c}" for c in v.drug_classes}


def region_patterns() -> list[tuple[str, tuple[re.Pattern[str], ...]]]:
    """The compiled region vocabulary: (region name, patterns), in vocabulary order."""
    return list(vocabulary().regions)


def known_regions() -> set[str]:
    return {name for name, _ in vocabulary().regions}


def territory(region: str) -> tuple[str, ...]:
    """The regions a request for ``region`` is read together with (itself first); an unknown
    region is its own territory."""
    return vocabulary().territories.get(region, (region,))


_REGION_INDEX: list[Any] = [None, None]  # the vocabulary, and its index


def _region_index(vocab: Vocabulary) -> Any:
    """The strings of the region patterns in one automaton (regex_scan.FactorIndex), so that
    an ASCII text is searched only with the patterns that can match it; built once for
    each vocabulary object."""
    if _REGION_INDEX[0] is not vocab:
        from openimr.evidence.regex_scan import FactorIndex

        _REGION_INDEX[:] = [vocab, FactorIndex([p for _, pats in vocab.regions for p in pats])]
    return _REGION_INDEX[1]


def regions_named(text: str) -> list[str]:
    """The body regions ``text`` names, in vocabulary order."""
    vocab = vocabulary()
    if not text.isascii():
        return [name for name, pats in vocab.regions if any(p.search(text) for p in pats)]
    can = set(_region_index(vocab).candidates(text.lower()))
    out = []
    k = 0
    for name, pats in vocab.regions:
        if any(k + j in can and p.search(text) for j, p in enumerate(pats)):
            out.append(name)
        k += len(pats)
    return out


def unnamed_region_kinds(text: str) -> list[tuple[str, list[str]]]:
    """Kinds of body part an item's text points at without naming one ("spinal manipulation"):
    (kind, the regions it may mean, in order of preference). A kind whose regions the text
    already names is not unnamed ("cervical spine")."""
    named = set(regions_named(text))
    return [
        (k.name, list(k.regions))
        for k, pats in vocabulary().kinds
        if any(p.search(text) for p in pats) and not named & set(k.regions)
    ]


def kind_regions() -> list[str]:
    """Every region a kind of body part may mean (regions.yaml ``kinds``), in the file's order
    of preference: the spine levels, then the joints of the limbs."""
    return [r for k, _ in vocabulary().kinds for r in k.regions]


def reads_unnamed_body_part(service_id: str | None, acute: bool = True) -> bool:
    """Whether a request for ``service_id`` that names no body part may be read as for the one
    the records document most (regions.yaml ``read_unnamed_for``; after the acute phase only
    those of ``read_unnamed_in_any_phase``)."""
    v = vocabulary()
    return service_id in (v.read_unnamed_for if acute else v.read_unnamed_any_phase)


@lru_cache(maxsize=1)
def _procedures() -> tuple[tuple[ProcedureKind, tuple[re.Pattern[str], ...]], ...]:
    label = "intake/data/procedures.yaml"
    out = []
    for i, entry in enumerate(_load("procedures.yaml")["procedures"]):
        k = validate(ProcedureKind, entry, label, f"procedures[{i}].")
        out.append((k, _compile(k.patterns, f"{label}: procedures[{i}].patterns")))
    return tuple(out)


def procedure_kind(text: str) -> ProcedureKind | None:
    """The kind of operation ``text`` names (the first kind in the file that matches: combined
    operations list their larger part first)."""
    for kind, pats in _procedures():
        if any(p.search(text) for p in pats):
            return kind
    return None
