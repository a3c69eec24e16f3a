"""One JSON error shape for every error, and the published OpenAPI schema pinned by a
snapshot (regenerate with OPENIMR_UPDATE_SNAPSHOT=1 after an intended change)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import Client

SNAPSHOT = Path(__file__).parent / "data" / "openapi.json"


def assert_error_shape(r: Any, status: int, code: str | None = None) -> None:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "code", "message"}
    assert body["error"]["status"] == status
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    if code:
        assert body["error"]["code"] == code


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_every_error_has_one_shape(login: Callable[[str | None], Client], app: Any) -> None:
    anon, sup, clerk = login(None), login("sup"), login("clerk")
    assert_error_shape(anon.get("/api/cases"), 401, "unauthorized")
    assert_error_shape(sup.get("/api/no-such-thing"), 404, "not_found")
    assert_error_shape(sup.http.put("/api/cases"), 405, "method_not_allowed")
    assert_error_shape(sup.get("/api/cases/CM00-0000000"), 404, "not_found")
    assert_error_shape(sup.post("/api/cases/CM00-0000000/assign", json={"bogus": 1}), 422)
    assert_error_shape(sup.get("/api/cases?limit=0"), 422, "invalid")
    assert_error_shape(clerk.get("/api/users"), 403, "forbidden")
    assert_error_shape(clerk.post("/api/cases", json={"bundle": {"format": "x"}}), 422)
    bearer = {"Authorization": "Bearer nope"}
    assert_error_shape(anon.http.get("/api/cases", headers=bearer), 401)


def test_the_cli_error_tree_maps_to_statuses() -> None:
    from openimr.api.errors import classify
    from openimr.errors import BundleError
    from openimr.process.lifecycle import (
        CaseConflict,
        CaseError,
        CaseForbidden,
        CaseNotFound,
        CaseTampered,
    )

    assert classify(CaseNotFound("x")) == (404, "not_found")
    assert classify(CaseForbidden("x")) == (403, "forbidden")
    assert classify(CaseConflict("x")) == (409, "conflict")
    assert classify(CaseTampered("x")) == (409, "tampered")
    assert classify(CaseError("x")) == (400, "refused")
    assert classify(BundleError("f", "a", "b")) == (422, "invalid")


def test_openapi_schema_matches_the_snapshot(sqlite_app: Any) -> None:
    from fastapi.testclient import TestClient

    got = TestClient(sqlite_app).get("/openapi.json").json()
    got["info"]["version"] = "pinned"
    if os.environ.get("OPENIMR_UPDATE_SNAPSHOT") == "1" or not SNAPSHOT.exists():
        SNAPSHOT.write_text(json.dumps(got, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    want = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert got == want, "the API changed: review it, then OPENIMR_UPDATE_SNAPSHOT=1 pytest"
    # every operation documents the error shape
    for path, ops in got["paths"].items():
        for method, op in ops.items():
            if path.startswith("/api/") and path != "/api/login":
                assert "401" in op["responses"] or "403" in op["responses"], (method, path)
