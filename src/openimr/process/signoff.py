"""Physician sign-off: the engine's draft becomes a signed determination only here.

The reviewer accepts or changes each item's decision and rationale, from an edits file::

    items:
      "1": accept
      "2": {decision: overturned, rationale: "In our own words, why ..."}
    accept_all: false        # true: accept every item not listed

Every item must be dealt with; an ``undetermined`` draft item cannot be accepted as it is.
What changed is recorded item by item (before/after) for the audit log.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from openimr.datafiles import read_yaml, validate
from openimr.domain.determination import Determination, ItemDecision
from openimr.process.lifecycle import CaseError


class ItemEdit(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    decision: Literal["upheld", "overturned"] | None = None
    rationale: str | None = Field(default=None, min_length=1)


class SignEdits(BaseModel):
    model_config = ConfigDict(extra="forbid")

    items: dict[str, Literal["accept"] | ItemEdit] = Field(default_factory=dict)
    accept_all: bool = False
    note: str | None = None


def load_edits(path: Path) -> SignEdits:
    """Read an edits file (.yaml, .yml or .json); errors name the file and the field."""
    if path.suffix.lower() == ".json":
        try:
            data: Any = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise CaseError(f"{path}: file not found") from None
        except json.JSONDecodeError as exc:
            raise CaseError(f"{path}: invalid JSON at line {exc.lineno}: {exc.msg}") from None
    else:
        data = read_yaml(path)
    if data is None:
        data = {}
    return validate(SignEdits, data, path)


def apply_edits(
    draft: Determination, edits: SignEdits
) -> tuple[list[ItemDecision], list[dict[str, Any]]]:
    """The signed items and the list of changes ``{item, field, before, after}``."""
    ids = [it.id for it in draft.items]
    unknown = [k for k in edits.items if k not in ids]
    if unknown:
        raise CaseError(
            f"edits name item(s) {', '.join(unknown)} that the draft does not have "
            f"(items: {', '.join(ids)})"
        )
    items: list[ItemDecision] = []
    changes: list[dict[str, Any]] = []
    missing: list[str] = []
    for it in draft.items:
        edit = edits.items.get(it.id)
        if edit is None and not edits.accept_all:
            missing.append(it.id)
            continue
        if edit is None or edit == "accept":
            if it.decision == "undetermined":
                raise CaseError(
                    f"item {it.id} is undetermined in the draft: give its decision and "
                    "rationale, it cannot be accepted as it is"
                )
            items.append(it)
            continue
        assert isinstance(edit, ItemEdit)
        update: dict[str, Any] = {}
        if edit.decision is not None and edit.decision != it.decision:
            update["decision"] = edit.decision
        if edit.rationale is not None and edit.rationale != it.rationale:
            update["rationale"] = edit.rationale
        new = it.model_copy(update=update)
        if new.decision == "undetermined":
            raise CaseError(f"item {it.id}: a signed item needs decision upheld or overturned")
        if "decision" in update and "rationale" not in update:
            raise CaseError(
                f"item {it.id}: changing the decision needs a rationale that supports it"
            )
        for key, value in update.items():
            changes.append(
                {"item": it.id, "field": key, "before": getattr(it, key), "after": value}
            )
        items.append(new)
    if missing:
        raise CaseError(
            f"items {', '.join(missing)} are neither accepted nor edited "
            "(list them, or set accept_all: true)"
        )
    return items, changes
