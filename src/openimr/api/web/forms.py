"""Reading the pages' forms into the API's inputs."""

from __future__ import annotations

from typing import Any

from openimr.api.errors import ApiError
from openimr.api.schemas import ItemEditIn, SignIn
from openimr.domain.determination import Determination


def sign_in_from_form(form: dict[str, Any], draft: Determination) -> SignIn:
    """Per item: ``decision_<id>`` (accept | upheld | overturned) and ``rationale_<id>``;
    ``note`` is the reason for any override."""
    items: dict[str, Any] = {}
    for it in draft.items:
        choice = str(form.get(f"decision_{it.id}", "accept"))
        if choice not in ("accept", "upheld", "overturned"):
            raise ApiError(422, "invalid", f"item {it.id}: decision {choice!r} is not allowed")
        rationale = str(form.get(f"rationale_{it.id}", it.rationale)).replace("\r\n", "\n").strip()
        decision = None if choice == "accept" else choice
        changed_text = rationale and rationale != it.rationale.strip()
        if decision is None and not changed_text:
            items[it.id] = "accept"
        else:
            items[it.id] = ItemEditIn(
                decision=decision,
                rationale=rationale if changed_text else None,
            )
    note = str(form.get("note", "")).strip() or None
    return SignIn(items=items, accept_all=False, note=note)
