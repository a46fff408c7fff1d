"""Reading a device file (FIT, GPX, TCX): its bytes, plain or gzip, and its XML, safely.

Strava's bulk export holds ``.fit.gz`` and ``.tcx.gz`` files, so every device file is
read through gunzip when it is gzip (:func:`head_bytes`, :func:`read_bytes`). XML is
parsed without loading external entities, a DTD or anything from the network
(:data:`SAFE_XML`, :func:`parse_xml`).
"""

from __future__ import annotations

import gzip
import io
import zlib
from pathlib import Path

from lxml import etree

from lumbar.ingest.records import ImportFileError

MAX_FILE_BYTES = 512 * 1024 * 1024
"""Largest FIT/GPX/TCX read into memory (bytes, after gunzip); real files are < 20 MB."""

_GZIP_MAGIC = b"\x1f\x8b"


def _open(path: Path) -> io.BufferedIOBase:
    """``path`` opened for reading bytes, through gunzip when it is gzip."""
    with path.open("rb") as handle:
        compressed = handle.read(2) == _GZIP_MAGIC
    return gzip.open(path, "rb") if compressed else path.open("rb")


def head_bytes(path: Path, size: int = 4096) -> bytes:
    """The first ``size`` bytes of ``path`` (uncompressed when it is gzip); b"" when
    it cannot be read. For ``sniff``: cheap, never raises."""
    try:
        if path.is_dir():
            return b""
        with _open(path) as handle:
            return handle.read(size)
    except (OSError, EOFError, zlib.error):
        return b""


def read_bytes(path: Path, display: str) -> bytes:
    """The whole content of ``path``, gunzipped when it is gzip.

    Raises:
        ImportFileError: the file cannot be read, is damaged gzip, or is larger than
            MAX_FILE_BYTES.
    """
    try:
        with _open(path) as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise ImportFileError(display, "", "file", f"cannot be read: {exc}") from exc
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(
            display, "", "file", f"larger than {MAX_FILE_BYTES // 2**20} MB; not a device file"
        )
    return data


SAFE_XML: dict[str, bool] = {
    "resolve_entities": False,
    "load_dtd": False,
    "no_network": True,
    "remove_comments": True,
}
"""lxml parser options of every device reader: no entity, DTD or network is loaded."""


def parse_xml(data: bytes, display: str) -> etree._Element:
    """The root element of the XML document ``data``.

    The encoding comes from the XML declaration (UTF-8 when there is none), as the
    XML standard says.

    Raises:
        ImportFileError: ``data`` is not well-formed XML; the locator names the line.
    """
    try:
        root = etree.fromstring(data, etree.XMLParser(**SAFE_XML))
    except etree.XMLSyntaxError as exc:
        line = exc.position[0] if exc.position else 0
        raise ImportFileError(
            display, f"line {line}", "xml", f"not well-formed: {exc.msg}"
        ) from exc
    except ValueError as exc:  # e.g. an encoding declaration lxml does not know
        raise ImportFileError(display, "", "xml", f"cannot be decoded: {exc}") from exc
    if root is None:
        raise ImportFileError(display, "", "xml", "the document is empty")
    return root


def local_name(element: etree._Element) -> str:
    """The tag of ``element`` without its namespace (``"Lap"`` for ``{ns}Lap``)."""
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


__all__ = ["MAX_FILE_BYTES", "SAFE_XML", "head_bytes", "local_name", "parse_xml", "read_bytes"]
