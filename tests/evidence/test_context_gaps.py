"""Known gaps of medspaCy's default ConText rules, fixed in context.yaml, on arbitrary targets."""

from __future__ import annotations

import pytest

from openimr.evidence.assertion import Flags, flags_of
from openimr.evidence.pipeline import TARGET_PIPE


@pytest.fixture(scope="module")
def assess(nlp):  # type: ignore[no-untyped-def]
    """Flags of each named target in ``text`` (targets set by hand, as the NegEx set does)."""
    stages = [(n, p) for n, p in nlp.pipeline if n != TARGET_PIPE]

    def run(text: str, *targets: str) -> dict[str, Flags]:
        doc = nlp.make_doc(text)
        spans = []
        for t in targets:
            i = text.index(t)
            spans.append(doc.char_span(i, i + len(t), label="T", alignment_mode="expand"))
        doc.ents = spans
        for _, proc in stages:
            doc = proc(doc)
        return {e.text: flags_of(e) for e in doc.ents}

    return run


def test_colon_no_negates_every_item_of_the_list(assess) -> None:  # type: ignore[no-untyped-def]
    got = assess("Extremities: No clubbing, cyanosis, or edema.", "clubbing", "cyanosis", "edema")
    assert all(f.negated for f in got.values()), got


def test_findings_colon_no(assess) -> None:  # type: ignore[no-untyped-def]
    text = "FINDINGS: No intracranial hemorrhage can be identified."
    got = assess(text, "intracranial hemorrhage")
    assert got["intracranial hemorrhage"].negated


def test_resolved_looks_backward(assess) -> None:  # type: ignore[no-untyped-def]
    got = assess("His nausea and vomiting resolved.", "nausea", "vomiting")
    assert got["nausea"].negated and got["nausea"].resolved
    assert got["vomiting"].negated


def test_ve_for_is_a_negation_trigger(assess) -> None:  # type: ignore[no-untyped-def]
    got = assess("ROS is -ve for chest pain and dyspnea.", "chest pain", "dyspnea")
    assert got["chest pain"].negated and got["dyspnea"].negated


def test_line_end_answer_negates_backward(assess) -> None:  # type: ignore[no-untyped-def]
    assert assess("Fever: none.", "Fever")["Fever"].negated
    assert assess("Allergies - none.", "Allergies")["Allergies"].negated


def test_trigger_inside_the_target_does_not_negate_it(assess) -> None:  # type: ignore[no-untyped-def]
    text = "The oral mucosa is moist with no erythema."
    got = assess(text, "oral mucosa is moist with no erythema")
    assert not got["oral mucosa is moist with no erythema"].negated


def test_positive_for_ends_a_negation(assess) -> None:  # type: ignore[no-untyped-def]
    got = assess("The scan showed no dilatation and positive for gallstones.", "gallstones")
    assert not got["gallstones"].negated


def test_pseudo_triggers(assess) -> None:  # type: ignore[no-untyped-def]
    got = assess("MRI of the brain without contrast showed a small infarct.", "infarct")
    assert not got["infarct"].negated
    got = assess("No change in the elevated hemidiaphragm.", "elevated hemidiaphragm")
    assert not got["elevated hemidiaphragm"].negated


def test_history_and_former(assess) -> None:  # type: ignore[no-untyped-def]
    got = assess("Social history: former smoker.", "smoker")
    assert got["smoker"].negated and got["smoker"].historical
    got = assess("Status post lumbar fusion.", "lumbar fusion")
    assert got["lumbar fusion"].historical
    got = assess("Two-day history of fever.", "fever")
    assert not got["fever"].historical


def test_hypothetical_and_family(assess) -> None:  # type: ignore[no-untyped-def]
    got = assess("Call for any fever or increasing pain.", "fever")
    assert got["fever"].hypothetical
    got = assess("His father had lung cancer.", "lung cancer")
    assert got["lung cancer"].other
    got = assess("His wife reports that he has depression.", "depression")
    assert not got["depression"].other
