"""Table-driven extraction tests on fictional progress-note, MRI and EMG sentences.

The table is data/sentences.yaml.

Every case names the findings it must yield (code, assertion, kind of observation and, where
it matters, region, laterality, value, quoted, change) and the codes it must not yield.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from openimr.domain.finding import Finding

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "data" / "sentences.yaml").read_text(encoding="utf-8")
)["cases"]


def _matches(
    f: Finding, code: str, assertion: str, observation: str, extra: dict[str, Any]
) -> bool:
    if f.code != code:
        return False
    if assertion != "*" and f.assertion != assertion:
        return False
    if observation != "*" and f.observation != observation:
        return False
    return all(getattr(f, k) == v for k, v in extra.items())


def _show(found: list[Finding]) -> str:
    return "\n".join(
        f"  {f.code} {f.assertion} {f.observation} region={f.region} side={f.laterality} "
        f"value={f.value!r} quoted={f.quoted} change={f.change} [{f.text}]"
        for f in found
    )


@pytest.mark.parametrize("case", CASES, ids=[c["t"][:60] for c in CASES])
def test_sentence(case: dict[str, Any], findings) -> None:  # type: ignore[no-untyped-def]
    found = findings(case["t"], kind=case.get("k", "progress report"))
    for exp in case.get("e", []):
        code, assertion, observation = exp[0], exp[1], exp[2]
        extra = exp[3] if len(exp) > 3 else {}
        assert any(_matches(f, code, assertion, observation, extra) for f in found), (
            f"expected {exp} in:\n{_show(found)}"
        )
    for code in case.get("no", []):
        assert not [f for f in found if f.code == code and f.is_present], (
            f"{code} must not be present in:\n{_show(found)}"
        )


def test_table_is_large_and_covers_every_assertion_and_observation() -> None:
    sentences = sum(max(1, c["t"].count(". ") + c["t"].count("\n")) for c in CASES)
    assert sentences >= 200
    assertions = {e[1] for c in CASES for e in c.get("e", [])}
    assert {"present", "negated", "possible", "historical", "hypothetical", "other"} <= assertions
    observations = {e[2] for c in CASES for e in c.get("e", [])}
    assert {"subjective", "objective", "test", "plan", "history"} <= observations


def test_sentences_glued_by_a_text_layer_are_split() -> None:
    from openimr.evidence.sentences import boundary_offsets

    text = "Pain was noted.The worker was seen. Dr.Smith saw her. See U.S.Army file."
    starts = boundary_offsets(text)
    assert text.index("The worker") in starts
    assert text.index("Smith") not in starts  # "Dr." is no sentence
    assert text.index("Army") not in starts
