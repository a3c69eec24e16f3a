"""The FHIR mapping vocabulary (``data/fhir.yaml``) and small helpers both directions share."""

from __future__ import annotations

import base64
import re
from functools import cache
from importlib import resources
from typing import Any

from pydantic import BaseModel, ConfigDict

from openimr.datafiles import parse_yaml, validate


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Systems(_Strict):
    case_number: str
    record_id: str
    request_id: str
    ur_decision: str
    imr_decision: str
    task: str


class Extensions(_Strict):
    request_id: str
    source: str
    age: str


class Codes(_Strict):
    application_task: str
    ur_decisions: list[str]
    ur_authorized: str
    imr_decisions: list[str]


class Mapping(_Strict):
    systems: Systems
    extensions: Extensions
    codes: Codes
    task_dates: list[str]
    gender: dict[str, str]
    priority: dict[str, str]
    record_kinds: dict[str, str]


@cache
def mapping() -> Mapping:
    raw = resources.files("openimr.intake.fhir").joinpath("data", "fhir.yaml").read_text("utf-8")
    label = "intake/fhir/data/fhir.yaml"
    return validate(Mapping, parse_yaml(raw, label), label)


def fhir_id(value: str) -> str:
    """A valid FHIR id ([A-Za-z0-9-.]{1,64}) made from any identifier."""
    out = re.sub(r"[^A-Za-z0-9\-.]", "-", value)[:64]
    return out or "x"


def b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def unb64(data: str) -> bytes:
    return base64.b64decode(data)


def concept_text(cc: dict[str, Any] | None) -> str | None:
    """The words of a CodeableConcept: its text, else the first coding's display or code."""
    if not cc:
        return None
    if cc.get("text"):
        return str(cc["text"])
    for coding in cc.get("coding") or []:
        if coding.get("display") or coding.get("code"):
            return str(coding.get("display") or coding.get("code"))
    return None


def code_in(cc: dict[str, Any] | None, system: str) -> str | None:
    for coding in (cc or {}).get("coding") or []:
        if coding.get("system") == system and coding.get("code"):
            return str(coding["code"])
    return None
