"""The seed examples reproduce the seed letters' decisions and citations; variants flip for
the right reason (the engine reads the records: nothing is keyed to a case or an item)."""

from __future__ import annotations

from pathlib import Path

import pytest

import openimr
from openimr.domain import Determination

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
BUNDLES = sorted(EXAMPLES.rglob("bundle.yaml"))

# Seed letter citations: item id -> (level, chapter, pages) of the first citation, and any
# further citations the letter's guideline line names.
SEED_CITATIONS = {
    "cm13-0057725": {
        "1": [("MTUS", "Chapter 12 Low Back Complaints", "303")],
        "2": [("MTUS", "Chapter 8 Neck and Upper Back Complaints", "176-177")],
        "3": [("MTUS", "Chapter 12 Low Back Complaints", "303-304")],
        "4": [("ACOEM/ODG", "Hip & Pelvis", None)],
        "5": [("MTUS", "Chapter 8 Neck and Upper Back Complaints", "177-178")],
        "6": [("MTUS", "Chapter 12 Low Back Complaints", "303-304")],
    },
    "cm14-0900001": {
        "1": [("MTUS", "Chapter 12 Low Back Complaints", "303")],
        "2": [("MTUS", "Chapter 12 Low Back Complaints", "303"),
              ("ACOEM/ODG", "Low Back Chapter", None)],
    },
}


@pytest.fixture(scope="module")
def decided() -> dict[Path, tuple[openimr.domain.CaseBundle, Determination]]:
    out = {}
    for path in BUNDLES:
        bundle = openimr.load_bundle(path)
        out[path] = (bundle, openimr.decide(bundle))
    return out


def test_there_are_seed_examples_and_at_least_four_variants() -> None:
    assert (EXAMPLES / "cm13-0057725" / "bundle.yaml") in BUNDLES
    assert (EXAMPLES / "cm14-0900001" / "bundle.yaml") in BUNDLES
    assert len([p for p in BUNDLES if "variants" in p.parts]) >= 4


@pytest.mark.parametrize("path", BUNDLES, ids=lambda p: p.parent.name)
def test_decisions_match_expected(path: Path, decided) -> None:  # type: ignore[no-untyped-def]
    bundle, det = decided[path]
    got = {i.id: i.decision for i in det.items}
    want = {r.id: r.expected.decision for r in bundle.requests if r.expected}
    assert got == want, {i.id: i.rationale for i in det.items if got[i.id] != want[i.id]}


@pytest.mark.parametrize("case", sorted(SEED_CITATIONS))
def test_seed_citations_match_the_letters(case: str, decided) -> None:  # type: ignore[no-untyped-def]
    _, det = decided[EXAMPLES / case / "bundle.yaml"]
    for item in det.items:
        got = [(g.level, g.chapter, g.pages) for g in item.guidelines]
        assert got == SEED_CITATIONS[case][item.id], item.item


def test_variants_flip_only_what_their_fact_touches(decided) -> None:  # type: ignore[no-untyped-def]
    base = {i.id: i.decision for i in decided[EXAMPLES / "cm13-0057725" / "bundle.yaml"][1].items}
    variant = EXAMPLES / "variants" / "persistent-dermatomal-deficit" / "bundle.yaml"
    flipped = {i.id for i in decided[variant][1].items if i.decision != base[i.id]}
    assert flipped == {"1"}  # only the EMG: the deficit is in the leg, and not new


def test_rationales_never_claim_absence_of_what_a_record_shows(decided) -> None:  # type: ignore[no-untyped-def]
    _, det = decided[EXAMPLES / "cm13-0057725" / "bundle.yaml"]
    emg = det.items[0]
    assert "persistent focal neurologic deficit" in emg.rationale
    assert "no longer finds" in emg.rationale and "12/3/2013" in emg.rationale
    # The 10/29/13 deficit is not denied: the rationale says it was not carried forward.
    assert "10/29/2013" in emg.rationale
    assert all(not i.note for i in det.items), [i.note for i in det.items]


def test_reviewer_identity_never_in_determination(decided) -> None:  # type: ignore[no-untyped-def]
    for _, det in decided.values():
        dumped = det.model_dump_json()
        assert '"name"' not in dumped
