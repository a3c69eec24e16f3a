"""The cues searched in the words after a finding ("... is recommended", "... on
examination", issue 16): searched only in a sentence that holds one of their strings, with
the answer ``search`` gives on the stretch, whatever the stretch and the sentence."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from openimr.evidence import extraction as ex

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parent / "data" / "sentences.yaml"

FICTIONAL = [
    "Lumbar epidural steroid injection at L4-5 is recommended.",
    "Tenderness to palpation was noted on examination of the lumbar paraspinals.",
    "Spasm on exam.",
    "An MRI of the right knee was ordered, and physical therapy is pending.",
    "Pain radiates to the left leg; no weakness is reported today.",
    # a word of a cue's strings standing before the stretch, not in it
    "Recommended by the spine surgeon: a home exercise program; she walks daily.",
    # not ASCII: searched whatever its words ("\u017f" folds to "s" in a search)
    "A follow-up visit is \u017fcheduled; stiffne\u017f\u017f noted on examination.",
    "Acupuncture \u2013 six visits were requested.",
]


def _sentences() -> list[str]:
    cases = yaml.safe_load(DATA.read_text(encoding="utf-8"))["cases"]
    out = list(FICTIONAL) + [str(c["t"]) for c in cases]
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from fictional_records import record  # type: ignore[import-not-found]

    for text in (str(record(3, seed=16, clinical=1.0)), str(record(4, seed=18, clinical=0.25))):
        out += [s for s in text.replace("\n", " ").split(". ") if s]
    return out


def test_after_cue_is_the_search_of_the_stretch() -> None:
    c = ex.compiled()
    found = 0
    for text in _sentences():
        sent = ex._Sent(ex._Words(text, c), 0)
        for name in ex.AFTER_CUES:
            for e in range(len(text) + 1):
                after = text[e : e + 60]
                want = c.cue[name].search(after) is not None
                assert ex._after_cue(c, sent, name, after) is want, (name, text, e)
                found += want
    assert found > 20  # the cues do match in these sentences


def test_a_sentence_without_the_strings_is_not_searched() -> None:
    c = ex.compiled()
    assert c.after_factors["plan_after"] and c.after_factors["objective_after"]
    words = ex._Words("Pain radiates to the left leg with numbness.", c)
    sent = ex._Sent(words, 0)
    assert not ex._after_cue(c, sent, "plan_after", sent.text[4:64])
    assert not ex._after_cue(c, sent, "objective_after", sent.text[4:64])
    assert words._after == {"plan_after": False, "objective_after": False}
    other = ex._Words("A follow-up visit is \u017fcheduled.", c)
    assert ex._after_cue(c, ex._Sent(other, 0), "plan_after", other.text[17:])
    assert other._after == {"plan_after": True}  # not ASCII: searched
