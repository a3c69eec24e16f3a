"""The date a rationale gives a quoted record sentence is the date of the visit or report the
sentence belongs to (issue 12: every sentence a rationale says about the records is true of
them), in the 2017 letter wording ("In a progress note dated 5-22-2017, ...").

- A date that says when something began or happened ("She started gabapentin ... in February
  2017, which reduced her burning leg pain by 50%", "spasm after gardening on 5-19-17") is the
  date of that event, not of the statement the visit makes about it (evidence cues
  ``event_date``): the relief and the spasm are quoted with the visit's date. The event itself
  keeps its own date ("pain after a lumbar fusion on 3/1/2015": the fusion's).
"""

from __future__ import annotations

import datetime as dt

from _letter_case import decide_letter_items

from openimr.evidence import extract_text


def _rationale(item: str, text: str) -> str:
    got = decide_letter_items(
        [item], "3-4-2015", text, ur="2017-06-01", decided="2017-07-20", case_number="CM00-dates"
    )[0]
    return got.rationale


GABAPENTIN = (
    "In a progress note dated 5-22-2017, the injured worker reported low back pain radiating "
    "to the left leg with burning and numbness. She started gabapentin 300 mg three times a day "
    "in {start}, which reduced her burning leg pain by 50% and allowed her to walk longer. "
    "Examination showed decreased sensation in the left L5 dermatome. The treating physician "
    "requested a refill of gabapentin."
)


def test_relief_told_with_the_drugs_start_is_quoted_with_the_visit_date() -> None:
    rationale = _rationale("Gabapentin 300 mg #90", GABAPENTIN.format(start="February 2017"))
    assert "reduced her burning leg pain by 50%\" (clinical-case-summary, 5/22/2017)" in rationale
    assert "2/1/2017" not in rationale


SPASM = (
    "On 5-22-17, the injured worker was seen for low back pain. Examination revealed "
    "paraspinal muscle spasm after gardening on 5-19-17 and tenderness of the lumbar spine. "
    "The treating physician requested cyclobenzaprine for an acute exacerbation."
)


def test_a_finding_after_an_event_is_quoted_with_the_examination_date() -> None:
    rationale = _rationale("Cyclobenzaprine 7.5 mg #30", SPASM)
    assert '"muscle spasm" (clinical-case-summary, 5/22/2017)' in rationale
    assert "5/19/2017" not in rationale


def test_the_event_itself_keeps_its_date_and_what_followed_it_the_visits() -> None:
    found = extract_text(
        "On 5-22-17, the injured worker was seen. She has low back pain after a lumbar fusion "
        "on 3/1/2015. She fell on 5-1-17 and has had neck pain since.",
        date=dt.date(2017, 7, 20),
    )
    dates = {f.text: f.text_date for f in found}
    assert dates["after a lumbar fusion on 3/1/2015"] == dt.date(2015, 3, 1)
    assert dates["low back pain"] == dt.date(2017, 5, 22)
    assert dates["neck pain"] == dt.date(2017, 5, 22)


# A dated report that the latest report's summary recounts ("Per the PR-2 dated 9-18-17, ... A
# multidisciplinary evaluation dated 7-10-17 found ...") is a lead dated before the report it
# follows: its date carries until a sentence told as of the later report (the present perfect,
# cues ``summary_present``: "She has completed 80 hours"), which is the later report's again.
FRP = (
    "Per the PR-2 dated 9-18-17, the injured worker reported chronic low back pain rated 7/10 "
    "and has been off work since 2015. Treatment to date has included medications, physical "
    "therapy and two epidural steroid injections, all without lasting relief. She is unable to "
    "do housework. A multidisciplinary evaluation dated 7-10-17 with baseline functional testing "
    "found she could sit for 20 minutes; she is motivated to return to work. She has completed "
    "80 hours of the functional restoration program with improved sitting tolerance to 45 "
    "minutes. The treating physician requested an additional 80 hours of the program."
)


def test_program_gains_after_a_recounted_evaluation_keep_the_later_reports_date() -> None:
    got = decide_letter_items(
        ["Functional restoration program 80 additional hours"], "2-2-2015", FRP,
        ur="2017-09-25", decided="2017-10-20", case_number="CM00-dates",
    )[0]
    assert '"improved sitting tolerance" (clinical-case-summary, 9/18/2017)' in got.rationale
    assert '"improved sitting tolerance" (clinical-case-summary, 7/10/2017)' not in got.rationale


def test_the_recounted_reports_own_findings_keep_its_date() -> None:
    found = extract_text(
        "Per the PR-2 dated 9-18-17, the injured worker reported low back pain. A progress "
        "report dated 6-1-17 noted neck pain. Examination revealed tenderness. She has "
        "completed 6 sessions of physical therapy with decreased pain.",
        date=dt.date(2017, 10, 20),
    )
    dates = {f.text: f.text_date for f in found}
    assert dates["neck pain"] == dt.date(2017, 6, 1)
    assert dates["tenderness"] == dt.date(2017, 6, 1)
    assert dates["physical therapy"] == dt.date(2017, 9, 18)
