"""The packet vocabularies (``data/documents.yaml``, ``data/forms.yaml``), loaded once.

Unknown keys are refused, and every pattern is compiled when the file loads, so a bad entry
fails with the file and the field, not in the middle of a packet.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from openimr.datafiles import parse_yaml
from openimr.errors import DataFileError


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class KindRule(_Strict):
    pattern: str
    kind: str


class DocType(_Strict):
    type: str
    label: str
    kind: str
    id_prefix: str
    headings: list[str] = Field(min_length=1)
    kinds: list[KindRule] = Field(default_factory=list)
    author: bool = True  # False: the document has no medical author (a form the worker signs)


class Documents(_Strict):
    top_lines: int = 10
    types: list[DocType]
    date_labels: list[str]
    author_labels: list[str]
    page_marker: str


class RepeatField(_Strict):
    repeat: bool = True
    labels: list[str]
    item_fields: list[str] = Field(default_factory=list)  # fields that belong to the item


class DecisionRule(_Strict):
    pattern: str
    decision: str


class SexRule(_Strict):
    pattern: str
    sex: str


class PriorityRule(_Strict):
    pattern: str
    priority: str


class Forms(_Strict):
    imr_application: dict[str, list[str] | RepeatField]
    ur_letter: dict[str, list[str] | RepeatField]
    rfa: dict[str, list[str] | RepeatField]
    ur_decisions: list[DecisionRule]
    priorities: list[PriorityRule]
    sexes: list[SexRule]
    confirm_below_confidence: float = 60
    page_below_confidence: float = 75


def _load(name: str) -> Any:
    text = resources.files("openimr.intake.packets").joinpath("data", name).read_text("utf-8")
    return parse_yaml(text, f"intake/packets/data/{name}")


def _compile(file: str, where: str, pattern: str, flags: int = re.I) -> re.Pattern[str]:
    # OCR of a fax reads specks as stray dots and commas between words: let them pass.
    pattern = pattern.replace(r"\s+", r"[\s.,]+")
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise DataFileError(f"{file}: {where}: bad pattern {pattern!r} ({exc})") from exc


def _validate(model: type[BaseModel], name: str) -> Any:
    try:
        return model.model_validate(_load(name))
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err["loc"])
        raise DataFileError(f"{name}: {loc}: {err['msg']}") from None


class CompiledType:
    def __init__(self, t: DocType) -> None:
        self.type, self.label, self.kind, self.id_prefix = t.type, t.label, t.kind, t.id_prefix
        self.has_author = t.author
        where = f"types[{t.type}]"
        self.headings = [_compile("documents.yaml", where, h) for h in t.headings]
        self.kinds = [(_compile("documents.yaml", where, k.pattern), k.kind) for k in t.kinds]

    def kind_for(self, heading: str) -> str:
        for pattern, kind in self.kinds:
            if pattern.search(heading):
                return kind
        return self.kind


class DocumentVocabulary:
    def __init__(self, d: Documents) -> None:
        self.top_lines = d.top_lines
        self.types = [CompiledType(t) for t in d.types]
        self.by_type = {t.type: t for t in self.types}
        self.date_labels = [_compile("documents.yaml", "date_labels", p) for p in d.date_labels]
        self.author_labels = [
            _compile("documents.yaml", "author_labels", p) for p in d.author_labels
        ]
        self.page_marker = _compile("documents.yaml", "page_marker", d.page_marker)


# A label at the start of a line (after stray marks), an optional hint such as "(MM/DD/YYYY)",
# then a colon (OCR may read it as ';' or '.').
_LABEL = r"^[\W_]*(?:{})(?:\s*\([^)]{{0,20}}\))?\s*[:;.]\s*"


class FormVocabulary:
    """Per form: field -> (label patterns, repeats) and the decision and sex rules."""

    def __init__(self, f: Forms) -> None:
        self.forms: dict[str, dict[str, tuple[list[re.Pattern[str]], bool]]] = {}
        self.item_fields: dict[str, set[str]] = {}
        for form in ("imr_application", "ur_letter", "rfa"):
            fields: dict[str, tuple[list[re.Pattern[str]], bool]] = {}
            self.item_fields[form] = set()
            for name, spec in getattr(f, form).items():
                labels, repeat = (spec.labels, spec.repeat) if isinstance(
                    spec, RepeatField
                ) else (spec, False)
                if isinstance(spec, RepeatField):
                    self.item_fields[form].update(spec.item_fields)
                fields[name] = (
                    [_compile("forms.yaml", f"{form}.{name}", _LABEL.format(p)) for p in labels],
                    repeat,
                )
            self.forms[form] = fields
        self.ur_decisions = [
            (_compile("forms.yaml", "ur_decisions", r.pattern), r.decision) for r in f.ur_decisions
        ]
        self.sexes = [(_compile("forms.yaml", "sexes", r.pattern), r.sex) for r in f.sexes]
        self.priorities = [(_compile("forms.yaml", "priorities", r.pattern), r.priority)
                           for r in f.priorities]
        self.confirm_below = f.confirm_below_confidence
        self.page_below = f.page_below_confidence


@cache
def documents() -> DocumentVocabulary:
    return DocumentVocabulary(_validate(Documents, "documents.yaml"))


@cache
def forms() -> FormVocabulary:
    return FormVocabulary(_validate(Forms, "forms.yaml"))
