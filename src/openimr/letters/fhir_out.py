"""The Determination as FHIR R4: a ClaimResponse with the text letter as a DocumentReference.

The mapping lives in :mod:`openimr.intake.fhir.write` beside its reader, so both directions
share one vocabulary (``intake/fhir/data/fhir.yaml``).
"""

from __future__ import annotations

import json

from openimr.domain import Determination


def to_fhir_json(d: Determination, organization: str | None = None) -> str:
    """A FHIR Bundle (collection) holding the ClaimResponse and the letter, as pretty JSON."""
    from openimr.intake.fhir.write import determination_to_fhir
    from openimr.letters.render import DEFAULT_ORGANIZATION, render

    letter = render(d, "text", organization=organization)
    assert isinstance(letter, str)
    data = determination_to_fhir(d, letter, organization or DEFAULT_ORGANIZATION)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
