"""Route by what is requested (issue 12 point 5), decided on fictional case summaries in the
2018 letter wording.

- A powered traction or decompression device (VAX-D, DRX 9000, "decompression therapy") is
  traction, not spine surgery, and ODG (Low Back, Traction) does not recommend powered traction;
  a traction device the patient uses at home beside an active program stays an option. The
  same case decides both.
- An item headed "X modified to Y" is the remainder of a modified request: UR authorized Y, IMR
  decides the rest, and continuing the course needs the response to the authorized part
  documented after it (CPMTG 2009 p. 99; guidelines/shared/course.yaml).
"""

from __future__ import annotations

from _letter_case import decide_letter_items

BACK = (
    "According to the progress report dated 1-10-18, the injured worker reported chronic low "
    "back pain rated 6/10 with stiffness. Examination revealed lumbar paraspinal tenderness "
    "and decreased lumbar range of motion. She is currently attending physical therapy and "
    "performs a daily home exercise program. The treating physician requested {request}."
)


def _decide(items: list[str], text: str) -> list[tuple[str, str, str | None]]:
    got = decide_letter_items(
        items, "3-14-2016", text, ur="2018-01-24", decided="2018-02-20", case_number="CM00-routes"
    )
    return [(d.decision, d.rationale, d.topic) for d in got]


def test_a_powered_decompression_device_is_traction_the_guideline_does_not_recommend() -> None:
    text = BACK.format(request="a home inversion table and VAX-D decompression therapy")
    (home, home_why, home_topic), (vax, vax_why, vax_topic), (drx, drx_why, drx_topic) = _decide(
        ["Home inversion table", "VAX-D decompression therapy", "DRX 9000 spinal decompression"],
        text,
    )
    assert home_topic == vax_topic == drx_topic == "odg.traction"
    assert home == "overturned", home_why
    assert vax == "upheld" and drx == "upheld", (vax_why, drx_why)
    assert "powered traction or decompression device" in vax_why
    assert "names a powered" not in home_why


def test_the_rest_of_a_modified_course_needs_the_response_to_the_authorized_part() -> None:
    text = BACK.format(request="physical therapy 2 times a week for 6 weeks")
    [(decision, rationale, topic)] = _decide(["Physical therapy x 12 modified to x 6"], text)
    assert topic == "cpmtg2009.physical-medicine"
    assert decision == "upheld"
    assert "authorized part" in rationale
    assert "physical therapy x 6" in rationale.lower()
