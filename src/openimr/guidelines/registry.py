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
from typing import Any

import yaml
from pydantic import ValidationError

from openimr.errors import DataFileError
from openimr.guidelines.schema import Topic
from openimr.intake.requests import StructuredRequest

LEVEL_ORDER = {"MTUS": 0, "ACOEM/ODG": 1, "other guideline": 2}


def _loc(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out


def load_topic_file(path: Path, label: str | None = None) -> Topic:
    name = label or str(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise DataFileError(f"{name}: invalid YAML: {exc}") from None
    try:
        return Topic.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        raise DataFileError(f"{name}: {_loc(tuple(err['loc'])) or '(top)'}: {err['msg']}") from None


@dataclass(frozen=True)
class KnowledgeBase:
    topics: tuple[Topic, ...]
    files: dict[str, str]  # topic id -> file it came from

    def get(self, topic_id: str) -> Topic:
        for t in self.topics:
            if t.id == topic_id:
                return t
        raise KeyError(topic_id)

    def candidates(self, req: StructuredRequest, when: dt.date) -> list[Topic]:
        """Topics that address ``req`` at ``when``, in Medical Evidence Search Sequence order."""
        found = [t for t in self.topics if t.in_force(when) and applies(t, req)]
        # Within a level, a topic naming the request's region beats a region-agnostic one.
        found.sort(key=lambda t: (LEVEL_ORDER[t.level], 0 if t.applies_to.regions else 1))
        return found


def applies(topic: Topic, req: StructuredRequest) -> bool:
    a = topic.applies_to
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
