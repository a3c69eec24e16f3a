"""An exclusion's reason reads as a sentence in the rationale's conclusion ("Because the
records document aberrant drug-related behaviour, ..."), not as a bare noun phrase."""

from __future__ import annotations

from _letter_case import decide_letter_case


def test_the_aberrant_behaviour_conclusion_has_a_verb() -> None:
    text = (
        "Per the PR-2 dated 10-20-16, the injured worker takes Norco 10/325 mg three times a "
        "day for chronic low back pain. A urine drug screen dated 9-1-16 was inconsistent with "
        "the prescribed medications. Pain is 8/10 without and 5/10 with medications. The plan "
        "was to continue Norco."
    )
    got = decide_letter_case("Norco 10/325mg #90", "1-5-2014", text)
    assert got.decision == "upheld", got.rationale
    assert "Because the records document aberrant drug-related behaviour" in got.rationale
