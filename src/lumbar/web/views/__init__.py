"""The view-models: one per page, built by plain functions, rendered as HTML or JSON.

Each module builds the model of one page (or of a part shared by several pages) from
the engine, the knowledge and the journal; it knows nothing of HTTP or templates.
"""

__all__: list[str] = []
