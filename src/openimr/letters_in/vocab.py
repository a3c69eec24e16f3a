"""The parser's data files (``letters_in/data/*.yaml``), validated and compiled once.

Layout headings, labels and guideline names are data, not code: a new layout or a guideline
edition is a change to a YAML file. Unknown keys are refused with the file, the path and the
field, like every other data file of the project.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from openimr.datafiles import load_model
from openimr.errors import DataFileError


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LayoutSpec(_Strict):
    id: str
    family: Literal["fdl", "maximus-notice", "medical-professional-review"]
    require: list[str] = Field(min_length=1)


class UnsupportedLayout(_Strict):
    id: str
    require: list[str] = Field(min_length=1)
    reason: str


class SectionSpec(_Strict):
    role: str
    pattern: str


class LayoutsFile(_Strict):
    layouts: list[LayoutSpec] = Field(min_length=1)
    unsupported: list[UnsupportedLayout] = Field(default_factory=list)
    sections: list[SectionSpec] = Field(min_length=1)
    labels: list[str] = Field(default_factory=list)
    boilerplate: list[str] = Field(default_factory=list)


class MtusPart(_Strict):
    name: str
    source: Literal["ACOEM", "DWC"]
    chapter: str | None = None
    patterns: list[str] = Field(min_length=1)
    section_split: str = ",\\s+"


class OdgChapter(_Strict):
    name: str
    patterns: list[str] = Field(min_length=1)


class GuidelinesFile(_Strict):
    mtus: list[MtusPart] = Field(min_length=1)
    odg_chapters: list[OdgChapter] = Field(default_factory=list)


def _load(name: str, model: type[BaseModel]) -> Any:
    path = Path(str(resources.files("openimr.letters_in") / "data" / name))
    return load_model(model, path, f"letters_in/data/{name}")


def _compile(where: str, pattern: str, flags: int = 0) -> re.Pattern[str]:
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise DataFileError(f"letters_in/data/{where}: bad pattern {pattern!r}: {exc}") from None


@dataclass(frozen=True)
class Layouts:
    layouts: list[tuple[LayoutSpec, list[re.Pattern[str]]]]
    unsupported: list[tuple[UnsupportedLayout, list[re.Pattern[str]]]]
    sections: re.Pattern[str]  # one alternation; group names are the roles
    roles: list[str]
    labels: re.Pattern[str]
    boilerplate: list[re.Pattern[str]]


@lru_cache(maxsize=1)
def layouts() -> Layouts:
    f: LayoutsFile = _load("layouts.yaml", LayoutsFile)
    w = "layouts.yaml"
    lay = [(s, [_compile(w, p) for p in s.require]) for s in f.layouts]
    uns = [(u, [_compile(w, p) for p in u.require]) for u in f.unsupported]
    roles = [s.role for s in f.sections]
    alternation = "|".join(f"(?P<{s.role}>{s.pattern})" for s in f.sections)
    sections = _compile(w, rf"^[ \f]*(?:{alternation})[ \t]*(?=$|[:\s])", re.M)
    labels = _compile(w, "^(?:" + "|".join(f"(?:{p})" for p in f.labels) + ")")
    boiler = [_compile(w, p) for p in f.boilerplate]
    return Layouts(lay, uns, sections, roles, labels, boiler)


@dataclass(frozen=True)
class CompiledPart:
    part: MtusPart
    pattern: re.Pattern[str]
    split: re.Pattern[str]


@dataclass(frozen=True)
class Guidelines:
    mtus: list[CompiledPart]
    mtus_any: re.Pattern[str]
    odg_chapters: list[tuple[str, re.Pattern[str]]]


@lru_cache(maxsize=1)
def guidelines() -> Guidelines:
    f: GuidelinesFile = _load("guidelines.yaml", GuidelinesFile)
    w = "guidelines.yaml"
    parts = [
        CompiledPart(
            p,
            _compile(w, r"\b(?:" + "|".join(p.patterns) + r")", re.I),
            _compile(w, p.section_split),
        )
        for p in f.mtus
    ]
    names = "|".join(f"(?:{pat})" for p in f.mtus for pat in p.patterns)
    mtus_any = _compile(w, rf"\b(?:{names})", re.I)
    chapters = [
        (c.name, _compile(w, r"\b(?:" + "|".join(c.patterns) + r")(?!\w)", re.I))
        for c in f.odg_chapters
    ]
    return Guidelines(parts, mtus_any, chapters)
