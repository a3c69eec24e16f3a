"""The findings of a case bundle, with the queries the review engine asks of them.

``of`` selects findings by code, region group, kind of observation and assertion; ``course``
follows a finding over the dated records (new, persistent, improved, resolved) where the
most recent examination counts most; ``latest`` is the most recent dated mention.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal, TypeVar

from openimr.domain.finding import Finding
from openimr.evidence import schema

CourseStatus = Literal["absent", "new", "persistent", "improved", "resolved"]
_T = TypeVar("_T")
_TIMELINE = ("present", "negated")


@lru_cache(maxsize=1)
def region_groups() -> dict[str, frozenset[str]]:
    """Region name -> the regions a query for it accepts (regions.yaml ``group``)."""
    return {r.name: frozenset([r.name, *r.group]) for r in schema.regions().regions}


def region_names() -> list[str]:
    return [r.name for r in schema.regions().regions]


def region_matches(query: str, found: str | None) -> bool:
    """Does a finding in region ``found`` answer a question about region ``query``?

    A finding with no region (a general statement like "neurologic exam normal") answers
    every region; an unknown query region only matches itself.
    """
    if found is None:
        return True
    return found in region_groups().get(query, frozenset([query]))


@dataclass(frozen=True)
class Course:
    """How one finding developed across the dated records."""

    status: CourseStatus
    first: Finding | None
    latest: Finding | None
    history: list[Finding] = field(default_factory=list)


def _key(f: Finding, order: dict[str, int]) -> tuple[dt.date, int, int]:
    return (f.when or dt.date.min, order.get(f.record_id, 0), f.start)


def _score(f: Finding) -> float | None:
    if not f.value:
        return None
    nums = re.findall(r"(\d+(?:\.\d+)?)/10", f.value)
    return float(nums[-1]) if nums else None


@dataclass
class EvidenceSet:
    """All findings of a bundle; pages that had no text layer are listed in ``needs_ocr``."""

    findings: list[Finding] = field(default_factory=list)
    needs_ocr: list[tuple[str, int]] = field(default_factory=list)  # (record id, page number)
    record_order: dict[str, int] = field(default_factory=dict)

    def codes(self) -> set[str]:
        return {f.code for f in self.findings}

    def _indexes(self) -> tuple[dict[str, list[int]], dict[tuple[str, ...], list[int]]]:
        """The positions of the findings of each code, and (filled by :meth:`_picked`) of
        each set of codes asked for; rebuilt when ``findings`` is replaced or changes length:
        a query reads the codes it asks for, not every finding."""
        cached = self.__dict__.get("_index")
        if cached is not None and cached[0] is self.findings and cached[1] == len(self.findings):
            return cached[2], cached[3]
        index: dict[str, list[int]] = {}
        for i, f in enumerate(self.findings):
            index.setdefault(f.code, []).append(i)
        picked: dict[tuple[str, ...], list[int]] = {}
        self.__dict__["_index"] = (self.findings, len(self.findings), index, picked)
        return index, picked

    def dated_visits(self, record_id: str) -> list[tuple[int, dt.date]]:
        """The clinical findings of a record that carry their own day, as (offset, date): the
        dated visits a case summary goes on to report after its background lines (a bare year
        or the UR decision's date is no visit); built once for the findings, rebuilt as the
        indexes are."""
        cached = self.__dict__.get("_dated")
        if cached is None or cached[0] is not self.findings or cached[1] != len(self.findings):
            dated: dict[str, list[tuple[int, dt.date]]] = {}
            for g in self.findings:
                if g.text_date is not None and g.role == "clinical" and g.date_precision == "day":
                    dated.setdefault(g.record_id, []).append((g.start, g.text_date))
            cached = (self.findings, len(self.findings), dated)
            self.__dict__["_dated"] = cached
        visits: list[tuple[int, dt.date]] = cached[2].get(record_id, [])
        return visits

    def memo(self, key: str, build: Callable[[list[Finding]], _T]) -> _T:
        """``build(findings)``, made once for the findings (a reading of every finding that
        each item of a case asks again) and made again as the indexes are, when ``findings``
        is replaced or changes length."""
        store = self.__dict__.setdefault("_memo", {})
        cached = store.get(key)
        if cached is None or cached[0] is not self.findings or cached[1] != len(self.findings):
            cached = (self.findings, len(self.findings), build(self.findings))
            store[key] = cached
        got: _T = cached[2]
        return got

    def exactly(self, codes: Iterable[str]) -> list[Finding]:
        """The findings whose code is one of ``codes`` (not their sub-codes), in their order:
        ``[f for f in findings if f.code in codes]`` without reading every finding."""
        by_code, _ = self._indexes()
        picked = sorted(i for c in set(codes) for i in by_code.get(c, ()))
        return [self.findings[i] for i in picked]

    def _picked(self, codes: tuple[str, ...]) -> list[int]:
        """The positions (rising) of the findings of ``codes`` or of their sub-codes; the
        review asks the same codes many times (each topic, criterion and item)."""
        by_code, known = self._indexes()
        got = known.get(codes)
        if got is None:
            prefixes = tuple(c + "." for c in codes)
            got = sorted(
                i
                for c, idx in by_code.items()
                if c in codes or c.startswith(prefixes)
                for i in idx
            )
            known[codes] = got
        return got

    def _ranks(self) -> list[int]:
        """Each finding's place in the order of :func:`_key` (date, record, offset), ties in
        the list's order: the order every query's answer takes, sorted once for the case
        instead of once for each query; made again when ``findings`` is replaced or changes
        length, or the record order changes."""
        cached = self.__dict__.get("_rank_cache")
        findings, order = self.findings, self.record_order
        if (
            cached is not None
            and cached[0] is findings
            and cached[1] == len(findings)
            and cached[2] == order
        ):
            ranks: list[int] = cached[3]
            return ranks
        ranks = [0] * len(findings)
        by_key = sorted(range(len(findings)), key=lambda i: _key(findings[i], order))
        for rank, i in enumerate(by_key):
            ranks[i] = rank
        self.__dict__["_rank_cache"] = (findings, len(findings), dict(order), ranks)
        return ranks

    def _select(
        self,
        code: str | Sequence[str],
        region: str | None,
        observation: str | None,
        assertions: Iterable[str] | None,
        quoted: bool | None = None,
    ) -> list[Finding]:
        allowed = set(assertions) if assertions is not None else None
        codes = (code,) if isinstance(code, str) else tuple(code)
        # the review asks the same query again and again (each topic, criterion, item and
        # rationale sentence): its answer is kept until the order of the findings is made again
        ranks = self._ranks()
        memo: tuple[list[int], dict[tuple[object, ...], list[Finding]]] | None = (
            self.__dict__.get("_answers")
        )
        if memo is None or memo[0] is not ranks:
            memo = (ranks, {})
            self.__dict__["_answers"] = memo
        key = (codes, region, observation, None if allowed is None else frozenset(allowed), quoted)
        kept: list[Finding] | None = memo[1].get(key)
        if kept is None:
            kept = memo[1][key] = self._answer(codes, region, observation, allowed, quoted, ranks)
        return list(kept)

    def _answer(
        self,
        codes: tuple[str, ...],
        region: str | None,
        observation: str | None,
        allowed: set[str] | None,
        quoted: bool | None,
        ranks: list[int],
    ) -> list[Finding]:
        # region_matches(region, f.region) for each finding, the query's group looked up once
        group = None if region is None else region_groups().get(region, frozenset([region]))
        findings = self.findings
        out = []
        for i in self._picked(codes):
            f = findings[i]
            if group is not None and f.region is not None and f.region not in group:
                continue
            if observation is not None and f.observation != observation:
                continue
            if allowed is not None and f.assertion not in allowed:
                continue
            if quoted is not None and f.quoted != quoted:
                continue
            out.append(i)
        # sorted by _key, ties in the list's order (a stable sort of positions that rise)
        out.sort(key=ranks.__getitem__)
        return [findings[i] for i in out]

    def of(
        self,
        code: str | Sequence[str],
        *,
        region: str | None = None,
        observation: str | None = None,
        assertion: str | None = "present",
        quoted: bool | None = None,
    ) -> list[Finding]:
        """Findings of ``code`` (or of its sub-codes; a list of codes accepts any), oldest first.

        ``assertion=None`` accepts any assertion; ``quoted`` filters on repeated findings.
        """
        return self._select(
            code, region, observation, None if assertion is None else [assertion], quoted
        )

    def _timeline(
        self, code: str | Sequence[str], region: str | None, observation: str | None
    ) -> list[Finding]:
        found = self._select(code, region, observation, _TIMELINE)
        if observation is None:
            plans = {c.code for c in schema.vocabulary().concepts if c.observation == "plan"}
            codes = [code] if isinstance(code, str) else list(code)
            if not any(c in plans for c in codes):
                found = [f for f in found if f.observation != "plan"]
        return found

    def latest(
        self,
        code: str | Sequence[str],
        *,
        region: str | None = None,
        observation: str | None = None,
    ) -> Finding | None:
        """The most recent dated mention, present or negated (present wins on the same date)."""
        return self.course(code, region=region, observation=observation).latest

    def course(
        self,
        code: str | Sequence[str],
        *,
        region: str | None = None,
        observation: str | None = None,
    ) -> Course:
        """new / persistent / improved / resolved / absent, judged on the latest record."""
        return course_of(self._timeline(code, region, observation))


def timeline_date(f: Finding) -> dt.date | None:
    """Where a mention stands on the case's timeline: the date its sentence carries, else
    its record's date, except that an undated sentence of a record that quotes others (a case
    summary's "The diagnoses have included ...") has no known date: it is background, older
    than the dated visits the record goes on to report, not news of the record's own day."""
    if f.text_date is not None:
        return f.text_date
    return None if f.quoted else f.record_date


def course_of(hist: list[Finding]) -> Course:
    """The time course of a finding over its dated mentions (oldest first), judged on the
    most recent record: a deficit found on 10/29 and absent on 12/3 is resolved. The one
    implementation of the time course; the engine's conditions read it too."""
    if not hist:
        return Course("absent", None, None, [])
    hist = sorted(hist, key=lambda f: (timeline_date(f) or dt.date.min))  # stable
    last_when = timeline_date(hist[-1])
    at_last = [f for f in hist if timeline_date(f) == last_when]
    present_last = [f for f in at_last if f.is_present]
    latest = present_last[-1] if present_last else at_last[-1]
    present = [f for f in hist if f.is_present]
    if not present:
        return Course("absent", None, latest, hist)
    first = present[0]
    if not present_last:
        return Course("resolved", first, latest, hist)
    earlier = [f for f in present if timeline_date(f) != last_when]
    if not earlier:
        # the one examination that reports it says it is unchanged ("decreased sensation,
        # unchanged from prior examinations"): the records' own word, not a new finding
        if latest.change == "unchanged":
            return Course("persistent", first, latest, hist)
        return Course("new", first, latest, hist)
    before, now = _score(earlier[-1]), _score(latest)
    if latest.change == "improved" or (before is not None and now is not None and now < before):
        return Course("improved", first, latest, hist)
    return Course("persistent", first, latest, hist)
