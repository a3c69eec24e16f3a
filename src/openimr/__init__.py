"""OpenIMR: Independent Medical Review of workers' compensation treatment disputes.

The library API comes first; the CLI and the web service are thin shells over it::

    import openimr
    bundle = openimr.load_bundle("examples/cm13-0057725/bundle.yaml")
    determination = openimr.decide(bundle)
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openimr.domain import CaseBundle, Determination


def load_bundle(path: str | Path) -> CaseBundle:
    """Read and validate a case bundle (see :func:`openimr.intake.load_bundle`).

    Imported on first use, like :func:`decide`, so that ``import openimr`` (and every CLI
    command that needs no bundle) starts quickly.
    """
    from openimr.intake import load_bundle as _load

    return _load(path)


def decide(bundle: CaseBundle, **options: Any) -> Determination:
    """Draft the Final Determination for ``bundle`` (see :func:`openimr.review.decide.decide`).

    Imported lazily so that ``import openimr`` stays cheap: the NLP pipeline loads on first use.
    """
    from openimr.review.decide import decide as _decide

    determination = _decide(bundle, **options)
    if any(r.source is not None for r in bundle.records):  # read from a packet (issue 15)
        from openimr.intake.packets.link import link_pages

        link_pages(determination, bundle)
    return determination


__version__ = "0.1.0"
__all__ = ["decide", "load_bundle", "__version__"]
