"""The routes: pages (HTML and ``.json``), HTMX fragments, and the REST API under ``/api/v1``."""

__all__: list[str] = []
