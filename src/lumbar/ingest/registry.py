"""Which importer reads a file, and turning command-line paths into files to import.

Every importer module in this package has the same shape (DESIGN.md style item 4):
a ``FORMAT`` id, a cheap ``sniff(path) -> bool`` and ``read(path, display)``, which
yields :class:`~lumbar.ingest.records.ImportedSession` and
:class:`~lumbar.ingest.records.Refused` items or raises
:class:`~lumbar.ingest.records.ImportFileError`. :data:`FORMATS` lists the modules
present; :func:`detect` asks every sniffer and insists on exactly one answer (two
importers claiming one file is a bug, reported as such).

:func:`open_inputs` expands what the user named — files, folders (walked in sorted
order), zip archives — into :class:`InputFile` items. An archive that an importer
claims whole (an Apple Health ``export.zip``, a Strava export) is handed to it whole;
any other zip is expanded into a temporary folder removed on exit. Members with
absolute or ``..`` paths, and archives that would expand past
:data:`MAX_EXPANDED_BYTES`, are refused with an ImportFileError. A ``.gz`` file is
decompressed the same way. In a folder that holds a Strava export
(``activities.csv`` beside an ``activities/`` folder) or an unzipped Apple Health
export (``export.xml``), only that file is taken: its importer reads the files it
references, which would otherwise be imported twice. Any other file that no importer
recognises, in a folder or an archive too, is an ImportFileError in the list, so that
nothing is skipped silently; only hidden files and macOS ``__MACOSX`` folders are.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib
import inspect
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from types import ModuleType
from typing import BinaryIO, Protocol

from lumbar.ingest.csvutil import ReadOptions
from lumbar.ingest.records import ImportedSession, ImportFileError, Notice, Refused

MODULES: dict[str, str] = {
    "apple_health": "lumbar.ingest.apple_health",
    "fit": "lumbar.ingest.fit",
    "generic_csv": "lumbar.ingest.generic_csv",
    "gpx": "lumbar.ingest.gpx",
    "hevy_csv": "lumbar.ingest.hevy",
    "strava_export": "lumbar.ingest.strava",
    "strong_csv": "lumbar.ingest.strong",
    "tcx": "lumbar.ingest.tcx",
}
"""Format id → the module that reads it."""

MAX_EXPANDED_BYTES = 4 * 1024**3
"""Most bytes one archive (or .gz file) may expand to; beyond it, a zip bomb is assumed."""

MAX_MEMBERS = 100_000
"""Most members an expanded archive may hold."""

_CHUNK = 1024 * 1024
_SKIPPED = ("__MACOSX",)  # resource forks that macOS adds to the zips it makes
_WHOLE_ARCHIVES = ("apple_health", "strava_export")  # importers that read a zip whole


def _load_formats() -> dict[str, ModuleType]:
    """Import every importer module that exists; one not written yet is left out."""
    found = {}
    for fmt, name in MODULES.items():
        try:
            found[fmt] = importlib.import_module(name)
        except ModuleNotFoundError as err:
            if err.name != name:  # a dependency of the module is missing: a real fault
                raise
    return found


FORMATS: dict[str, ModuleType] = _load_formats()
"""Format id → importer module, for the modules present."""


@dataclass(frozen=True)
class InputFile:
    """One file to import.

    Attributes:
        display: the name for messages: ``"strong.csv"``, ``"export.zip/activities/1.fit"``.
        path: a real file to read (a temporary copy for archive members).
        format: the format id, found by sniffing or forced by the user.
        sha256: hex digest of the file's bytes, for idempotent re-imports.
    """

    display: str
    path: Path
    format: str
    sha256: str


def detect(path: Path, display: str | None = None) -> str:
    """The one format whose ``sniff`` recognises ``path``.

    Raises:
        ImportFileError: no importer recognises the file, it cannot be read, or two
            importers claim it (a bug in their sniffers).
    """
    display = display or path.name
    claims = []
    for fmt, module in FORMATS.items():
        try:
            if module.sniff(path):
                claims.append(fmt)
        except OSError as err:
            raise ImportFileError(display, "", "", f"cannot read: {err.strerror or err}") from err
    if not claims:
        known = ", ".join(FORMATS)
        raise UnrecognisedFileError(display, "", "format", f"no importer recognises it ({known})")
    if len(claims) > 1:
        raise _claimed_twice(display, claims)
    return claims[0]


class UnrecognisedFileError(ImportFileError):
    """No importer recognises the file.

    Named directly, such a file is an error; met while walking a folder, it is
    reported as :class:`Skipped` instead, so that a README or a licence file beside
    the exports does not fail the import.
    """


@dataclass(frozen=True)
class Skipped:
    """A file in a walked folder that is not training data, listed so nothing vanishes."""

    display: str
    reason: str


Found = list["InputFile | ImportFileError | Skipped"]


def _claimed_twice(display: str, claims: list[str]) -> ImportFileError:
    message = f"claimed by {' and '.join(claims)}: a bug in their sniffers, please report it"
    return ImportFileError(display, "", "format", message)


def read_one(
    path: Path, fmt: str, display: str | None = None, options: ReadOptions | None = None
) -> Iterator[ImportedSession | Refused | Notice]:
    """Read one file with the importer of ``fmt``.

    Args:
        path: the file.
        fmt: a format id of :data:`FORMATS`.
        display: the file's name in sources and messages (default ``path.name``).
        options: the user's unit choices, for importers that take them.

    Raises:
        ImportFileError: unknown format, a file that cannot be read, or an importer
            that failed unexpectedly (the error is wrapped, naming the file).
    """
    display = display or path.name
    module = FORMATS.get(fmt)
    if module is None:
        raise ImportFileError(display, "", "format", f"no importer for {fmt!r}")
    kwargs = {}
    if options is not None and "options" in inspect.signature(module.read).parameters:
        kwargs["options"] = options
    try:
        yield from module.read(path, display, **kwargs)
    except ImportFileError:
        raise
    except OSError as err:
        raise ImportFileError(display, "", "", f"cannot read: {err.strerror or err}") from err
    except Exception as err:  # an importer's bug must not end a multi-file import
        raise ImportFileError(
            display, "", "", f"{fmt} importer failed: {type(err).__name__}: {err}"
        ) from err


@contextmanager
def open_inputs(paths: Sequence[Path], forced_format: str | None = None) -> Iterator[Found]:
    """The files to import for the paths a user named, in order.

    Yields a list of :class:`InputFile`; for what cannot be imported, the
    ImportFileError saying why; and for files met in a folder that no importer
    recognises, a :class:`Skipped` entry. Temporary files made for archive members live until
    the ``with`` block ends.
    """
    with tempfile.TemporaryDirectory(prefix="lumbar-import-") as scratch:
        out: Found = []
        expander = _Expander(Path(scratch), forced_format)
        for path in paths:
            expander.add(path, path.name, out, in_archive=False)
        yield out


class _Expander:
    """Walks folders, archives and gzip files into a list of inputs."""

    def __init__(self, scratch: Path, forced: str | None) -> None:
        self.scratch = scratch
        self.forced = forced
        self.count = 0

    def add(self, path: Path, display: str, out: Found, in_archive: bool) -> None:
        try:
            if path.is_dir():
                self._walk(path, display, out, in_archive)
            elif not path.is_file():
                out.append(ImportFileError(display, "", "", "no such file"))
            else:
                self._file(path, display, out, in_archive)
        except ImportFileError as err:
            out.append(err)
        except OSError as err:
            out.append(ImportFileError(display, "", "", f"cannot read: {err.strerror or err}"))

    def _walk(self, folder: Path, display: str, out: Found, in_archive: bool) -> None:
        root = _export_root(folder)
        if root is not None:
            # An unpacked export: its importer reads the files the root references, and
            # the rest of the folder (routes, profile, media) is not training data.
            self.add(root, f"{display}/{root.name}", out, in_archive)
            return
        for child in sorted(folder.iterdir()):
            if child.name.startswith(".") or child.name in _SKIPPED:
                continue
            if child.is_symlink() and child.is_dir():
                continue  # a linked folder may loop back; name it directly to import it
            found: Found = []
            self.add(child, f"{display}/{child.name}", found, in_archive)
            out.extend(
                Skipped(item.file, item.message)
                if isinstance(item, UnrecognisedFileError)
                else item
                for item in found
            )

    def _file(self, path: Path, display: str, out: Found, in_archive: bool) -> None:
        if self.forced is not None and self.forced not in FORMATS:
            known = ", ".join(FORMATS)
            raise ImportFileError(
                display, "", "format", f"unknown format {self.forced!r} ({known})"
            )
        whole = self._claimed_whole(path, display)
        if zipfile.is_zipfile(path) and whole is None:
            if in_archive:
                raise ImportFileError(display, "", "", "an archive inside an archive is not opened")
            self._expand_zip(path, display, out)
            return
        if path.suffix.casefold() == ".gz" and whole is None:
            target = self._scratch_file(path.stem)
            with gzip.open(path, "rb") as source, target.open("wb") as sink:
                _copy_bounded(source, sink, display)
            self._file(target, display, out, in_archive)
            return
        fmt = whole or self.forced or detect(path, display)
        out.append(InputFile(display, path, fmt, sha256_of(path)))

    def _claimed_whole(self, path: Path, display: str) -> str | None:
        """The format of an archive or file whose importer takes it whole, if any."""
        if self.forced is not None:
            return self.forced if self.forced in _WHOLE_ARCHIVES else None
        if not zipfile.is_zipfile(path):
            return None
        # Only the whole-archive importers are asked: a stored (uncompressed) zip can
        # show another format's bytes near its start without being that format.
        claims = [fmt for fmt in _WHOLE_ARCHIVES if fmt in FORMATS and FORMATS[fmt].sniff(path)]
        if len(claims) > 1:
            raise _claimed_twice(display, claims)
        return claims[0] if claims else None

    def _expand_zip(self, path: Path, display: str, out: Found) -> None:
        folder = self._scratch_file(path.stem)
        folder.mkdir()
        refused: list[ImportFileError] = []
        try:
            with zipfile.ZipFile(path) as archive:
                members = [info for info in archive.infolist() if not info.is_dir()]
                if len(members) > MAX_MEMBERS:
                    raise ImportFileError(display, "", "", f"over {MAX_MEMBERS} members: refused")
                declared = sum(info.file_size for info in members)
                if declared > MAX_EXPANDED_BYTES:
                    raise _bomb(display, declared)
                budget = _Budget(display)
                for info in members:
                    relative = _safe_member(info.filename)
                    if relative is None:
                        refused.append(
                            ImportFileError(
                                f"{display}/{info.filename}", "", "", "path leaves the archive"
                            )
                        )
                        continue
                    target = folder.joinpath(*relative.parts)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with archive.open(info) as source, target.open("wb") as sink:
                        _copy_bounded(source, sink, display, budget)
        except (zipfile.BadZipFile, EOFError, NotImplementedError, RuntimeError) as err:
            raise ImportFileError(display, "", "", f"damaged or unsupported zip: {err}") from err
        out.extend(refused)
        self._walk(folder, display, out, in_archive=True)

    def _scratch_file(self, stem: str) -> Path:
        self.count += 1
        (self.scratch / str(self.count)).mkdir()
        return self.scratch / str(self.count) / (stem or "file")


def _export_root(folder: Path) -> Path | None:
    """The file that stands for an unpacked export in ``folder``, if it holds one: an
    Apple Health ``export.xml``, or a Strava ``activities.csv`` beside ``activities/``."""
    apple = folder / "export.xml"
    if "apple_health" in FORMATS and apple.is_file() and FORMATS["apple_health"].sniff(apple):
        return apple
    strava = folder / "activities.csv"
    if (
        "strava_export" in FORMATS
        and strava.is_file()
        and (folder / "activities").is_dir()
        and FORMATS["strava_export"].sniff(strava)
    ):
        return strava
    return None


class Readable(Protocol):
    """A binary stream to copy from (a file, a zip member, a gzip stream)."""

    def read(self, size: int, /) -> bytes: ...


class _Budget:
    """Bytes an archive may still expand to."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.left = MAX_EXPANDED_BYTES


def _copy_bounded(
    source: Readable, sink: BinaryIO, display: str, budget: _Budget | None = None
) -> None:
    """Copy in chunks, stopping at the size limit whatever the archive declared."""
    budget = budget or _Budget(display)
    try:
        while chunk := source.read(_CHUNK):
            budget.left -= len(chunk)
            if budget.left < 0:
                raise _bomb(display, MAX_EXPANDED_BYTES - budget.left)
            sink.write(chunk)
    except (OSError, EOFError, zipfile.BadZipFile) as err:
        raise ImportFileError(display, "", "", f"damaged compressed data: {err}") from err


def _bomb(display: str, size: int) -> ImportFileError:
    return ImportFileError(
        display, "", "", f"expands to over {size} bytes, more than {MAX_EXPANDED_BYTES}: refused"
    )


def _safe_member(name: str) -> PurePosixPath | None:
    """The member's relative path, or None for an absolute path or one with ``..``
    (a "zip slip" that would write outside the folder)."""
    member = PurePosixPath(name.replace("\\", "/"))
    if member.is_absolute() or ".." in member.parts or (member.parts and ":" in member.parts[0]):
        return None
    return member


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def copy_member(source: Readable, target: Path, display: str) -> None:
    """Write a (possibly compressed) stream to ``target``, at most MAX_EXPANDED_BYTES."""
    with target.open("wb") as sink:
        _copy_bounded(source, sink, display)


__all__ = [
    "FORMATS",
    "MAX_EXPANDED_BYTES",
    "MAX_MEMBERS",
    "MODULES",
    "InputFile",
    "Skipped",
    "UnrecognisedFileError",
    "copy_member",
    "detect",
    "open_inputs",
    "read_one",
    "sha256_of",
]
