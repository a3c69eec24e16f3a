"""Schemathesis runs against the service's own OpenAPI schema, logged in and not: no answer
is a 500, every status and body matches the schema (a few examples per operation, so the
run stays short)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from .conftest import make_app  # noqa: E402

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES = settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(scope="module")
def fuzz_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    d: Path = tmp_path_factory.mktemp("fuzz")
    app = make_app(f"sqlite:///{d / 'fuzz.sqlite'}", d / "audit")
    _, token = app.state.services.accounts.create_token("sup", "schemathesis")
    app.state.fuzz_token = token
    yield app
    app.state.services.jobs.shutdown()
    app.state.services.engine.dispose()


@pytest.fixture(scope="module")
def api_schema(fuzz_app: Any) -> Any:
    return schemathesis.openapi.from_asgi("/openapi.json", fuzz_app).exclude(
        path_regex="^/api/(logout|tokens)"  # would end the fuzzer's own session or token
    )


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@EXAMPLES
def test_logged_out_answers_match_the_schema(case: Any) -> None:
    case.call_and_validate(checks=CHECKS)


@schema.parametrize()
@EXAMPLES
def test_logged_in_answers_match_the_schema(case: Any, fuzz_app: Any) -> None:
    headers = {"Authorization": f"Bearer {fuzz_app.state.fuzz_token}"}
    case.call_and_validate(headers=headers, checks=CHECKS)
