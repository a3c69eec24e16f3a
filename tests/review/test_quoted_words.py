"""A grade quoted in a rationale comes with the words of its clause, and only those."""

from __future__ import annotations

import pytest

from openimr.domain import Finding
from openimr.review.rationale import quoted_words


def _grade_in(sentence: str, grade: str) -> Finding:
    at = sentence.index(grade)
    return Finding(
        code="neuro.motor_weakness", label="weakness", record_id="r", start=at,
        end=at + len(grade), text=grade, sentence=sentence,
    )


@pytest.mark.parametrize(
    ("sentence", "quoted"),
    [
        (
            "Examination revealed weakness of wrist extension 4/5.",
            "Examination revealed weakness of wrist extension 4/5",
        ),
        ("Abduction to 100 degrees, and weakness 4/5.", "weakness 4/5"),
        ("Flexion to 120 degrees with weakness 4/5.", "weakness 4/5"),
        ("Tenderness; strength 4 out of 5 in the deltoid.", "strength 4 out of 5"),
    ],
)
def test_a_grade_is_quoted_with_its_clause(sentence: str, quoted: str) -> None:
    grade = "4 out of 5" if "out of" in sentence else "4/5"
    assert quoted_words(_grade_in(sentence, grade)) == quoted
