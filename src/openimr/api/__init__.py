"""The reviewer's workbench: an HTTP service (FastAPI) and server-rendered pages over the
case life cycle. A thin shell: every step calls the library (``CaseService``, ``Accounts``,
the letters and the published-letter search) that the CLI calls too.

    from openimr.api import Settings, create_app
    app = create_app(Settings(database_url="sqlite:///imr.sqlite"))
"""

from openimr.api.app import create_app
from openimr.api.settings import Settings

__all__ = ["Settings", "create_app"]
