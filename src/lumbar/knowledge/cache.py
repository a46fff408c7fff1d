"""A cache of the validated knowledge, so that start-up does not parse YAML every time.

The key is a digest of the knowledge files' bytes and of lumbar's version: editing a
file, or installing another version, makes a new entry, which is validated from the
YAML like the first time. A cache that cannot be read or written is passed over —
the files are then read directly — so the cache can only ever save time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Sequence
from importlib.resources import files
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

CACHE_ENV = "LUMBAR_CACHE_DIR"


def cache_dir() -> Path:
    """``LUMBAR_CACHE_DIR``, or lumbar's folder in the user's cache directory."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("lumbar"))


def digest(names: Sequence[str]) -> str:
    """A digest of the named knowledge files' bytes and of lumbar's version."""
    from lumbar import __version__

    h = hashlib.sha256(__version__.encode())
    folder = files("lumbar.knowledge")
    for name in names:
        h.update(name.encode())
        h.update(folder.joinpath(name).read_bytes())
    return h.hexdigest()[:32]


def cached(names: Sequence[str], load: Callable[[], T], kind: type[T]) -> T:
    """``load()``'s result, from the cache when the files are unchanged."""
    path = cache_dir() / f"knowledge-{digest(names)}.pickle"
    try:
        with path.open("rb") as handle:
            value = pickle.load(handle)  # a file lumbar wrote in the user's own cache
        if isinstance(value, kind):
            return value
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    value = load()  # validates; raises on a broken file, and nothing is cached
    _store(path, value)
    return value


def _store(path: Path, value: object) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as tmp:
            pickle.dump(value, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp.name, path)  # atomic: a reader never sees half a file
    except OSError:
        pass  # an unwritable cache only costs time
