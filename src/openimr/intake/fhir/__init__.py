"""FHIR R4 in and out (fhir.resources models): case bundles from FHIR Bundles, determinations
as ClaimResponses. See :mod:`openimr.intake.fhir.read` for what is read, and ``data/fhir.yaml``
for the systems and codes."""

from openimr.intake.fhir.read import import_fhir, read_fhir, validate
from openimr.intake.fhir.write import case_to_fhir, claim_response_items, determination_to_fhir

__all__ = ["case_to_fhir", "claim_response_items", "determination_to_fhir", "import_fhir",
           "read_fhir", "validate"]
