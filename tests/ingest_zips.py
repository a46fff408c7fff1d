"""Zipping a folder of export files as the apps ship them, for the importers' tests.

Imported by name (``from ingest_zips import zip_folder``): ``tests`` is on pytest's path.
"""

from __future__ import annotations

import zipfile
from pathlib import Path


def zip_folder(
    folder: Path, archive: Path, prefix: str = "", compression: int = zipfile.ZIP_STORED
) -> Path:
    """Write ``archive`` holding every file below ``folder``, in name order, each named by
    its path relative to ``folder`` after ``prefix`` (e.g. ``"apple_health_export/"``)."""
    with zipfile.ZipFile(archive, "w", compression) as out:
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                out.write(file, prefix + file.relative_to(folder).as_posix())
    return archive
