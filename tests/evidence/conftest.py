"""Fixtures of the evidence tests: the pipeline is loaded once per test session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from openimr.domain.finding import Finding


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from openimr.evidence import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def findings(nlp) -> Callable[..., list[Finding]]:  # type: ignore[no-untyped-def]
    """Findings of one text, as a record of the given kind and date."""
    from openimr.evidence.extraction import RecordMeta, run

    def one(
        text: str, *, kind: str = "progress report", date: dt.date | None = None
    ) -> list[Finding]:
        return run([text], [RecordMeta("r1", date, kind)], nlp)

    return one
