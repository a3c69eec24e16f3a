"""Facts by name: topics are checked against the registry when they load."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from openimr.cli import app
from openimr.errors import DataFileError
from openimr.guidelines.registry import load_knowledge_base, load_topic_file
from openimr.review.facts import FACTS

TOPIC = """
id: test.facts
title: A topic naming a fact
applies_to: {services: [mri]}
citations:
  primary: {level: MTUS, guideline: ACOEM, chapter: Chapter 12 Low Back Complaints, pages: "303"}
effective_from: 2004-01-01
recommendation: something in our own words
criteria:
  - id: c1
    kind: requirement
    says: the injury is recent
    when: {fact: %s, max: 4}
    met: met
    unmet: unmet
"""


def _topic(tmp_path: Path, fact: str) -> Path:
    path = tmp_path / "t.yaml"
    path.write_text(TOPIC % fact)
    return path


def test_a_known_fact_loads(tmp_path: Path) -> None:
    assert load_topic_file(_topic(tmp_path, "weeks_since_injury")).id == "test.facts"


def test_an_unknown_fact_fails_at_load_with_a_hint(tmp_path: Path) -> None:
    hint = r"unknown fact .weeks_since_injry. \(did you mean .weeks_since_injury.\?\)"
    with pytest.raises(DataFileError, match=hint):
        load_topic_file(_topic(tmp_path, "weeks_since_injry"))


def test_a_request_property_used_as_a_number_fails(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="'repeat' is a request fact, not a fact"):
        load_topic_file(_topic(tmp_path, "repeat"))


def test_every_registered_fact_is_used_or_described() -> None:
    used = {
        name
        for t in load_knowledge_base().topics
        for c in t.criteria
        for _, name in c.when.facts_named()
    }
    assert used <= set(FACTS)
    assert all(f.description for f in FACTS.values())


def test_cli_lists_the_facts() -> None:
    out = CliRunner().invoke(app, ["guidelines", "facts"])
    assert out.exit_code == 0
    for name in FACTS:
        assert name in out.output
