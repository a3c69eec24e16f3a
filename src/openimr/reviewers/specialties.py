"""Which specialties are fit to review a case: the condition's regions and each disputed item's
category, mapped to specialties by a data file (``data/specialties.yaml``), never by code.

A reviewer must hold a certification fit for *every* disputed item; the map says, per item
category and body region, which specialties evaluate or treat it (LC 4610.6: "the same or
similar specialty ... that evaluate and/or treat the medical condition and disputed items").
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from openimr.datafiles import load_model
from openimr.domain.bundle import CaseBundle, Request
from openimr.errors import DataFileError

DEFAULT_MAP = Path(__file__).parent / "data" / "specialties.yaml"
DEFAULT_KEY = "default"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Specialty(_Strict):
    name: str = Field(min_length=1)  # as the letter prints it
    aliases: list[str] = Field(default_factory=list)


class Region(_Strict):
    name: str = Field(min_length=1)
    keywords: list[str] = Field(min_length=1)
    treating: list[str] = Field(min_length=1)  # specialties that evaluate/treat this region


class Category(_Strict):
    name: str = Field(min_length=1)
    keywords: list[str] = Field(default_factory=list)
    # Keys of openimr.intake.requests.parse_request that map onto this category: a service id
    # ("psychotherapy", "drug:antidepressant") or a category ("injections"); service ids are
    # tried before categories, so a specific service can override its category's mapping.
    request_categories: list[str] = Field(default_factory=list)
    # region name (or "default") -> fit specialties; explicit regions win over "default".
    fit: dict[str, list[str]] = Field(default_factory=dict)
    treating: bool = False  # also fit: the treating specialties of the item's regions


class AssociatedSurgical(_Strict):
    """Services that go with a surgery (pre-op testing, post-op therapy ...): they follow it."""

    # Intake keys (service ids or categories) of such services; an item intake flags as an
    # "associated surgical service" follows its surgery whatever its service.
    request_categories: list[str] = Field(default_factory=list)
    # The surgery category: its fit (the case's disputed surgery, else the item's regions)
    # is added to the associated item's own fit.
    follows: str = Field(min_length=1)


class SpecialtyMap(_Strict):
    format: Literal["openimr-specialties/1"]
    specialties: list[Specialty] = Field(min_length=1)
    regions: list[Region] = Field(min_length=1)
    general_region: str
    categories: list[Category] = Field(min_length=1)
    default_category: str
    associated_surgical: AssociatedSurgical | None = None

    @model_validator(mode="after")
    def _names_resolve(self) -> SpecialtyMap:
        known = {_norm(s.name) for s in self.specialties} | {
            _norm(a) for s in self.specialties for a in s.aliases
        }
        regions = {r.name for r in self.regions}

        def check(name: str, where: str) -> None:
            if _norm(name) not in known:
                close = difflib.get_close_matches(name, [s.name for s in self.specialties], 1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                raise ValueError(f"{where}: unknown specialty '{name}'{hint}")

        for i, r in enumerate(self.regions):
            for s in r.treating:
                check(s, f"regions[{i}].treating")
        if self.general_region not in regions:
            raise ValueError(f"general_region: '{self.general_region}' is not a region")
        for i, c in enumerate(self.categories):
            for key, specs in c.fit.items():
                if key != DEFAULT_KEY and key not in regions:
                    raise ValueError(f"categories[{i}].fit: '{key}' is not a region or 'default'")
                for s in specs:
                    check(s, f"categories[{i}].fit.{key}")
            if not c.fit and not c.treating:
                raise ValueError(f"categories[{i}]: give 'fit' or 'treating: true'")
        if self.default_category not in {c.name for c in self.categories}:
            raise ValueError(f"default_category: '{self.default_category}' is not a category")
        assoc = self.associated_surgical
        if assoc is not None and assoc.follows not in {c.name for c in self.categories}:
            raise ValueError(f"associated_surgical.follows: '{assoc.follows}' is not a category")
        return self


def _norm(s: str) -> str:
    return re.sub(r"[^a-z0-9&]+", " ", s.lower()).strip()


def _keyword_regex(words: list[str]) -> re.Pattern[str] | None:
    """Whole-word, case-insensitive; a trailing ``*`` allows any word ending."""
    if not words:
        return None
    parts = []
    for w in words:
        star = w.endswith("*")
        body = re.escape(w.rstrip("*")).replace(r"\ ", r"\s+")
        parts.append(rf"(?<![a-z0-9]){body}{r'[a-z0-9-]*' if star else r'(?![a-z0-9])'}")
    return re.compile("|".join(parts), re.IGNORECASE)


@dataclass(frozen=True)
class ParsedItem:
    """What intake's request parser says about an item, reduced to what the map needs."""

    text: str  # the part IMR decides (a modified UR's eligible portion)
    keys: list[str] = field(default_factory=list)  # service id, then category
    regions: list[str] = field(default_factory=list)  # intake's region names
    associated_surgical: bool = False  # written as an "associated surgical service"


@dataclass(frozen=True)
class ItemFit:
    """The specialties fit for one disputed item, and why."""

    request_id: str
    item: str
    category: str
    regions: tuple[str, ...]
    specialties: tuple[str, ...]  # canonical display names, map order
    follows: tuple[str, ...] = ()  # surgery item ids an associated surgical service follows
    associated: bool = False  # an associated surgical service (its surgeon's fit is added)

    def reason(self) -> str:
        regions = ", ".join(r.replace("_", " ") for r in self.regions)
        assoc = f"; associated with surgery item {', '.join(self.follows)}" if self.follows else ""
        return f"item {self.request_id} ({self.category}; {regions}{assoc})"


@dataclass
class CaseFit:
    """Per-item fits for a case; a reviewer must cover every item."""

    items: list[ItemFit]
    case_regions: tuple[str, ...]
    common: list[str] = field(default_factory=list)  # fit for every item


class SpecialtyMatcher:
    """The loaded map: canonical specialty names, region and category detection, item fits."""

    def __init__(self, data: SpecialtyMap, source: str = "<map>") -> None:
        self.data = data
        self.source = source
        self._canon: dict[str, str] = {}
        for s in data.specialties:
            self._canon[_norm(s.name)] = s.name
            for a in s.aliases:
                self._canon[_norm(a)] = s.name
        self._order = {s.name: i for i, s in enumerate(data.specialties)}
        self._region_re = [(r, _keyword_regex(r.keywords)) for r in data.regions]
        self._cat_re = [(c, _keyword_regex(c.keywords)) for c in data.categories]
        self._by_request_cat = {
            _norm(rc): c for c in data.categories for rc in c.request_categories
        }
        self._cats = {c.name: c for c in data.categories}
        self._regions = {r.name: r for r in data.regions}
        assoc = data.associated_surgical
        self._assoc_keys = {_norm(k) for k in assoc.request_categories} if assoc else set()

    # -- names ---------------------------------------------------------------------------
    def canonical(self, name: str) -> str | None:
        """The map's display name for a specialty written any known way, else None."""
        return self._canon.get(_norm(name))

    def require(self, name: str, where: str) -> str:
        """Canonical name, or a DataFileError naming where the unknown name came from."""
        c = self.canonical(name)
        if c is None:
            close = difflib.get_close_matches(name, [s.name for s in self.data.specialties], 1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise DataFileError(f"{where}: unknown specialty '{name}'{hint}")
        return c

    def _sorted(self, names: set[str]) -> tuple[str, ...]:
        return tuple(sorted(names, key=lambda n: self._order.get(n, 10_000)))

    # -- detection -----------------------------------------------------------------------
    def regions_in(self, text: str) -> list[str]:
        """Regions named in ``text``, in map order."""
        return [r.name for r, rx in self._region_re if rx is not None and rx.search(text)]

    def case_regions(self, bundle: CaseBundle) -> tuple[str, ...]:
        """Regions of the accepted body parts (each body part counts for its first region)."""
        found: list[str] = []
        for part in bundle.claim.body_parts:
            hits = self.regions_in(part)
            if hits and hits[0] not in found:
                found.append(hits[0])
        return tuple(found) or (self.data.general_region,)

    def category_of(self, text: str, keys: list[str] | None = None) -> Category:
        """The item's category: the first of intake's keys the map knows, else keywords."""
        for key in keys or []:
            cat = self._by_request_cat.get(_norm(key))
            if cat is not None:
                return cat
        for cat, rx in self._cat_re:
            if rx is not None and rx.search(text):
                return cat
        return self._cats[self.data.default_category]

    # -- fit -----------------------------------------------------------------------------
    def item_fit(
        self, request: Request, case_regions: tuple[str, ...], parsed: ParsedItem | None = None
    ) -> ItemFit:
        """Specialties fit for one item: its category, judged for the regions it names (or,
        naming none, the case's regions)."""
        text = parsed.text if parsed else request.item
        cat = self.category_of(text, parsed.keys if parsed else None)
        named_list = self.regions_in(text)
        for extra in self.regions_in(" ; ".join(parsed.regions)) if parsed else []:
            if extra not in named_list:
                named_list.append(extra)
        named = tuple(r for r in (reg.name for reg in self.data.regions) if r in named_list)
        regions = named or case_regions
        canon = self._category_fit(cat, regions)
        return ItemFit(
            request.id,
            request.item,
            cat.name,
            regions,
            self._sorted(canon),
            associated=self.is_associated_surgical(cat, parsed),
        )

    def _category_fit(self, cat: Category, regions: tuple[str, ...]) -> set[str]:
        """Canonical specialties fit for ``cat`` judged for ``regions``."""
        specs: set[str] = set()
        explicit = [r for r in regions if r in cat.fit]
        if explicit:
            for r in explicit:
                specs.update(cat.fit[r])
        elif DEFAULT_KEY in cat.fit:
            specs.update(cat.fit[DEFAULT_KEY])
        if cat.treating or not specs:
            for r in regions:
                specs.update(self._regions[r].treating)
        return {self.canonical(s) or s for s in specs}

    def is_associated_surgical(self, cat: Category, parsed: ParsedItem | None) -> bool:
        """Whether the item is a service that goes with a surgery (and so follows it)."""
        assoc = self.data.associated_surgical
        if assoc is None or parsed is None:
            return False
        return parsed.associated_surgical or any(_norm(k) in self._assoc_keys for k in parsed.keys)

    def _follow_surgery(self, items: list[ItemFit]) -> list[ItemFit]:
        """Associated surgical services are fit for their surgeon too: the specialties fit for
        the case's disputed surgery items are added to theirs. With no surgery disputed the
        surgeon is unknown, and the item keeps its own fit."""
        assoc = self.data.associated_surgical
        surgeries = [
            it for it in items if assoc and it.category == assoc.follows and not it.associated
        ]
        if not surgeries:
            return items
        extra = {s for sg in surgeries for s in sg.specialties}
        out: list[ItemFit] = []
        for it in items:
            if not it.associated:
                out.append(it)
                continue
            out.append(
                replace(
                    it,
                    specialties=self._sorted(set(it.specialties) | extra),
                    follows=tuple(sg.request_id for sg in surgeries),
                )
            )
        return out

    def case_fit(self, bundle: CaseBundle, parsed: dict[str, ParsedItem] | None = None) -> CaseFit:
        regions = self.case_regions(bundle)
        got = parsed or {}
        items = self._follow_surgery(
            [self.item_fit(r, regions, got.get(r.id)) for r in bundle.requests]
        )
        common = set(items[0].specialties) if items else set()
        for it in items[1:]:
            common &= set(it.specialties)
        return CaseFit(items, regions, list(self._sorted(common)))

    def fits_item(self, certifications: list[str], item: ItemFit) -> list[str]:
        """The reviewer's certifications (canonical) that are fit for ``item``."""
        held = [self.canonical(c) or c for c in certifications]
        return [c for c in held if c in item.specialties]


def load_specialty_map(path: Path | None = None) -> SpecialtyMatcher:
    """Load a specialty map (default: the packaged one)."""
    p = path or DEFAULT_MAP
    return SpecialtyMatcher(load_model(SpecialtyMap, p), str(p))


@lru_cache(maxsize=1)
def default_matcher() -> SpecialtyMatcher:
    return load_specialty_map(None)
