"""The documents of a fictional IMR packet: the forms (IMR application, UR decision letter,
RFA) in two label styles, the example case's records as typed reports, and neutral records of
the same fictional case. Every name, number and sentence here is invented."""

from __future__ import annotations

import datetime as dt
import random
import textwrap
from dataclasses import dataclass
from typing import Any

WRAP = 84  # characters per typed line

PERSONA = {
    "name": "Jordan Vale",
    "date_of_birth": dt.date(1966, 3, 2),
    "sex": "male",
    "claim_number": "HC-2013-44817",
    "ur_reviewer": "Dr. Helen Marsh",
    "ur_org": "COASTLINE CLAIMS SERVICES - UTILIZATION REVIEW UNIT",
    "clinic": "Bayside Spine and Occupational Medicine, 400 Harbor Way, Oakport CA",
    "imaging": "Oakport Imaging Center, 12 Mill Street, Oakport CA",
    "therapist": "Maya Chen, PT",
    "chiropractor": "Dr. Felix Grant",
    "qme": "Dr. Ruth Alvarez",
    "surgeon": "Dr. Owen Blake",
}

# Label and date styles: style 0 is the plainest; style 1 uses the other labels intake knows
# (forms.yaml), dates written out in words, and "Not certified" for a denial.
STYLES: list[dict[str, str]] = [
    {"case": "IMR Case Number", "received": "Date Received", "name": "Employee Name",
     "dob": "Employee Date of Birth", "sex": "Sex", "doi": "Date of Injury",
     "parts": "Injured Body Parts", "employer": "Employer",
     "ca": "Claims Administrator", "doctor": "Requesting Physician",
     "ur_date": "Date of UR Decision", "disputed": "Disputed Treatment",
     "decided": "Date of Decision", "worker": "Employee", "rfa_received": "Date Request Received",
     "requested": "Requested Treatment", "decision": "Decision", "denied": "Non-certified",
     "authorized": "Authorized", "basis": "Guidelines Relied Upon", "ur_heading":
     "NOTICE OF UTILIZATION REVIEW DECISION", "dates": "mdy"},
    {"case": "IMR Number", "received": "Received by IMRO", "name": "Injured Worker",
     "dob": "Date of Birth (MM/DD/YYYY)", "sex": "Gender", "doi": "DOI",
     "parts": "Parts of Body Injured",
     "employer": "Employer Name", "ca": "Claims Administrator Company Name",
     "doctor": "Requesting Physician Name",
     "ur_date": "Date of UR Decision (MM/DD/YYYY)",
     "disputed": "Services/goods disputed for reasons of medical necessity",
     "decided": "Decision Date", "worker": "Injured Worker", "rfa_received": "RFA Received",
     "requested": "Treatment Requested", "decision": "Determination",
     "denied": "Not certified", "authorized": "Certified Portion", "basis": "Criteria Used",
     "ur_heading": "UTILIZATION REVIEW DETERMINATION", "dates": "words"},
]


def _dates(b: Any) -> dict[str, dt.date]:
    """The fictional dates around the case's own: RFA, its receipt, the signed application."""
    return {"rfa_date": b.dates.ur_denial - dt.timedelta(days=9),
            "rfa_received": b.dates.ur_denial - dt.timedelta(days=7),
            "signed": (b.dates.application_received or b.dates.ur_denial)
            - dt.timedelta(days=5)}


@dataclass
class DocSpec:
    type: str  # the document type intake should find (documents.yaml)
    kind: str  # the record kind intake should write
    date: dt.date | None
    author: str | None
    lines: list[str]
    scanned: bool = False
    blank_after: bool = False  # a blank scanned page follows (the back of a faxed sheet)


def mdy(d: dt.date, style: dict[str, str] | None = None) -> str:
    if style is not None and style["dates"] == "words":
        return f"{d.strftime('%B')} {d.day}, {d.year}"
    return d.strftime("%m/%d/%Y")


def _wrap(text: str) -> list[str]:
    out: list[str] = []
    for para in text.strip("\n").split("\n"):
        out.extend(textwrap.wrap(para, WRAP) or [""])
    return out


def _labelled(label: str, value: str) -> list[str]:
    return textwrap.wrap(f"{label}: {value}", WRAP)


# --------------------------------------------------------------------------- forms


def application(b: Any, p: dict[str, Any], st: dict[str, str]) -> DocSpec:
    when = _dates(b)
    lines = [
        "STATE OF CALIFORNIA - DIVISION OF WORKERS' COMPENSATION",
        "APPLICATION FOR INDEPENDENT MEDICAL REVIEW",
        "DWC Form IMR (fictional test form)",
        "",
        f"{st['case']}: {b.case_number}",
        f"{st['received']}: {mdy(b.dates.application_received, st)}",
        f"Type of Utilization Review: {'Expedited' if b.priority == 'expedited' else 'Regular'}",
        "",
        "EMPLOYEE INFORMATION",
        f"{st['name']}: {p['name']}",
        f"{st['dob']}: {mdy(p['date_of_birth'], st)}",
        f"{st['sex']}: {p['sex'].title()}",
        f"Claim Number: {p['claim_number']}",
        f"{st['doi']}: {mdy(b.claim.date_of_injury, st)}",
        f"{st['parts']}: {', '.join(b.claim.body_parts)}",
        "",
        f"{st['employer']}: {b.claim.employer}",
        f"{st['ca']}: {b.claim.claims_administrator}",
        f"{st['doctor']}: {b.claim.providers[0]}",
        f"{st['ur_date']}: {mdy(b.dates.ur_denial, st)}",
        "",
        "DISPUTED MEDICAL TREATMENT",
    ]
    for r in b.requests:
        lines += _labelled(st["disputed"], r.item)
    lines += [
        "",
        "I ask for an independent medical review of each treatment listed above, which the",
        "utilization review decision of the claims administrator did not approve.",
        "",
        f"Signature: /s/ {p['name']}",
        f"Date Signed: {mdy(when['signed'], st)}",
    ]
    return DocSpec("imr_application", "IMR application", when["signed"], None, lines)


def ur_letter(b: Any, p: dict[str, Any], st: dict[str, str]) -> DocSpec:
    lines = [
        p["ur_org"],
        st["ur_heading"],
        "",
        f"{st['decided']}: {mdy(b.dates.ur_denial, st)}",
        f"{st['worker']}: {p['name']}",
        f"Claim Number: {p['claim_number']}",
        f"{st['doi']}: {mdy(b.claim.date_of_injury, st)}",
        f"{st['doctor']}: {b.claim.providers[0]}",
        f"{st['rfa_received']}: {mdy(_dates(b)['rfa_received'], st)}",
        "",
        *_wrap("A physician reviewer looked at the request for authorization and the medical "
               "records sent with it. The decision on each requested treatment follows."),
    ]
    for r in b.requests:
        lines.append("")
        lines += _labelled(st["requested"], r.item)
        if r.ur_decision == "modified":
            lines.append(f"{st['decision']}: Modified")
            lines += _labelled(st["authorized"], r.ur_authorized or "")
        else:
            lines.append(f"{st['decision']}: {st['denied']}")
        if r.ur_basis:
            lines += _labelled(st["basis"], " ".join(r.ur_basis.split()))
    lines += ["", *_wrap("You may ask for an independent medical review of this decision."),
              "", f"Signed by: {p['ur_reviewer']}, physician reviewer"]
    return DocSpec("ur_letter", "UR determination", b.dates.ur_denial, p["ur_reviewer"], lines)


def rfa(b: Any, p: dict[str, Any], st: dict[str, str]) -> DocSpec:
    when = _dates(b)["rfa_date"]
    lines = [
        "REQUEST FOR AUTHORIZATION",
        "DWC Form RFA (fictional test form)",
        "",
        f"Date of Request: {mdy(when, st)}",
        f"Employee Name: {p['name']}",
        f"{st['doi']}: {mdy(b.claim.date_of_injury, st)}",
        f"Claim Number: {p['claim_number']}",
        f"Requesting Physician: {b.claim.providers[0]}",
        "",
    ]
    for r in b.requests:
        lines += _labelled("Requested Treatment", r.item)
    lines += ["", f"Diagnosis: injury of the {' and the '.join(b.claim.body_parts)}", "",
              f"Signed by: {b.claim.providers[0]}"]
    return DocSpec("rfa", "RFA", when, b.claim.providers[0], lines)


# --------------------------------------------------------------------------- records

_TYPE_OF_KIND = {
    "progress report": "progress_report",
    "pain management progress report": "progress_report",
    "MRI report": "imaging_report",
    "UR determination": "ur_letter",
}


def record_doc(rec: Any, p: dict[str, Any], st: dict[str, str] | None = None) -> DocSpec:
    text_lines = (rec.text or "").strip().split("\n")
    heading, body = text_lines[0], "\n".join(text_lines[1:])
    place = p["imaging"] if rec.kind == "MRI report" else p["clinic"]
    label = "Exam Date" if rec.kind == "MRI report" else "Date of Service"
    lines = [place, "", heading, "", f"Patient: {p['name']}", f"{label}: {mdy(rec.date, st)}",
             "", *_wrap(" ".join(body.split()))]
    if rec.author:
        lines += ["", f"Electronically signed by: {rec.author}"]
    return DocSpec(_TYPE_OF_KIND[rec.kind], rec.kind, rec.date, rec.author, lines)


def progress_report(d: dt.date, author: str, rnd: random.Random, initial: bool = False) -> DocSpec:
    pain = rnd.choice([4, 5, 5, 6])
    head = ("INITIAL ORTHOPEDIC EVALUATION" if initial
            else "PRIMARY TREATING PHYSICIAN PROGRESS REPORT")
    hist = (
        "History: The patient is a warehouse worker who was lifting a carton on a loading dock "
        "when he felt pain in the neck and the low back. He also cut the left palm on a metal "
        "edge that day; the cut was repaired the same day. He reports no prior injury to the "
        "neck or back. "
    ) if initial else ""
    body = (
        f"{hist}Subjective: The patient reports neck pain and low back pain rated {pain}/10. "
        "The pain is worse with prolonged sitting and lifting. Sleep is fair. The patient "
        "attends therapy as scheduled and does the home exercises. "
        "Objective: Tenderness over the cervical and lumbar paraspinal muscles. Cervical and "
        "lumbar range of motion are mildly limited at the end of range. Sensation is intact to "
        "light touch in the upper and lower extremities. Motor strength is 5/5 throughout. "
        "Reflexes are symmetric. Gait is normal. The left palm scar is healed. "
        "Assessment: Cervical strain. Lumbar strain. "
        "Plan: Continue physical therapy and the home exercise program. Modified duty with no "
        "lifting over 20 pounds. Ibuprofen as needed. Return in four weeks."
    )
    extra = (
        "Work status: modified duty. The employer has modified work available. "
        "Discussion: The patient and I discussed the expected course of a strain, the value of "
        "staying active, and the plan for gradual return to full duty over the coming weeks. "
        "Questions were answered. "
    ) * (14 if initial else 9)
    lines = [p_ for p_ in [PERSONA["clinic"], "", head, "", f"Patient: {PERSONA['name']}",
                           f"Date of Service: {mdy(d)}", ""]]
    lines += _wrap(body) + [""] + _wrap(extra) + ["", f"Electronically signed by: {author}"]
    return DocSpec("progress_report", "progress report", d, author, lines)


def therapy_note(d: dt.date, visit: int, rnd: random.Random) -> DocSpec:
    pain = rnd.choice([3, 4, 4, 5])
    body = (
        f"Visit {visit} of 22. The patient reports neck and low back pain rated {pain}/10 today. "
        "Treatment: therapeutic exercise for cervical and lumbar stabilization, stretching of "
        "the hamstrings and the upper trapezius, manual therapy to the lumbar paraspinals, and "
        "review of the home exercise program. The patient tolerated the session well. "
        "Assessment: progressing toward goals; lifting tolerance is better. "
        "Plan: continue twice a week."
    )
    lines = [PERSONA["clinic"], "", "PHYSICAL THERAPY DAILY NOTE", "",
             f"Patient: {PERSONA['name']}", f"Date of Service: {mdy(d)}", "", *_wrap(body), "",
             f"Therapist: {PERSONA['therapist']}"]
    return DocSpec("therapy_note", "physical therapy note", d, PERSONA["therapist"], lines)


def chiropractic_note(d: dt.date, rnd: random.Random) -> DocSpec:
    body = (
        "The patient reports stiffness of the neck and the low back. Treatment: myofascial "
        "release and instruction in posture at work. No manipulation was done today. "
        f"The patient reports {rnd.choice([20, 25, 30])} percent improvement since the start of "
        "care. Plan: two more visits, then home care."
    )
    lines = ["Oakport Chiropractic Group", "", "CHIROPRACTIC TREATMENT NOTE", "",
             f"Patient: {PERSONA['name']}", f"Date of Service: {mdy(d)}", "", *_wrap(body), "",
             f"Electronically signed by: {PERSONA['chiropractor']}"]
    return DocSpec("therapy_note", "chiropractic note", d, PERSONA["chiropractor"], lines)


def qme_report(d: dt.date) -> DocSpec:
    sections = [
        ("IDENTIFICATION", "This evaluation was requested by the parties to address the "
         "injury of the neck and the low back. I reviewed the records listed below, took a "
         "history from the examinee and examined him. Time spent: three hours."),
        ("HISTORY OF THE INJURY", "The examinee lifted a carton on a loading dock and felt pain "
         "in the neck and the low back. He reported the injury the same day. He was seen at the "
         "occupational clinic, placed on modified duty and referred to physical therapy."),
        ("COURSE OF TREATMENT", "He has had physical therapy, a short course of chiropractic "
         "care and anti-inflammatory medication. He has not had injections or surgery on the "
         "spine. He continues a home exercise program."),
        ("PRESENT COMPLAINTS", "Aching neck and low back pain, worse with prolonged sitting, "
         "better with walking and exercise."),
        ("PAST MEDICAL HISTORY", "No diabetes. No cancer. No prior spine injury. No fever or "
         "weight loss."),
        ("PHYSICAL EXAMINATION", "He walks with a normal gait. There is mild tenderness of the "
         "cervical and lumbar paraspinal muscles. Range of motion of the neck and the lumbar "
         "spine is mildly limited. Sensation is intact in all dermatomes of the upper and lower "
         "extremities. Strength is 5/5. Reflexes are 2+ and symmetric."),
        ("REVIEW OF RECORDS", "Progress reports of the treating physician from May to August "
         "2013. Physical therapy notes. Cervical and lumbar MRI reports of 06/14/2013."),
        ("DIAGNOSES", "Cervical strain. Lumbar strain."),
        ("DISCUSSION", "The examinee has had the expected course of a strain of the neck and "
         "the low back, with gradual improvement. He has not reached maximal medical "
         "improvement. Continued home exercise is reasonable."),
    ]
    lines = ["Alvarez Medical-Legal Evaluations", "", "QUALIFIED MEDICAL EVALUATION REPORT", "",
             f"Examinee: {PERSONA['name']}", f"Date of Evaluation: {mdy(d)}", ""]
    filler = ("The statements in this section are based on the history given, the records "
              "reviewed and the examination. ")
    for title, text in sections:
        lines += [title, *_wrap(text + filler * 13), ""]
    lines += [f"Evaluator: {PERSONA['qme']}"]
    return DocSpec("medical_legal_report", "QME report", d, PERSONA["qme"], lines)


def operative_report(d: dt.date) -> DocSpec:
    body = (
        "Preoperative diagnosis: laceration of the left palm, 3 cm. Postoperative diagnosis: "
        "same. Procedure: irrigation and layered closure of the laceration. Anesthesia: local. "
        "Findings: a clean laceration without tendon or nerve injury; flexor function and "
        "sensation of the fingers were normal before and after the repair. The wound was "
        "irrigated and closed. Estimated blood loss: minimal. The patient left in good "
        "condition. Sutures out in ten days."
    )
    lines = ["Oakport Urgent Surgery Center", "", "OPERATIVE REPORT", "",
             f"Patient: {PERSONA['name']}", f"Date of Procedure: {mdy(d)}", "", *_wrap(body),
             "", f"Surgeon: {PERSONA['surgeon']}"]
    return DocSpec("operative_report", "operative report", d, PERSONA["surgeon"], lines)


def fax_cover(d: dt.date, pages: int) -> DocSpec:
    lines = ["FAX COVER SHEET", "", "To: IMR intake unit", "From: Coastline Claims Services",
             f"Date: {mdy(d)}", f"Pages: {pages} including this sheet", "",
             *_wrap("Records for the independent medical review of the claim below, as "
                    "requested. Please call the sender if any page is missing or unreadable."),
             "", f"Claim Number: {PERSONA['claim_number']}"]
    return DocSpec("other", "other", d, None, lines)


def pharmacy_statement(d: dt.date) -> DocSpec:
    lines = ["Harbor Pharmacy", "", "PHARMACY STATEMENT", "", f"Patient: {PERSONA['name']}",
             f"Date: {mdy(d)}", "", "Ibuprofen 600 mg tablets, 60 tablets, 2 refills.",
             "Cyclobenzaprine was not dispensed."]
    return DocSpec("other", "other", d, None, lines)


def claims_letter(d: dt.date) -> DocSpec:
    lines = ["Coastline Claims Services", "", f"{d.strftime('%B')} {d.day}, {d.year}", "",
             f"Re: {PERSONA['name']}", "",
             *_wrap("Dear Mr. Vale, we received your change of address and have updated our "
                    "records. Future mail about your claim will go to the new address. Please "
                    "keep this letter for your records."), "", "Claims examiner"]
    return DocSpec("other", "other", d, None, lines)
