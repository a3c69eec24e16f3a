"""A case bundle as a FHIR R4 Bundle, and a Determination as a FHIR ClaimResponse.

``case_to_fhir`` writes what :mod:`openimr.intake.fhir.read` reads (import, export and import
again give the same case). ``determination_to_fhir`` writes the IMR's answer: a ClaimResponse
with one adjudicated item per disputed item (the decision, the guideline as the reason, the
rationale as a process note) and the letter as a DocumentReference that points back at it.
Both are validated with the fhir.resources R4 models before they are returned.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from openimr.domain.bundle import CaseBundle, Record
from openimr.domain.determination import Determination
from openimr.intake.fhir.mapping import b64, fhir_id, mapping

_PROCESS_PRIORITY = "http://terminology.hl7.org/CodeSystem/processpriority"
_CLAIM_TYPE = "http://terminology.hl7.org/CodeSystem/claim-type"
_GENDER = {"male": "male", "female": "female", "unknown": "unknown"}
_ABSENT = "http://hl7.org/fhir/StructureDefinition/data-absent-reason"


def _party(name: str | None) -> dict[str, Any]:
    """A Reference FHIR requires; one the case does not state says so (data-absent-reason)."""
    if name:
        return {"display": name}
    return {"extension": [{"url": _ABSENT, "valueCode": "unknown"}], "display": "not stated"}


def _instant(d: dt.date) -> str:
    return f"{d.isoformat()}T00:00:00Z"


def _entry(res: dict[str, Any]) -> dict[str, Any]:
    return {"fullUrl": f"urn:openimr:{res['resourceType']}/{res['id']}", "resource": res}


def _ref(res: dict[str, Any]) -> dict[str, str]:
    return {"reference": f"urn:openimr:{res['resourceType']}/{res['id']}"}


def _validated(bundle: dict[str, Any]) -> dict[str, Any]:
    from fhir.resources.R4B.bundle import Bundle

    out: dict[str, Any] = json.loads(Bundle.model_validate(bundle).model_dump_json())
    return out


def _document(rec: Record) -> dict[str, Any]:
    m = mapping()
    doc: dict[str, Any] = {
        "resourceType": "DocumentReference",
        "id": fhir_id(f"rec-{rec.id}"),
        "identifier": [{"system": m.systems.record_id, "value": rec.id}],
        "status": "current",
        "type": {"text": rec.kind},
        "content": [{"attachment": {"contentType": "text/plain; charset=utf-8",
                                    "data": b64(rec.text or "")}}],
    }
    if rec.date:
        doc["date"] = _instant(rec.date)
    if rec.author:
        doc["author"] = [{"display": rec.author}]
    if rec.source is not None:
        doc["extension"] = [{"url": m.extensions.source, "valueString": json.dumps(
            rec.source.model_dump(mode="json", exclude_defaults=True), sort_keys=True)}]
    return doc


def case_to_fhir(b: CaseBundle) -> dict[str, Any]:
    """The case as a FHIR R4 Bundle (type collection), validated."""
    m = mapping()
    case_ident = {"system": m.systems.case_number, "value": b.case_number}
    patient: dict[str, Any] = {"resourceType": "Patient", "id": "patient",
                               "gender": _GENDER[b.patient.sex]}
    if b.patient.date_of_birth:
        patient["birthDate"] = b.patient.date_of_birth.isoformat()
    if b.patient.age is not None:
        patient["extension"] = [{"url": m.extensions.age, "valueInteger": b.patient.age}]
    insurer = _party(b.claim.claims_administrator)
    coverage: dict[str, Any] = {
        "resourceType": "Coverage", "id": "coverage", "status": "active",
        "beneficiary": _ref(patient), "payor": [insurer],
    }
    if b.claim.employer:
        coverage["policyHolder"] = {"display": b.claim.employer}
    providers = b.claim.providers
    priority = next(k for k, v in m.priority.items() if v == b.priority)
    claim: dict[str, Any] = {
        "resourceType": "Claim", "id": "claim", "status": "active",
        "identifier": [case_ident],
        "type": {"coding": [{"system": _CLAIM_TYPE, "code": "professional"}]},
        "use": "preauthorization", "patient": _ref(patient),
        "created": b.dates.ur_denial.isoformat(),
        "provider": _party(providers[0] if providers else None),
        "priority": {"coding": [{"system": _PROCESS_PRIORITY, "code": priority}]},
        "insurance": [{"sequence": 1, "focal": True, "coverage": _ref(coverage)}],
        "accident": {"date": b.claim.date_of_injury.isoformat()},
        "item": [],
    }
    if b.claim.claims_administrator:
        claim["insurer"] = {"display": b.claim.claims_administrator}
    if len(providers) > 1:  # the requesting physician first, then the others
        claim["careTeam"] = [{"sequence": i, "provider": {"display": p}}
                             for i, p in enumerate(providers[1:], start=1)]
    ur: dict[str, Any] = {
        "resourceType": "ClaimResponse", "id": "ur-decision", "status": "active",
        "type": claim["type"], "use": "preauthorization", "patient": _ref(patient),
        "created": _instant(b.dates.ur_denial), "insurer": insurer, "request": _ref(claim),
        "outcome": "complete", "item": [],
    }
    for seq, r in enumerate(b.requests, start=1):
        ext = [{"url": m.extensions.request_id, "valueString": r.id}]
        if r.source is not None:
            ext.append({"url": m.extensions.source, "valueString": json.dumps(
                r.source.model_dump(mode="json", exclude_defaults=True), sort_keys=True)})
        claim["item"].append({"sequence": seq, "extension": ext,
                              "productOrService": {"text": r.item}})
        adj: list[dict[str, Any]] = [{
            "category": {"coding": [{"system": m.systems.ur_decision, "code": r.ur_decision}]},
            **({"reason": {"text": r.ur_basis}} if r.ur_basis else {}),
        }]
        if r.ur_authorized:
            adj.append({"category": {"coding": [{"system": m.systems.ur_decision,
                                                 "code": m.codes.ur_authorized}]},
                        "reason": {"text": r.ur_authorized}})
        ur["item"].append({"itemSequence": seq, "adjudication": adj})
    resources: list[dict[str, Any]] = [patient, coverage, claim, ur]
    for i, part in enumerate(b.claim.body_parts, start=1):
        resources.append({"resourceType": "Condition", "id": f"injury-{i}",
                          "subject": _ref(patient), "bodySite": [{"text": part}]})
    dates = {k: getattr(b.dates, k) for k in m.task_dates if getattr(b.dates, k, None)}
    if dates:
        resources.append({
            "resourceType": "Task", "id": "imr-application", "status": "received",
            "intent": "order", "identifier": [case_ident],
            "code": {"coding": [{"system": m.systems.task, "code": m.codes.application_task}]},
            "input": [{"type": {"text": k}, "valueDate": v.isoformat()}
                      for k, v in dates.items()],
        })
    resources.extend(_document(r) for r in b.records)
    bundle = {"resourceType": "Bundle", "type": "collection",
              "identifier": case_ident, "entry": [_entry(r) for r in resources]}
    return _validated(bundle)


def determination_to_fhir(d: Determination, letter: str | None = None,
                          organization: str = "IMRO") -> dict[str, Any]:
    """The determination as a FHIR Bundle: a ClaimResponse and the letter's DocumentReference."""
    m = mapping()
    ident = {"system": m.systems.case_number, "value": d.case_number}
    upheld = sum(i.decision == "upheld" for i in d.items)
    overturned = sum(i.decision == "overturned" for i in d.items)
    response: dict[str, Any] = {
        "resourceType": "ClaimResponse", "id": "imr-determination",
        "identifier": [ident], "status": "active",
        "type": {"coding": [{"system": _CLAIM_TYPE, "code": "professional"}]},
        "use": "preauthorization",
        "patient": {"display": f"Injured worker, IMR case {d.case_number}"},
        "created": _instant(d.decision_date),
        "insurer": {"display": f"{organization}, for the Administrative Director"},
        "request": {"identifier": ident, "display": "Application for IMR"},
        "outcome": "complete" if all(i.decision != "undetermined" for i in d.items) else "queued",
        "disposition": (f"{'Draft' if d.status == 'draft' else 'Final'} determination: "
                        f"{upheld} upheld, {overturned} overturned"),
        "preAuthRef": d.case_number,
        "item": [], "processNote": [],
    }
    for n, item in enumerate(d.items, start=1):
        seq = int(item.id) if item.id.isdigit() else n
        response["item"].append({
            "itemSequence": seq,
            "extension": [{"url": m.extensions.request_id, "valueString": item.id}],
            "noteNumber": [n],
            "adjudication": [{
                "category": {"coding": [{"system": m.systems.imr_decision,
                                         "code": item.decision, "display": item.decision}],
                             "text": item.item},
                "reason": {"text": item.guideline_text},
            }],
        })
        response["processNote"].append({"number": n, "type": "display",
                                        "text": item.rationale or "(no rationale yet)"})
    resources: list[dict[str, Any]] = [response]
    if letter is not None:
        resources.append({
            "resourceType": "DocumentReference", "id": "imr-letter", "status": "current",
            "docStatus": "preliminary" if d.status == "draft" else "final",
            "identifier": [ident],
            "type": {"text": "Final Determination Letter"},
            "date": _instant(d.decision_date),
            "description": f"IMR Final Determination Letter, case {d.case_number}",
            "content": [{"attachment": {"contentType": "text/plain; charset=utf-8",
                                        "data": b64(letter),
                                        "title": f"{d.case_number} letter.txt"}}],
            "context": {"related": [_ref(response)]},
        })
    bundle = {"resourceType": "Bundle", "type": "collection", "identifier": ident,
              "timestamp": _instant(d.decision_date), "entry": [_entry(r) for r in resources]}
    return _validated(bundle)


def claim_response_items(fhir: dict[str, Any]) -> list[dict[str, Any]]:
    """Read the decisions back from a determination Bundle: id, item, decision, reason, note."""
    m = mapping()
    response = next(e["resource"] for e in fhir["entry"]
                    if e["resource"]["resourceType"] == "ClaimResponse")
    notes = {n["number"]: n["text"] for n in response.get("processNote") or []}
    out = []
    for item in response.get("item") or []:
        adj = item["adjudication"][0]
        code = next(c["code"] for c in adj["category"]["coding"]
                    if c["system"] == m.systems.imr_decision)
        rid = next((e["valueString"] for e in item.get("extension") or []
                    if e["url"] == m.extensions.request_id), str(item["itemSequence"]))
        out.append({"id": rid, "item": adj["category"].get("text"), "decision": code,
                    "guideline": (adj.get("reason") or {}).get("text"),
                    "rationale": notes.get((item.get("noteNumber") or [None])[0])})
    return out
