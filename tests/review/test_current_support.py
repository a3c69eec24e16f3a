"""What supports a request must be current (issue 12: positive, current, first-hand evidence).
Each pair decides one fictional case twice: with the supporting visit recent (overturned) and
with it three years before the request, a recent visit recording nothing of it (upheld, the
criterion not established).

- Opioid therapy that a drug screen, a laxative, naloxone or a consultation for a high dose
  goes with is the therapy the patient is on now (CPMTG 2009 p. 43 drug testing, p. 77
  constipation prophylaxis, p. 78 on-going management; ODG naloxone): a regimen recorded
  years ago, or a summary's undated background line that no dated report repeats, is not.
- A fracture a lumbar support would treat is a current one (ACOEM 2004 Ch. 12 p. 301): an
  "acute" fracture imaged years before the request is not acute now.
- The response that supports extending a course is the response to the course just given
  (CPMTG 2009 pp. 98-99; acupuncture, 8 CCR 9792.24.1; psychological treatment, p. 23).
- What a request answers must persist now: a trigger finger after injection (ACOEM 2004
  Ch. 11 p. 271), impingement after injections (Ch. 9 p. 211), a home exercise program that
  is not working (ODG gym membership), a vitamin D deficiency (ODG vitamin D)."""

from __future__ import annotations

import pytest
from _letter_case import decide_letter_case

FOLLOW_UP = (
    " Per the progress report dated 10-27-16, the injured worker returned for follow-up of "
    "ongoing pain; no examination findings were recorded at that visit."
)


def _notes(got: object) -> str:
    return " ".join(n.text for n in got.notes)  # type: ignore[attr-defined]


CASES = [
    (
        "Urine drug screen",
        "3-1-2012",
        "opioid_therapy",
        "The diagnoses have included chronic low back pain. Treatment to date has included "
        "physical therapy, naproxen and hydrocodone. No earlier urine drug screen is documented. "
        "Per the progress report dated {on}, the injured worker reported that hydrocodone "
        "reduces his pain from 8 to 5 out of 10. The treatment plan included a urine drug "
        "screen.",
    ),
    (
        "Colace 100mg #60",
        "3-1-2012",
        "opioid_therapy",
        "The diagnoses have included chronic cervical pain. Treatment to date has included "
        "chiropractic care and Percocet. Per the progress report dated {on}, the injured worker "
        "takes Percocet three times a day and reported hard stools since starting it. The "
        "treatment plan included Colace.",
    ),
    (
        "Naloxone nasal spray 4mg #2",
        "3-1-2012",
        "on_opioids",
        "The diagnoses have included lumbar post-laminectomy syndrome. Treatment to date has "
        "included a lumbar fusion and opioid medications. Per the progress report dated {on}, "
        "the injured worker takes MS Contin 60 mg twice daily and oxycodone, a total of 180 mg "
        "morphine equivalents per day. The treatment plan included naloxone nasal spray.",
    ),
    (
        "Pain management consultation for opioid management",
        "6-1-2012",
        "opioid_dose_consultation",
        "The diagnoses have included chronic thoracic and low back pain. Treatment to date has "
        "included physical therapy and medications. Per the progress report dated {on}, the "
        "injured worker takes methadone 10 mg three times a day and oxycodone 10 mg three times "
        "a day, a morphine equivalent dose of 165 mg per day. The treatment plan included a pain "
        "management consultation to manage the opioids.",
    ),
    (
        "Thoracolumbar support brace",
        "10-1-2012",
        "fracture",
        "The diagnoses have included T12 compression fracture. Per the progress report dated "
        "{on}, the injured worker complained of severe thoracolumbar pain after slipping on a "
        "stair. X-rays of the thoracolumbar spine dated {on} revealed an acute T12 compression "
        "fracture with 15% loss of height. The treatment plan included a thoracolumbar support "
        "brace.",
    ),
    (
        "Additional acupuncture 6 sessions for the cervical spine",
        "3-1-2012",
        "response_to_prior",
        "The diagnoses have included chronic cervical strain. Treatment to date has included "
        "medications and six acupuncture treatments. Per the progress report dated {on}, after "
        "the acupuncture the injured worker stopped her naproxen and could drive for an hour "
        "instead of twenty minutes. Examination revealed cervical rotation limited to 60 "
        "degrees. The treatment plan included six more acupuncture treatments.",
    ),
    (
        "Additional cognitive behavioral therapy 6 sessions",
        "3-1-2012",
        "response_to_prior",
        "The diagnoses have included chronic pain and an adjustment disorder. Treatment to date "
        "has included medications and four sessions of cognitive behavioral therapy. Per the "
        "progress report dated {on}, after the four sessions the injured worker returned to "
        "his evening walks, went back to modified duty and his PHQ-9 score fell from 18 to 9. "
        "The treatment plan included six more sessions of cognitive behavioral therapy.",
    ),
    (
        "Left ring finger trigger finger release",
        "3-1-2012",
        "trigger_finger_after_injection",
        "The diagnoses have included left ring finger trigger finger. Treatment to date has "
        "included a corticosteroid injection into the left ring finger flexor tendon sheath on "
        "{inj} and splinting; the triggering persisted despite the injection. Per the progress "
        "report dated {on}, the injured worker reported that the finger locks every morning. "
        "Examination revealed "
        "a tender nodule over the A1 pulley with triggering of the left ring finger. The "
        "treatment plan included left ring finger trigger finger release.",
    ),
    (
        "Left shoulder arthroscopic subacromial decompression",
        "1-1-2012",
        "impingement_after_injections",
        "The diagnoses have included left shoulder impingement syndrome. Treatment to date has "
        "included five months of physical therapy, two subacromial corticosteroid injections, "
        "the last on {inj}, and anti-inflammatory medications. Symptoms persisted despite the "
        "therapy and the injections. Per the progress report dated {on}, the injured worker "
        "complained of left shoulder pain reaching overhead and lying on the shoulder. "
        "Examination revealed positive Neer and "
        "Hawkins signs on the left. MRI of the left shoulder dated {inj} revealed subacromial "
        "bursitis with a downsloping acromion. The treatment plan included left shoulder "
        "arthroscopic subacromial decompression.",
    ),
    (
        "Ergocalciferol 50,000 units #8",
        "6-1-2012",
        "deficiency",
        "The diagnoses have included chronic neck pain. Per the progress report dated {on}, "
        "laboratory testing dated {inj} revealed a 25-hydroxy vitamin D level of 14 ng/mL, "
        "consistent with vitamin D deficiency. The treatment plan included ergocalciferol.",
    ),
    (
        "Gym membership 3 months",
        "3-1-2012",
        "home_program_failed",
        "The diagnoses have included chronic lumbar strain. Treatment to date has included "
        "physical therapy and a home exercise program revised by his therapist on {inj}. Per the "
        "progress report dated {on}, his home exercise program had not been effective despite "
        "his compliance and he needs a leg press and cable equipment he does not have at home. "
        "The treatment plan included a gym membership with a program monitored by his physical "
        "therapist.",
    ),
]
IDS = [c[0] for c in CASES]


@pytest.mark.parametrize("item,injured,crit,text", CASES, ids=IDS)
def test_recent_support_decides(item: str, injured: str, crit: str, text: str) -> None:
    text = text.format(on="10-20-16", inj="9-1-16")
    got = decide_letter_case(item, injured, text + FOLLOW_UP)
    assert got.decision == "overturned", got.rationale


@pytest.mark.parametrize("item,injured,crit,text", CASES, ids=IDS)
def test_support_of_years_ago_is_not_current(
    item: str, injured: str, crit: str, text: str
) -> None:
    text = text.format(on="10-20-13", inj="9-1-13")
    got = decide_letter_case(item, injured, text + FOLLOW_UP)
    assert got.decision == "upheld", got.rationale
    status = {c.id: c.status for c in got.criteria}
    assert status[crit] == "not established", status
    assert "/2013" in _notes(got), _notes(got)  # the latest mention, with its date


# A background line of a case summary that no dated report repeats: the summary places it
# before the visits it reports, so when those visits are all years old the drug is not shown
# to be taken now (not established); a summary whose latest visit is current gives its
# background as of that visit, and a background sentence of the drugs taken now ("Current
# medications include ...") is the present.
UDS_BACKGROUND = (
    "The diagnoses have included chronic low back pain. {drugs} Per the progress report dated "
    "{on}, the injured worker complained of low back pain rated 6 out of 10 with lumbar "
    "paraspinal tenderness. No earlier urine drug screen is documented. The treatment plan "
    "included a urine drug screen."
)
HISTORY = "Treatment to date has included physical therapy, naproxen and Norco."


def test_opioids_in_the_history_of_treatment_behind_old_visits_are_not_established() -> None:
    text = UDS_BACKGROUND.format(drugs=HISTORY, on="10-20-13")
    got = decide_letter_case("Urine drug screen", "3-1-2012", text)
    assert got.decision == "upheld", got.rationale
    status = {c.id: c.status for c in got.criteria}
    assert status["opioid_therapy"] == "not established", status
    notes = _notes(got)
    assert '"Norco"' in notes and "undated background" in notes, notes


def test_opioids_in_the_history_of_treatment_before_a_current_visit() -> None:
    text = UDS_BACKGROUND.format(drugs=HISTORY, on="10-20-16")
    got = decide_letter_case("Urine drug screen", "3-1-2012", text)
    assert got.decision == "overturned", got.rationale


def test_opioids_the_summary_says_are_taken_now_are_current() -> None:
    drugs = "Treatment to date has included physical therapy. Current medications include Norco."
    got = decide_letter_case("Urine drug screen", "3-1-2012", UDS_BACKGROUND.format(
        drugs=drugs, on="10-20-13"))
    assert got.decision == "overturned", got.rationale
