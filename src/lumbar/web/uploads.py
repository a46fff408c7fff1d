"""Uploaded files, kept inside one temporary folder and checked before anything is imported.

An upload is refused whole (4xx, the journal untouched) when a file name holds a path,
when the request holds too many files, or when an archive would expand past
``max_expanded_bytes`` (a zip bomb), holds too many members, or has a member whose
path leaves the archive. Each file is written to its own numbered folder under the
upload folder, by its bare name only, so that no name can reach outside it.
"""

from __future__ import annotations

import gzip
import unicodedata
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import Protocol

from lumbar.web.errors import BadRequestError, TooLargeError
from lumbar.web.settings import WebSettings

__all__ = ["MAX_MEMBERS", "Upload", "check_archive", "safe_name", "save_uploads"]

MAX_MEMBERS = 20_000
"""Most members an uploaded archive may hold."""
_CHUNK = 1024 * 1024
_MAX_NAME = 200


class Upload(Protocol):
    """What the web framework hands over for an uploaded file (Starlette's ``UploadFile``)."""

    filename: str | None

    async def read(self, size: int = -1) -> bytes: ...


def safe_name(filename: str | None) -> str:
    """The uploaded file's name, if it is a bare, printable file name.

    Raises:
        BadRequestError: no name, a name holding a path (``../x``, ``a/b``, ``C:\\x``), a
            name that is only dots, or control characters.
    """
    name = unicodedata.normalize("NFC", filename or "").strip()
    if not name:
        raise BadRequestError("every uploaded file needs a name", "files")
    if "/" in name or "\\" in name or name.strip(".") == "":
        raise BadRequestError(
            f"the file name {name[:80]!r} holds a path; upload the file itself", "files"
        )
    if any(unicodedata.category(c).startswith("C") for c in name):
        raise BadRequestError("a file name holds control characters", "files")
    if len(name) > _MAX_NAME:
        raise BadRequestError(f"a file name is longer than {_MAX_NAME} characters", "files")
    return name


async def save_uploads(files: Sequence[Upload], folder: Path, settings: WebSettings) -> list[Path]:
    """Write each upload to ``folder/<n>/<name>``; refuse the lot if any is unsafe.

    Raises:
        BadRequestError: no file, too many files, or an unsafe name.
        TooLargeError: the files together pass ``max_upload_bytes``.
    """
    if not files:
        raise BadRequestError("choose at least one file to import", "files")
    if len(files) > settings.max_files:
        raise BadRequestError(f"at most {settings.max_files} files in one upload", "files")
    names = [safe_name(f.filename) for f in files]  # all checked before any is written
    root = folder.resolve()
    saved = []
    left = settings.max_upload_bytes
    for number, (upload, name) in enumerate(zip(files, names, strict=True), start=1):
        target = (root / str(number) / name).resolve()
        if target.parent.parent != root:  # cannot happen with a bare name; never trust it
            raise BadRequestError(f"the file name {name!r} leaves the upload folder", "files")
        target.parent.mkdir(parents=True)
        with target.open("wb") as sink:
            while chunk := await upload.read(_CHUNK):
                left -= len(chunk)
                if left < 0:
                    raise TooLargeError("the files are larger than the upload limit", "files")
                sink.write(chunk)
        saved.append(target)
    for path in saved:
        check_archive(path, settings.max_expanded_bytes)
    return saved


def _member_path_is_safe(name: str) -> bool:
    member = PurePosixPath(name.replace("\\", "/"))
    first = member.parts[0] if member.parts else ""
    return not member.is_absolute() and ".." not in member.parts and ":" not in first


def check_archive(path: Path, max_expanded_bytes: int) -> None:
    """Refuse an archive that would expand past the limit or write outside its folder.

    A zip is judged by the sizes its directory declares (Python's reader never
    expands a member past its declared size, and the importer counts again as it
    copies); a ``.gz`` file is decompressed without being written, counting bytes.

    Raises:
        TooLargeError: the archive expands past ``max_expanded_bytes``, or has too
            many members.
        BadRequestError: a member's path leaves the archive, or the archive is damaged.
    """
    display = path.name
    if zipfile.is_zipfile(path):
        try:
            with zipfile.ZipFile(path) as archive:
                members = archive.infolist()
        except (zipfile.BadZipFile, OSError) as exc:
            raise BadRequestError(f"{display}: damaged zip: {exc}", "files") from exc
        if len(members) > MAX_MEMBERS:
            raise TooLargeError(f"{display}: more than {MAX_MEMBERS} files inside", "files")
        unsafe = [m.filename for m in members if not _member_path_is_safe(m.filename)]
        if unsafe:
            raise BadRequestError(
                f"{display}: the member {unsafe[0][:80]!r} would be written outside the "
                "archive's folder (path traversal): refused",
                "files",
            )
        _refuse_bomb(display, sum(m.file_size for m in members), max_expanded_bytes)
    elif path.suffix.lower() == ".gz":
        _refuse_bomb(display, _gzip_size(path, max_expanded_bytes), max_expanded_bytes)


def _refuse_bomb(display: str, size: int, limit: int) -> None:
    if size > limit:
        raise TooLargeError(
            f"{display} would expand to over {size // (1024 * 1024)} MB, more than the "
            f"{limit // (1024 * 1024)} MB limit: refused as a possible zip bomb",
            "files",
        )


def _gzip_size(path: Path, limit: int) -> int:
    """Bytes the gzip file expands to, counting no further than just past ``limit``."""
    size = 0
    try:
        with gzip.open(path, "rb") as stream:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > limit:
                    return size
    except (OSError, EOFError, zlib.error) as exc:
        raise BadRequestError(f"{path.name}: damaged gzip data: {exc}", "files") from exc
    return size
