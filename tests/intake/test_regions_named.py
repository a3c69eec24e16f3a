"""``regions_named`` searches an ASCII text only with the region patterns whose strings it
holds (regex_scan.FactorIndex): the same regions, in the same order, as every pattern."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from openimr.intake.vocabulary import regions_named, vocabulary

WORDS = [
    "low", "back", "lumbar", "L4-5", "C5-6", "cervical", "neck", "thoracic", "spine",
    "shoulder", "knee", "hip", "wrist", "hand", "ankle", "foot", "elbow", "LSO", "orthotics",
    "right", "left", "and", "of", "the", "pain", "MRI", "arthroscopy", "carpal", "tunnel",
    "sacroiliac", "SI", "joint", "lumbosacral", "T12", "S1", "/", ",", "-", "é",
]


def _every_pattern(text: str) -> list[str]:
    return [name for name, pats in vocabulary().regions if any(p.search(text) for p in pats)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=12), st.sampled_from([" ", "", "  ", "\n"]))
def test_regions_named_is_every_pattern(words: list[str], sep: str) -> None:
    text = sep.join(words)
    assert regions_named(text) == _every_pattern(text)


def test_most_patterns_are_skipped_for_a_text_that_names_one_region() -> None:
    from openimr.intake.vocabulary import _region_index

    n = sum(len(p) for _, p in vocabulary().regions)
    can = _region_index(vocabulary()).candidates("pain in the right knee")
    assert regions_named("pain in the right knee") == ["knee"]
    assert len(can) < n / 2
    assert all(isinstance(p, re.Pattern) for _, ps in vocabulary().regions for p in ps)
