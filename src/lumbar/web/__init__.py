"""lumbar in the browser: FastAPI, server-rendered pages, HTMX and Vega-Lite charts.

``create_app(settings)`` builds the app; ``lumbar serve`` runs it with uvicorn. The
package imports FastAPI, so only the ``serve`` command and the tests load it.
"""

from lumbar.web.app import create_app
from lumbar.web.settings import WebSettings

__all__ = ["WebSettings", "create_app"]
