"""A FHIR R4 Bundle into a case bundle.

What is read (see ``data/fhir.yaml`` for the systems):

- ``Patient``: sex (gender) and date of birth.
- ``Claim`` (the request for authorisation): the case number (identifier in our system), the
  date of injury (``accident.date``), the requested items (``item``: ``productOrService``, with
  our request id as an extension), the requesting provider and the care team (providers), the
  insurer (claims administrator), the priority (``stat``: expedited).
- ``ClaimResponse`` answering that Claim (the UR decision): its date (``created``) is the UR
  decision date, each item's adjudication says denied, modified (with the authorised part) or
  certified (then not disputed), and its reason the guideline UR relied on.
- ``ServiceRequest``: the disputed items when no Claim has items (UR's decision is then
  marked for confirmation).
- ``Coverage``: the employer (``policyHolder``).
- ``Condition``: body parts (``bodySite``) and a diagnosis list record.
- ``DocumentReference`` (text attachment, inline or a ``Binary`` in the bundle) and
  ``Composition`` (section narratives): the medical records, with date, author and kind.
- ``Observation``, ``Procedure``, ``MedicationRequest``: one record per kind and date.
- ``Task`` coded ``imr-application``: the application's receipt and the other case dates.

Everything else is listed in ``intake.issues`` (kind ``unclassified``), not dropped.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from openimr.domain.source import FieldToConfirm, IntakeIssue, IntakeReport
from openimr.errors import BundleError
from openimr.intake.fhir.mapping import code_in, concept_text, mapping, unb64

_PRIORITY = "http://terminology.hl7.org/CodeSystem/processpriority"
_READ = {"Patient", "Claim", "ClaimResponse", "ServiceRequest", "Coverage", "Condition",
         "DocumentReference", "Composition", "Observation", "Procedure", "MedicationRequest",
         "Task", "Binary", "Organization", "Practitioner"}


def _date(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _display(ref: dict[str, Any] | None, index: dict[str, dict[str, Any]]) -> str | None:
    """A Reference's display, else the name of the resource it points to inside the bundle."""
    if not ref:
        return None
    if any(str(e.get("url", "")).endswith("/data-absent-reason")
           for e in ref.get("extension") or []):
        return None  # a placeholder for a party the case does not state
    if ref.get("display"):
        return str(ref["display"])
    target = index.get(str(ref.get("reference", "")))
    if target is None:
        return None
    name = target.get("name")
    if isinstance(name, str):
        return name
    if isinstance(name, list) and name:
        n = name[0]
        if n.get("text"):
            return str(n["text"])
        parts = [*(n.get("prefix") or []), *(n.get("given") or []), n.get("family") or ""]
        return " ".join(p for p in parts if p).strip() or None
    return None


def _div_text(div: str) -> str:
    text = re.sub(r"<br\s*/?>|</p>|</div>|</li>", "\n", div)
    text = re.sub(r"<[^>]+>", "", text)
    lines = [html.unescape(line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line).strip()


def validate(data: Any, path: str = "<fhir>") -> dict[str, Any]:
    """Validate ``data`` as a FHIR R4 Bundle with the fhir.resources models; return it as JSON."""
    from fhir.resources.R4B.bundle import Bundle
    from pydantic import ValidationError

    if not isinstance(data, dict) or data.get("resourceType") != "Bundle":
        raise BundleError(path, "resourceType", "a FHIR Bundle is expected")
    try:
        model = Bundle.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err["loc"])
        raise BundleError(path, loc, f"not valid FHIR R4: {err['msg']}") from None
    out: dict[str, Any] = json.loads(model.model_dump_json())
    return out


class _Reader:
    def __init__(self, fhir: dict[str, Any], path: str) -> None:
        self.path = path
        self.m = mapping()
        self.resources: list[dict[str, Any]] = []
        self.index: dict[str, dict[str, Any]] = {}
        for entry in fhir.get("entry") or []:
            res = entry.get("resource")
            if not res:
                continue
            self.resources.append(res)
            if res.get("id"):
                self.index[f"{res['resourceType']}/{res['id']}"] = res
            if entry.get("fullUrl"):
                self.index[str(entry["fullUrl"])] = res
        self.confirm: list[FieldToConfirm] = []
        self.issues: list[IntakeIssue] = []

    def of(self, rtype: str) -> list[dict[str, Any]]:
        return [r for r in self.resources if r["resourceType"] == rtype]

    def _ref_is(self, ref: dict[str, Any] | None, res: dict[str, Any]) -> bool:
        if not ref:
            return False
        target = self.index.get(str(ref.get("reference", "")))
        return target is res

    # ---------------------------------------------------------------- case data

    def case(self) -> dict[str, Any]:
        claims = self.of("Claim")
        claim = claims[0] if claims else {}
        ur = next((r for r in self.of("ClaimResponse")
                   if not claim or self._ref_is(r.get("request"), claim) or len(claims) <= 1),
                  None)
        priority = self.m.priority.get(code_in(claim.get("priority"), _PRIORITY) or "normal",
                                       "standard")
        return {"format": "openimr-case/1", "case_number": self._case_number(claim),
                "priority": priority, "dates": self._dates(ur), "patient": self._patient(),
                "claim": self._claim(claim, ur), "requests": self.requests(claim, ur)}

    def _case_number(self, claim: dict[str, Any]) -> str:
        for res in (claim, *self.of("ClaimResponse")):
            for ident in res.get("identifier") or []:
                if ident.get("system") == self.m.systems.case_number and ident.get("value"):
                    return str(ident["value"])
        self.confirm.append(FieldToConfirm(
            field="case_number", reason="no identifier in the IMR case-number system"))
        return "UNASSIGNED"

    def _dates(self, ur: dict[str, Any] | None) -> dict[str, Any]:
        m = self.m
        dates: dict[str, Any] = {}
        ur_date = _date(ur.get("created")) if ur else None
        if ur_date is None:
            self.confirm.append(FieldToConfirm(
                field="dates.ur_denial", reason="no UR decision (ClaimResponse) in the bundle"))
        dates["ur_denial"] = ur_date
        for task in self.of("Task"):
            if code_in(task.get("code"), m.systems.task) != m.codes.application_task:
                continue
            for inp in task.get("input") or []:
                name = concept_text(inp.get("type"))
                value = _date(inp.get("valueDate") or inp.get("valueDateTime"))
                if name in m.task_dates and value:
                    dates[name] = value
            if "application_received" not in dates and _date(task.get("authoredOn")):
                dates["application_received"] = _date(task.get("authoredOn"))
        return {k: dates[k] for k in ("application_received", "assigned", "ur_denial",
                                      "records_received", "decision") if k in dates}

    def _patient(self) -> dict[str, Any]:
        pats = self.of("Patient")
        if not pats:
            return {}
        p, m = pats[0], self.m
        patient: dict[str, Any] = {}
        if _date(p.get("birthDate")):
            patient["date_of_birth"] = _date(p.get("birthDate"))
        patient["sex"] = m.gender.get(str(p.get("gender", "unknown")), "unknown")
        for ext in p.get("extension") or []:
            if ext.get("url") == m.extensions.age and ext.get("valueInteger") is not None:
                patient["age"] = int(ext["valueInteger"])
        return patient

    def _claim(self, claim: dict[str, Any], ur: dict[str, Any] | None) -> dict[str, Any]:
        out: dict[str, Any] = {}
        doi = _date((claim.get("accident") or {}).get("date"))
        if doi is None:
            self.confirm.append(FieldToConfirm(
                field="claim.date_of_injury", reason="no Claim.accident.date in the bundle"))
        out["date_of_injury"] = doi
        body: list[str] = []
        for cond in self.of("Condition"):
            for t in (concept_text(site) for site in cond.get("bodySite") or []):
                if t and t.lower() not in body:
                    body.append(t.lower())
        out["body_parts"] = body
        employer = next((_display(c.get("policyHolder"), self.index)
                         for c in self.of("Coverage") if c.get("policyHolder")), None)
        if employer:
            out["employer"] = employer
        insurer = _display(claim.get("insurer"), self.index) or (
            _display(ur.get("insurer"), self.index) if ur else None)
        if insurer:
            out["claims_administrator"] = insurer
        providers: list[str] = []
        for ref in [claim.get("provider"), *[ct.get("provider") for ct in
                                              claim.get("careTeam") or []]]:
            name = _display(ref, self.index)
            if name and name not in providers:
                providers.append(name)
        out["providers"] = providers
        return out

    def requests(self, claim: dict[str, Any], ur: dict[str, Any] | None) -> list[dict[str, Any]]:
        m = self.m
        ur_items = {int(i.get("itemSequence", 0)): i for i in (ur or {}).get("item") or []}
        out: list[dict[str, Any]] = []
        for item in claim.get("item") or []:
            seq = int(item.get("sequence", len(out) + 1))
            rid = next((str(e.get("valueString")) for e in item.get("extension") or []
                        if e.get("url") == m.extensions.request_id), str(seq))
            entry: dict[str, Any] = {"id": rid,
                                     "item": concept_text(item.get("productOrService")) or ""}
            decision = None
            adj = ur_items.get(seq)
            for a in (adj or {}).get("adjudication") or []:
                code = code_in(a.get("category"), m.systems.ur_decision)
                if code in m.codes.ur_decisions:
                    decision = code
                    if concept_text(a.get("reason")):
                        entry["ur_basis"] = concept_text(a.get("reason"))
                elif code == m.codes.ur_authorized and concept_text(a.get("reason")):
                    entry["ur_authorized"] = concept_text(a.get("reason"))
            for ext in item.get("extension") or []:
                if ext.get("url") == m.extensions.source and ext.get("valueString"):
                    entry["source"] = json.loads(str(ext["valueString"]))
            if decision == "certified":
                continue
            if decision is None:
                self.confirm.append(FieldToConfirm(
                    field=f"requests[{len(out)}].ur_decision", value=entry["item"],
                    reason="UR's decision on this item is not in the bundle"))
                decision = "denied"
            entry["ur_decision"] = decision
            out.append({k: entry[k] for k in ("id", "item", "ur_decision", "ur_basis",
                                              "ur_authorized", "source") if k in entry})
        if not out:
            for sr in self.of("ServiceRequest"):
                self.confirm.append(FieldToConfirm(
                    field=f"requests[{len(out)}].ur_decision", value=concept_text(sr.get("code")),
                    reason="a ServiceRequest without UR's decision"))
                out.append({"id": str(len(out) + 1), "item": concept_text(sr.get("code")) or "",
                            "ur_decision": "denied"})
        return out

    # ---------------------------------------------------------------- records

    def _attachment_text(self, att: dict[str, Any]) -> str | None:
        ctype = str(att.get("contentType", "text/plain"))
        raw: bytes | None = None
        if att.get("data"):
            raw = unb64(str(att["data"]))
        elif att.get("url") and att["url"] in self.index:
            binary = self.index[att["url"]]
            ctype = str(binary.get("contentType", ctype))
            raw = unb64(str(binary.get("data", ""))) if binary.get("data") else None
        if raw is None:
            return None
        if ctype.startswith("application/pdf"):
            return _pdf_text(raw)
        if not ctype.startswith("text/"):
            return None
        return raw.decode("utf-8", errors="replace")

    def records(self) -> list[dict[str, Any]]:
        m = self.m
        out: list[dict[str, Any]] = []
        for doc in self.of("DocumentReference"):
            rid = next((str(i["value"]) for i in doc.get("identifier") or []
                        if i.get("system") == m.systems.record_id), doc.get("id") or
                       f"doc-{len(out) + 1}")
            texts = [t for c in doc.get("content") or []
                     if (t := self._attachment_text(c.get("attachment") or {}))]
            if not texts:
                self.issues.append(IntakeIssue(kind="unreadable", detail=(
                    f"DocumentReference {doc.get('id', rid)}: no readable attachment (text, or a "
                    "PDF with a text layer, inline or as a Binary in the bundle)")))
                continue
            rec: dict[str, Any] = {"id": rid, "date": _date(doc.get("date")),
                                   "kind": concept_text(doc.get("type")) or "progress report"}
            author = _display((doc.get("author") or [None])[0], self.index)
            if author:
                rec["author"] = author
            rec["text"] = "\n\n".join(texts)
            for ext in doc.get("extension") or []:
                if ext.get("url") == m.extensions.source and ext.get("valueString"):
                    rec["source"] = json.loads(str(ext["valueString"]))
            out.append(rec)
        for comp in self.of("Composition"):
            parts = [f"{s.get('title', '')}\n{_div_text((s.get('text') or {}).get('div', ''))}"
                     .strip() for s in comp.get("section") or []]
            text = "\n\n".join(p for p in parts if p)
            if not text:
                continue
            rec = {"id": comp.get("id") or f"comp-{len(out) + 1}", "date": _date(comp.get("date")),
                   "kind": concept_text(comp.get("type")) or "progress report"}
            author = _display((comp.get("author") or [None])[0], self.index)
            if author:
                rec["author"] = author
            rec["text"] = (comp.get("title", "") + "\n" + text).strip()
            out.append(rec)
        out.extend(self._grouped())
        return out

    def _grouped(self) -> list[dict[str, Any]]:
        """Observations, procedures, medications and conditions: one record per kind and date."""
        groups: dict[tuple[str, dt.date | None], list[str]] = defaultdict(list)
        for res in self.resources:
            rtype = res["resourceType"]
            kind = self.m.record_kinds.get(rtype)
            if kind is None:
                continue
            line, when = _line(res)
            if line:
                groups[(kind, when)].append(line)
        out = []
        for (kind, when), lines in sorted(groups.items(),
                                          key=lambda kv: (kv[0][0], kv[0][1] or dt.date.min)):
            rid = f"{kind.split()[0]}-{when.isoformat() if when else 'undated'}"
            out.append({"id": rid, "date": when, "kind": kind, "text": "\n".join(lines)})
        return out

    def unread(self) -> None:
        counts: dict[str, int] = defaultdict(int)
        for res in self.resources:
            if res["resourceType"] not in _READ:
                counts[res["resourceType"]] += 1
        for rtype, n in sorted(counts.items()):
            self.issues.append(IntakeIssue(kind="unclassified",
                                           detail=f"{n} {rtype} resource(s) not read"))


def _pdf_text(raw: bytes) -> str | None:
    """The text layer of an attached PDF (a scanned one without text is reported instead)."""
    import io

    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(raw)) as pdf:
            text = "\n\n".join((page.extract_text() or "").strip() for page in pdf.pages)
    except Exception:  # a broken attachment is reported by the caller
        return None
    return text if text.strip() else None


def _line(res: dict[str, Any]) -> tuple[str | None, dt.date | None]:
    rtype = res["resourceType"]
    if rtype == "Observation":
        name = concept_text(res.get("code"))
        vq = res.get("valueQuantity")
        if vq:
            value = f"{vq.get('value')} {vq.get('unit', '')}".strip()
        else:
            value = res.get("valueString") or concept_text(res.get("valueCodeableConcept")) or ""
        when = _date(res.get("effectiveDateTime") or res.get("issued"))
        return (f"{name}: {value}".strip(": ") if name else None), when
    if rtype == "Procedure":
        name = concept_text(res.get("code"))
        when = _date(res.get("performedDateTime") or (res.get("performedPeriod") or {})
                     .get("start"))
        site = ", ".join(t for s in res.get("bodySite") or [] if (t := concept_text(s)))
        return (f"{name}{' (' + site + ')' if site else ''}, {res.get('status', 'completed')}"
                if name else None), when
    if rtype == "MedicationRequest":
        name = concept_text(res.get("medicationCodeableConcept"))
        dosage = "; ".join(str(d.get("text")) for d in res.get("dosageInstruction") or []
                           if d.get("text"))
        return (f"{name}{': ' + dosage if dosage else ''}" if name else None), _date(
            res.get("authoredOn"))
    if rtype == "Condition":
        name = concept_text(res.get("code"))
        return name, _date(res.get("recordedDate") or res.get("onsetDateTime"))
    return None, None


def read_fhir(data: Any, path: str = "<fhir>") -> tuple[dict[str, Any], IntakeReport]:
    """Bundle data in the contract's shape, and the report of what to confirm or check."""
    fhir = validate(data, path)
    r = _Reader(fhir, path)
    case = r.case()
    case["records"] = r.records()
    r.unread()
    report = IntakeReport(sources=[path], issues=r.issues, confirm=r.confirm)
    if report.issues or report.confirm:
        case["intake"] = report.model_dump(mode="json", exclude_defaults=True)
    order = ["format", "case_number", "priority", "dates", "patient", "claim", "records",
             "requests", "intake"]
    return {k: case[k] for k in order if k in case}, report


def import_fhir(path: str | Path) -> tuple[dict[str, Any], IntakeReport]:
    """Read a FHIR Bundle JSON file (see :func:`read_fhir`)."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BundleError(str(p), "", "file not found") from None
    except json.JSONDecodeError as exc:
        raise BundleError(str(p), "", f"invalid JSON at line {exc.lineno}: {exc.msg}") from None
    return read_fhir(data, str(p))
