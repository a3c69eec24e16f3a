"""From the documents of a packet to a case bundle, with what a person must check.

The IMR application and the UR decision letter give the case data and the disputed items;
the RFA cross-checks them. A value that the forms disagree on, that OCR was unsure of (a
word read with low confidence), or that is missing is written as read and listed under
``intake.confirm`` (never guessed). Every document becomes a record that keeps its file and
pages; a page or document that could not be read or classified is listed under
``intake.issues`` for the intake clerk.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openimr.domain.source import (
    FieldToConfirm,
    IntakeIssue,
    IntakeReport,
    SourcePage,
    SourceRef,
)
from openimr.intake.packets.forms import FieldValue, FormData, read_form
from openimr.intake.packets.pages import Page
from openimr.intake.packets.split import Document, page_body, parse_date, stated_date
from openimr.intake.packets.vocab import documents, forms

CLINICAL_TYPES = ("progress_report", "imaging_report", "operative_report", "therapy_note")


@dataclass
class Assembly:
    data: dict[str, Any]
    report: IntakeReport
    documents: list[Document]
    records: dict[int, str] = field(default_factory=dict)  # document index -> record id


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _same_item(a: str, b: str) -> bool:
    ta, tb = set(_norm(a).split()), set(_norm(b).split())
    if not ta or not tb:
        return False
    return len(ta & tb) / max(len(ta), len(tb)) >= 0.8


def _rel(path: str, base: Path | None) -> str:
    if base is None:
        return path
    try:
        return os.path.relpath(Path(path).resolve(), base.resolve())
    except ValueError:  # another drive
        return str(Path(path).resolve())


class _Confirm:
    """Collects the fields to confirm, and picks a value from the forms that state it."""

    def __init__(self, base: Path | None) -> None:
        self.items: list[FieldToConfirm] = []
        self.base = base
        self.threshold = forms().confirm_below

    def add(self, path: str, fv: FieldValue | None, reason: str) -> None:
        self.items.append(FieldToConfirm(
            field=path, value=fv.value if fv else None, reason=reason,
            file=_rel(fv.file, self.base) if fv else None, page=fv.page if fv else None,
        ))

    def pick(
        self,
        path: str,
        sources: list[tuple[str, FieldValue | None]],
        parse: Callable[[str], Any] = lambda s: s,
        same: Callable[[Any, Any], bool] = lambda a, b: a == b,
    ) -> Any:
        found = [(name, fv, parse(fv.value)) for name, fv in sources if fv is not None]
        if not found:
            self.add(path, None, "not found in the packet (" + ", ".join(n for n, _ in sources)
                     + ")")
            return None
        name, fv, value = found[0]
        if value is None:
            self.add(path, fv, f"could not be read from the {name}")
            return None
        for other_name, other_fv, other in found[1:]:
            if other is not None and not same(value, other):
                self.add(path, fv, f"the {name} says {fv.value!r}, the {other_name} says "
                                   f"{other_fv.value!r}")
                return value
        if fv.confidence is not None and fv.confidence < self.threshold:
            self.add(path, fv, f"OCR was unsure of a word ({fv.confidence:.0f} of 100)")
        return value


def _ur_decision(text: str) -> str | None:
    for pattern, decision in forms().ur_decisions:
        if pattern.search(text):
            return decision
    return None


def _priority(text: str) -> str | None:
    for pattern, priority in forms().priorities:
        if pattern.search(text):
            return priority
    return None


def _sex(text: str) -> str | None:
    t = text.strip().lower()
    for pattern, sex in forms().sexes:
        if pattern.search(t):
            return sex
    return None


def _body_parts(text: str) -> list[str]:
    parts = re.split(r"\s*(?:,|;|\band\b)\s*", text)
    return [p.strip(" .").lower() for p in parts if p.strip(" .")]


def _first(docs: list[Document], type_: str) -> Document | None:
    return next((d for d in docs if d.type == type_), None)


def _record_id(doc: Document, prefix: str, seen: set[str]) -> str:
    base = f"{prefix}-{doc.date.isoformat()}" if doc.date else f"{prefix}-p{doc.pages[0].number}"
    rid, n = base, 2
    while rid in seen:
        rid, n = f"{base}-{n}", n + 1
    seen.add(rid)
    return rid


def _source(doc: Document, base: Path | None) -> SourceRef:
    pages: list[SourcePage] = []
    offset = 0
    for p in doc.pages:
        if not p.readable:
            continue
        pages.append(SourcePage(page=p.number, start=offset, ocr=p.ocr,
                                confidence=round(p.confidence, 1) if p.confidence else None))
        offset += len(page_body(p)) + 2
    return SourceRef(file=_rel(doc.file, base), pages=pages)


def _issues(pages: list[Page], docs: list[Document], base: Path | None) -> list[IntakeIssue]:
    threshold = forms().page_below
    out: list[IntakeIssue] = []
    for p in pages:
        if not p.readable:
            out.append(IntakeIssue(kind="unreadable", file=_rel(p.file, base), pages=[p.number],
                                   detail=p.error or "no text"))
        elif p.ocr and p.confidence is not None and p.confidence < threshold:
            out.append(IntakeIssue(kind="low_confidence", file=_rel(p.file, base),
                                   pages=[p.number],
                                   detail=f"OCR confidence {p.confidence:.0f}: check the text"))
    for d in docs:
        if not d.classified:
            first = next((ln.strip() for ln in d.text.splitlines() if ln.strip()), "")
            out.append(IntakeIssue(kind="unclassified", file=_rel(d.file, base),
                                   pages=d.page_numbers,
                                   detail=f"no known heading (starts: {first[:60]!r})"))
    return out


def _requests(app: FormData | None, ur: FormData | None, c: _Confirm, base: Path | None,
              ) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    app_items = [i["item"] for i in (app.items if app else []) if "item" in i]
    if ur is not None and ur.items:
        for item in ur.items:
            fv = item["item"]
            dec_fv = item.get("decision")
            decision = _ur_decision(dec_fv.value) if dec_fv else None
            path = f"requests[{len(out)}]"
            if decision == "certified":
                continue  # authorised in full: not in dispute
            if decision is None:
                c.add(f"{path}.ur_decision", dec_fv or fv, "UR's decision on this item is not "
                      "stated clearly (denied or modified?)")
                decision = "denied"
            entry: dict[str, Any] = {"id": str(len(out) + 1), "item": fv.value,
                                     "ur_decision": decision}
            if fv.confidence is not None and fv.confidence < c.threshold:
                c.add(f"{path}.item", fv, f"OCR was unsure of a word ({fv.confidence:.0f} of 100)")
            for key, field_name in (("basis", "ur_basis"), ("authorized", "ur_authorized")):
                sub = item.get(key)
                if sub and sub.confidence is not None and sub.confidence < c.threshold:
                    c.add(f"{path}.{field_name}", sub,
                          f"OCR was unsure of a word ({sub.confidence:.0f} of 100)")
            if "basis" in item:
                entry["ur_basis"] = item["basis"].value
            if decision == "modified":
                if "authorized" in item:
                    entry["ur_authorized"] = item["authorized"].value
                else:
                    c.add(f"{path}.ur_authorized", fv, "modified, but the authorised part is "
                          "not stated")
            if app_items and not any(_same_item(fv.value, a.value) for a in app_items):
                c.add(f"{path}.item", fv, "not among the disputed items of the IMR application")
            entry["source"] = SourceRef(file=_rel(fv.file, base), pages=[
                SourcePage(page=fv.page, ocr=fv.confidence is not None,
                           confidence=round(fv.page_confidence, 1)
                           if fv.page_confidence is not None else None)
            ]).model_dump(mode="json", exclude_defaults=True)
            out.append(entry)
        ur_texts = [i["item"].value for i in ur.items]
        for a in app_items:
            if not any(_same_item(a.value, u) for u in ur_texts):
                c.add("requests", a, "disputed on the IMR application but not found in the "
                      "UR decision letter")
        return out
    for a in app_items:
        c.add(f"requests[{len(out)}].ur_decision", a,
              "no UR decision letter read: UR's decision is assumed, not stated")
        out.append({"id": str(len(out) + 1), "item": a.value, "ur_decision": "denied",
                    "source": SourceRef(file=_rel(a.file, base),
                                        pages=[SourcePage(page=a.page)]).model_dump(
                                            mode="json", exclude_defaults=True)})
    return out


def _field(form: FormData | None, name: str) -> FieldValue | None:
    return form.fields.get(name) if form else None


def _case_fields(c: _Confirm, app: FormData | None, ur: FormData | None,
                 rfa: FormData | None) -> dict[str, Any]:
    """Case number, priority, dates, patient and claim (less providers) from the forms."""
    f = _field
    number = c.pick("case_number", [("IMR application", f(app, "case_number"))],
                    lambda s: (re.sub(r"\s+", "", s).upper() or None))
    priority = c.pick("priority", [("IMR application", f(app, "review_type"))], _priority)
    dates: dict[str, Any] = {}
    received = c.pick("dates.application_received", [("IMR application", f(app, "received"))],
                      parse_date)
    if received:
        dates["application_received"] = received
    dates["ur_denial"] = c.pick("dates.ur_denial", [
        ("UR decision letter", f(ur, "decision_date")),
        ("IMR application", f(app, "ur_decision_date")),
    ], parse_date)
    patient: dict[str, Any] = {}
    dob = c.pick("patient.date_of_birth", [("IMR application", f(app, "date_of_birth"))],
                 parse_date)
    if dob:
        patient["date_of_birth"] = dob
    patient["sex"] = c.pick("patient.sex", [("IMR application", f(app, "sex"))], _sex) or "unknown"
    claim: dict[str, Any] = {"date_of_injury": c.pick("claim.date_of_injury", [
        ("IMR application", f(app, "date_of_injury")),
        ("UR decision letter", f(ur, "date_of_injury")),
        ("RFA", f(rfa, "date_of_injury")),
    ], parse_date)}
    body = c.pick("claim.body_parts", [("IMR application", f(app, "body_parts"))], _body_parts)
    claim["body_parts"] = body or []
    for key in ("employer", "claims_administrator"):
        value = c.pick(f"claim.{key}", [("IMR application", f(app, key))])
        if value:
            claim[key] = value
    return {"case_number": number or "UNASSIGNED", "priority": priority or "standard",
            "dates": dates, "patient": patient, "claim": claim}


def _providers(c: _Confirm, app: FormData | None, ur: FormData | None, rfa: FormData | None,
               docs: list[Document]) -> list[str]:
    """The requesting physician (cross-checked), then the authors of clinical records."""
    requesting = c.pick("claim.providers[0]", [
        ("IMR application", _field(app, "requesting_physician")),
        ("UR decision letter", _field(ur, "requesting_physician")),
        ("RFA", _field(rfa, "requesting_physician")),
    ], same=lambda a, b: _norm(a) == _norm(b))
    providers: list[str] = [requesting] if requesting else []
    for d in docs:
        if d.type in CLINICAL_TYPES and d.author and _norm(d.author) not in {
            _norm(p) for p in providers
        }:
            providers.append(d.author)
    return providers


def _records(docs: list[Document], c: _Confirm, base_dir: Path | None,
             ) -> tuple[list[dict[str, Any]], dict[int, str]]:
    """Every document with text as a record (an unreadable date marked), and the ids."""
    records: list[dict[str, Any]] = []
    seen: set[str] = set()
    index: dict[int, str] = {}
    prefixes = {t.type: t.id_prefix for t in documents().types}
    for i, d in enumerate(docs):
        if not d.text.strip():
            continue
        rid = _record_id(d, prefixes.get(d.type, "doc"), seen)
        index[i] = rid
        rec: dict[str, Any] = {"id": rid, "date": d.date, "kind": d.kind}
        if d.author:
            rec["author"] = d.author
        rec["text"] = d.text.rstrip() + "\n"
        if d.date is None:
            raw = stated_date(d.text)
            c.items.append(FieldToConfirm(
                field=f"records[{len(records)}].date", value=raw,
                reason=(f"the {d.label}'s date could not be read" if raw else
                        f"the {d.label} states no date"),
                file=_rel(d.file, base_dir), page=d.pages[0].number))
        rec["source"] = _source(d, base_dir).model_dump(mode="json", exclude_defaults=True)
        records.append(rec)
    return records, index


def assemble(pages: list[Page], docs: list[Document], *, case_number: str | None = None,
             base_dir: Path | None = None) -> Assembly:
    """The bundle data (a dict in the contract's shape) and the intake report."""
    c = _Confirm(base_dir)
    app_doc, ur_doc = _first(docs, "imr_application"), _first(docs, "ur_letter")
    rfa_doc = _first(docs, "rfa")
    app = read_form(app_doc, "imr_application") if app_doc else None
    ur = read_form(ur_doc, "ur_letter") if ur_doc else None
    rfa = read_form(rfa_doc, "rfa") if rfa_doc else None
    case = _case_fields(c, app, ur, rfa)
    if case_number is not None:  # given by the clerk: it wins over the form
        case["case_number"] = case_number
        c.items = [i for i in c.items if i.field != "case_number"]
    case["claim"]["providers"] = _providers(c, app, ur, rfa, docs)
    received = case["dates"].get("application_received")
    records, index = _records(docs, c, base_dir)
    requests = _requests(app, ur, c, base_dir)
    application: dict[str, Any] = {"ur_letter_attached": ur_doc is not None}
    if app is not None:
        application["signed"] = bool(app.get("signature"))
        sig_date = parse_date(app.get("signature_date"))
        if sig_date:
            application["signature_date"] = sig_date
        if received:
            application["received"] = received
    issues = _issues(pages, docs, base_dir)
    for name, doc in (("IMR application", app_doc), ("UR decision letter", ur_doc)):
        if doc is None:
            issues.append(IntakeIssue(kind="missing", detail=f"no {name} found in the packet"))
    report = IntakeReport(
        sources=sorted({_rel(p.file, base_dir) for p in pages}, key=str),
        pages=len(pages), ocr_pages=sum(1 for p in pages if p.ocr), issues=issues,
        confirm=c.items,
    )
    data: dict[str, Any] = {
        "format": "openimr-case/1",
        **case,
        "records": records,
        "requests": requests,
        "application": application,
        "intake": report.model_dump(mode="json", exclude_defaults=True),
    }
    return Assembly(data, report, docs, index)
