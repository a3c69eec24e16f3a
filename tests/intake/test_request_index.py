"""An item's text is tried only with the drugs and service patterns whose strings it holds
(regex_scan.FactorIndex, issue 16): ``_drugs_named`` gives the same drugs, in the same
order, with the same longer-name-first hiding, and ``match_services`` the same services, as
trying every drug and every pattern of the vocabulary."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from openimr.intake import requests as rq
from openimr.intake.vocabulary import vocabulary

NAMES = sorted({name for name, _, _ in vocabulary().drugs})[::7][:60]
WORDS = [
    *NAMES, "Norco", "voltaren gel", "Voltaren", "hydrocodone-acetaminophen", "Depo-Medrol",
    "senokot-s", "mg", "#60", "10/325", "and", "gel", "cream", "1%", "x", "-", ",", "é",
]


def _every_drug(text: str) -> list[tuple[str, str]]:
    named: list[tuple[int, str, str]] = []
    taken: list[tuple[int, int]] = []
    for n, c, p in vocabulary().drugs:
        for m in p.finditer(text):
            if not any(a < m.end() and m.start() < b for a, b in taken):
                taken.append(m.span())
                named.append((m.start(), n, c))
    return [(n, c) for _start, n, c in sorted(named)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=10), st.sampled_from([" ", "", "  ", "/"]))
def test_drugs_named_is_every_drug(words: list[str], sep: str) -> None:
    text = sep.join(words)
    assert rq._drugs_named(text) == _every_drug(text)


def test_the_index_follows_the_vocabulary_object() -> None:
    drugs = vocabulary().drugs
    index = rq._drug_index(drugs)
    assert rq._drug_index(drugs) is index
    other = drugs[:5]
    assert rq._drug_index(other) is not index
    assert len(rq._drug_index(drugs).candidates("naproxen 500 mg")) < len(drugs) / 2


SERVICE_WORDS = [
    "MRI", "lumbar", "spine", "physical", "therapy", "x", "6", "sessions", "EMG/NCS", "EMG",
    "bilateral", "upper", "extremities", "acupuncture", "follow-up", "visit", "after", "the",
    "epidural", "steroid", "injection", "L4-5", "TENS", "unit", "rental", "Norco", "10/325",
    "topical", "cream", "knee", "arthroscopy", "assistant", "surgeon", "for", "post-op", "é",
]


def _every_service(text: str, medications: bool) -> list[tuple[str, int, int, str]]:
    out = []
    for c in vocabulary().services:
        if (c.service.category == "medications") != medications:
            continue
        if any(x.search(text) for x in c.excludes):
            continue
        found = [
            rq.ServiceMatch(c.service, m.start(), max(1, len(m.group(0))), m.group(0))
            for p in c.patterns
            if (m := p.search(text))
        ]
        if found:
            out.append(max(found, key=lambda m: m.rank))
    out.sort(key=lambda m: (m.rank, m.service.id), reverse=True)
    return [(m.service.id, m.start, m.length, m.wording) for m in out]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(SERVICE_WORDS), max_size=10),
    st.sampled_from([" ", "  ", " and "]),
    st.booleans(),
)
def test_match_services_is_every_pattern(words: list[str], sep: str, meds: bool) -> None:
    text = sep.join(words)
    got = [
        (m.service.id, m.start, m.length, m.wording)
        for m in rq.match_services(text, medications=meds)
    ]
    assert got == _every_service(text, meds)
