"""Words that name a body region only through the device: an LSO is a lumbosacral orthosis,
orthotics and shoe inserts are for the foot (ACOEM 2004 ch. 14). Without them the region was
read from the records (the neck, in a neck-and-back case)."""

from __future__ import annotations

import pytest

from openimr.routing import route_wording


@pytest.mark.parametrize(
    ("text", "regions"),
    [
        ("LSO brace", ("lumbar spine",)),
        ("Custom orthotics", ("ankle/foot",)),
        ("Shoe inserts", ("ankle/foot",)),
        ("Orthotic brace for the right knee", ("knee",)),
        ("Knee brace", ("knee",)),
    ],
)
def test_device_names_its_region(text: str, regions: tuple[str, ...]) -> None:
    assert route_wording(text).regions == regions
