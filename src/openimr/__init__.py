"""OpenIMR: Independent Medical Review of workers' compensation treatment disputes.

The library API comes first; the CLI and the web service are thin shells over it::

    import openimr
    bundle = openimr.load_bundle("examples/cm13-0057725/bundle.yaml")
    determination = openimr.decide(bundle)
"""

from __future__ import annotations

from openimr.intake import load_bundle
from openimr.review.decide import decide

__version__ = "0.1.0"
__all__ = ["decide", "load_bundle", "__version__"]
