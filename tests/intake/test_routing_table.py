"""The routing table: several hundred item wordings, written by us, each pinned to its service.

Matching never depends on the order of services.yaml; this table is what keeps a new
service from quietly taking the words of an older one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from openimr.intake.requests import match_services
from openimr.intake.vocabulary import known_services
from openimr.routing import route_wording

ROWS = yaml.safe_load((Path(__file__).parent / "data" / "routing_table.yaml").read_text())


def test_table_is_large_and_covers_every_service() -> None:
    assert len(ROWS) >= 300
    texts = [r["text"] for r in ROWS]
    assert len(texts) == len(set(texts)), "a wording is listed twice"
    services = known_services()
    assert {r["service"] for r in ROWS} <= services
    pinned = {r["service"] for r in ROWS}
    assert not {s for s in services if not s.startswith("drug:")} - pinned


@pytest.mark.parametrize("row", ROWS, ids=[r["text"][:50] for r in ROWS])
def test_wording_routes_to_its_service(row: dict[str, str]) -> None:
    got = route_wording(row["text"], row.get("ur", "denied")).service
    assert got == row["service"], row.get("why", "")


@pytest.mark.parametrize("row", ROWS, ids=[r["text"][:50] for r in ROWS])
def test_no_two_services_claim_a_wording_equally(row: dict[str, str]) -> None:
    for medications in (False, True):
        found = match_services(row["text"], medications=medications)
        if len(found) >= 2:
            a, b = found[0], found[1]
            assert a.rank != b.rank, (
                f"{a.service.id} and {b.service.id} both claim {a.wording!r}/{b.wording!r}"
            )
