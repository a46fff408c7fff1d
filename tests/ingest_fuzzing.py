"""What the importers' fuzz tests share: their hypothesis settings and the promise
every reader keeps.

Whatever the bytes, a reader yields sessions, refusals and notices, or raises one
:class:`ImportFileError`; never another exception. Imported by name
(``from ingest_fuzzing import ...``): ``tests`` is on pytest's path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from hypothesis import HealthCheck, settings

from lumbar.ingest.records import ImportedSession, ImportFileError, Notice, ReadItem, Refused
from lumbar.vocab import WORKOUT_TYPES

Reader = Callable[[Path], Iterable[ReadItem]]
"""An importer's ``read``, called with the path alone."""


def fuzz(max_examples: int) -> settings:
    """Settings for a fuzz test: no deadline (file I/O), and ``tmp_path`` may be shared by
    the examples of one test because each example writes its file anew."""
    return settings(
        max_examples=max_examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )


def outcome(read: Reader, path: Path) -> list[ReadItem] | ImportFileError:
    """What reading ``path`` gives: the items, or the ImportFileError. Any other exception,
    or an item of another kind, fails the test."""
    try:
        items = list(read(path))
    except ImportFileError as err:
        return err
    assert all(isinstance(item, ImportedSession | Refused | Notice) for item in items)
    return items


def assert_sessions_or_refusals(read: Reader, path: Path) -> None:
    """Reading ``path`` gives sessions of the contract's types and refusals, or one
    ImportFileError; nothing else."""
    items = outcome(read, path)
    if isinstance(items, ImportFileError):
        return
    for item in items:
        assert isinstance(item, ImportedSession | Refused)
        if isinstance(item, ImportedSession):
            assert item.type in WORKOUT_TYPES


def truncated(data: bytes, fraction: float) -> bytes:
    """The first ``fraction`` (0 to 1) of ``data``: a file cut off part-way."""
    return data[: int(len(data) * fraction)]
