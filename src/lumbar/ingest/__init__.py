"""Importers: one module per file format, each with ``sniff(path)`` and ``read(path)``."""
