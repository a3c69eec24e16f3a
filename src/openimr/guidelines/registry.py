"""Load the knowledge base (``guidelines/data/<source>/<topic>.yaml``) and find topics.

Topics are validated when loaded, not in the middle of a case: an unknown key, a missing
citation or a malformed criterion fails with the file and the field path.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from openimr.datafiles import read_yaml, validate
from openimr.errors import DataFileError
from openimr.guidelines.schema import Cond, Criterion, Topic
from openimr.intake.requests import StructuredRequest

LEVEL_ORDER = {"MTUS": 0, "ACOEM/ODG": 1, "other guideline": 2}

Phase = Literal["acute", "chronic"]

# Chapter routing by chronicity (MTUS 2009-2017). The ACOEM 2004 chapters are written for
# acute and subacute complaints: the guideline's own definition counts a complaint as acute or
# subacute for its first three months (Ch. 12 Low Back Complaints, after the AHCPR low
# back guideline; the other body-part chapters follow the same course), with the first month
# as initial care. The Chronic Pain Medical Treatment Guidelines (CPMTG 2009, Part 1
# Introduction, p. 1) take over for pain that persists beyond the expected time of healing,
# which they put at about three months. So a case whose UR decision falls within 12 weeks of the
# injury is in the ACOEM chapters' phase ("acute", which includes the subacute period); later,
# the CPMTG applies where it addresses the item. (Letters of late 2016 cited the CPMTG for
# therapy from the second month on; later letters follow the chapters' own definition, and
# the guideline's text decides here.) The page of Ch. 12 that says so is not verified.
ACUTE_WEEKS = 12.0


def case_phase(date_of_injury: dt.date | None, reference: dt.date | None) -> Phase | None:
    """``acute`` (acute or subacute: the ACOEM chapters' phase) within ACUTE_WEEKS of the
    injury, ``chronic`` after; None when undated."""
    if date_of_injury is None or reference is None:
        return None
    weeks = (reference - date_of_injury).days / 7
    return "acute" if weeks <= ACUTE_WEEKS else "chronic"


def shared_criteria() -> dict[str, dict[str, Any]]:
    """The principles several chapters state alike (``guidelines/shared/*.yaml``), by
    ``<file stem with _>.<criterion id>`` (``special_studies.red_flag``)."""
    return dict(_shared())


@lru_cache(maxsize=1)
def _shared() -> tuple[tuple[str, dict[str, Any]], ...]:
    root = Path(str(resources.files("openimr.guidelines") / "shared"))
    out: list[tuple[str, dict[str, Any]]] = []
    for path in sorted(root.glob("*.yaml")):
        label = f"guidelines/shared/{path.name}"
        data = read_yaml(path, label)
        if not isinstance(data, dict) or not isinstance(data.get("criteria"), dict):
            raise DataFileError(f"{label}: criteria: must map criterion ids to criteria")
        prefix = path.stem.replace("-", "_")
        for cid, body in data["criteria"].items():
            out.append((f"{prefix}.{cid}", {"id": cid, **body, "shared": f"{prefix}.{cid}"}))
    return tuple(out)


@dataclass(frozen=True)
class CourseCriterion:
    """A shared criterion the engine adds to an item's topic by the item's course."""

    criterion: Criterion
    course: str
    categories: frozenset[str]
    except_services: frozenset[str] = frozenset()

    def applies(self, course: str, category: str | None, service: str | None) -> bool:
        return (
            course == self.course
            and (category or "") in self.categories
            and (service or "") not in self.except_services
        )


@lru_cache(maxsize=1)
def course_criteria() -> tuple[CourseCriterion, ...]:
    """``guidelines/shared/course.yaml``: criteria added by the routed item's course."""
    path = Path(str(resources.files("openimr.guidelines") / "shared" / "course.yaml"))
    label = "guidelines/shared/course.yaml"
    data = read_yaml(path, label)
    shared = shared_criteria()
    out = []
    for cid, rule in (data.get("applies") or {}).items():
        crit = validate(Criterion, shared[f"course.{cid}"], label, f"criteria.{cid}.")
        problems = check_criterion_facts(crit, f"criteria.{cid}")
        if problems:
            raise DataFileError(f"{label}: {problems[0]}")
        out.append(
            CourseCriterion(
                crit,
                rule["course"],
                frozenset(rule.get("categories", [])),
                frozenset(rule.get("except_services", [])),
            )
        )
    return tuple(out)


def _expand_shared(data: Any, label: str) -> Any:
    """Replace each ``- use: <shared id>`` criterion with the shared one (its other keys, such
    as ``cite``, override)."""
    if not isinstance(data, dict) or not isinstance(data.get("criteria"), list):
        return data
    shared = shared_criteria()
    out = []
    for i, c in enumerate(data["criteria"]):
        if isinstance(c, dict) and "use" in c:
            name = c["use"]
            if name not in shared:
                import difflib

                close = difflib.get_close_matches(str(name), list(shared), n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                raise DataFileError(
                    f"{label}: criteria[{i}].use: unknown shared criterion {name!r}{hint}"
                )
            c = {**shared[name], **{k: v for k, v in c.items() if k != "use"}}
        out.append(c)
    return {**data, "criteria": out}


def load_topic_file(path: Path, label: str | None = None) -> Topic:
    """Read one topic (shared criteria expanded) and check the facts it names against the fact
    registry."""
    where = label or str(path)
    topic = validate(Topic, _expand_shared(read_yaml(path, where), where), where)
    problems = fact_problems(topic)
    if problems:
        raise DataFileError(f"{label or path}: {problems[0]}")
    return topic


def fact_problems(topic: Topic) -> list[str]:
    """Facts a topic's conditions name that the registry does not define (with a
    did-you-mean hint), or name with the wrong kind (a number tested as a request property)."""

    conds = [(f"criteria[{i}]", c.when) for i, c in enumerate(topic.criteria)]
    conds += [(f"lead[{i}]", lead.when) for i, lead in enumerate(topic.lead)]
    return _facts_problems(conds)


def check_criterion_facts(crit: Criterion, where: str) -> list[str]:
    return _facts_problems([(where, crit.when)])


def _facts_problems(conds: list[tuple[str, Cond]]) -> list[str]:
    from openimr.review.facts import FACTS, check_names  # the registry lives with the engine

    out: list[str] = []
    for where, cond in conds:
        named = cond.facts_named()
        out += check_names([(where, name) for _, name in named])
        for kind, name in named:
            if name in FACTS and FACTS[name].kind != kind:
                key = "fact" if kind == "number" else "request"
                out.append(f"{where}: {name!r} is a {FACTS[name].kind} fact, not a {key}")
    return out


@dataclass(frozen=True)
class KnowledgeBase:
    topics: tuple[Topic, ...]
    files: dict[str, str]  # topic id -> file it came from

    def get(self, topic_id: str) -> Topic:
        for t in self.topics:
            if t.id == topic_id:
                return t
        raise KeyError(topic_id)

    def candidates(
        self, req: StructuredRequest, when: dt.date, phase: Phase | None = None
    ) -> list[Topic]:
        """Topics that address ``req`` at ``when``, in Medical Evidence Search Sequence order.

        A phase-specific topic applies only in its phase (``phase`` None: only "any" topics).
        """
        found = [t for t in self.topics if t.in_force(when) and applies(t, req, phase)]
        found.sort(key=search_order)
        return found

    def superseded(
        self, req: StructuredRequest, when: dt.date, phase: Phase | None = None
    ) -> list[Topic]:
        """With no topic in force for ``req`` at ``when``: the newest edition that addressed it.

        The knowledge base may not yet hold the edition in force (a decision after the MTUS
        update of 2017-12-01, say); the engine then drafts on the last edition it holds and
        says so, rather than leaving the physician with nothing.
        """
        past = [
            t
            for t in self.topics
            if t.effective_to is not None and t.effective_to <= when and applies(t, req, phase)
        ]
        if not past:
            return []
        newest = max(t.effective_to for t in past if t.effective_to is not None)
        keep = [t for t in past if t.effective_to == newest]
        keep.sort(key=search_order)
        return keep


def search_order(t: Topic) -> tuple[int, int, int]:
    """Medical Evidence Search Sequence first (MTUS, then ACOEM/ODG, then others); within a
    level a topic written for the case's phase, then one naming the request's region."""
    return (
        LEVEL_ORDER[t.level],
        0 if t.applies_to.phase != "any" else 1,
        0 if t.applies_to.regions else 1,
    )


def applies(topic: Topic, req: StructuredRequest, phase: Phase | None = None) -> bool:
    a = topic.applies_to
    if a.phase != "any" and a.phase != phase:
        return False
    service = req.service or ""
    if service not in a.services:
        return False
    if a.regions and not (set(a.regions) & set(req.regions)):
        return False
    if a.repeat == "repeat" and not req.repeat:
        return False
    return not (a.repeat == "initial" and req.repeat)


def load_knowledge_base(root: Path | None = None) -> KnowledgeBase:
    """Read every topic under ``root`` (default: the packaged knowledge base)."""
    if root is None:
        return _packaged()
    return _load_dir(root, root)


def _load_dir(root: Path, base: Path) -> KnowledgeBase:
    topics: list[Topic] = []
    files: dict[str, str] = {}
    for path in sorted(root.rglob("*.yaml")):
        label = str(path.relative_to(base))
        topic = load_topic_file(path, label)
        if topic.id in files:
            raise DataFileError(f"{label}: id: {topic.id!r} already defined in {files[topic.id]}")
        files[topic.id] = label
        topics.append(topic)
    return KnowledgeBase(tuple(topics), files)


@lru_cache(maxsize=1)
def _packaged() -> KnowledgeBase:
    root = Path(str(resources.files("openimr.guidelines") / "data"))
    return _load_dir(root, root)
