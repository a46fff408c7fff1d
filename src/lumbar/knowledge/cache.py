"""A cache of the validated knowledge, so that start-up does not parse YAML every time.

An entry is keyed, as Python keys its own bytecode, by lumbar's version and by the
size and modification time of each knowledge file: editing a file, or installing
another version, makes a new key, and the knowledge is validated from the YAML like
the first time. The key is stored in the entry and compared on reading, so two keys
that share a file name can never serve each other's knowledge. A cache that cannot
be read or written is passed over — the files are then read directly — so the cache
can only ever save time.
"""

from __future__ import annotations

import os
import pickle
import sys
import tempfile
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

CACHE_ENV = "LUMBAR_CACHE_DIR"
_FOLDER = Path(__file__).resolve().parent  # the knowledge files ship beside this module


def cache_dir() -> Path:
    """``LUMBAR_CACHE_DIR``, or lumbar's folder in the user's cache directory."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    if sys.platform.startswith("linux"):
        # platformdirs' own rule for Linux, without importing it on every start-up.
        base = os.environ.get("XDG_CACHE_HOME", "").strip()
        return Path(base if os.path.isabs(base) else Path.home() / ".cache") / "lumbar"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("lumbar"))


def cache_key(names: Sequence[str]) -> str | None:
    """The key of the named knowledge files as they are now, or None when they cannot
    be examined (then nothing is cached)."""
    from lumbar import __version__

    parts = [__version__]
    for name in names:
        try:
            stat = (_FOLDER / name).stat()
        except OSError:
            return None
        parts.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
    return "|".join(parts)


def cached(names: Sequence[str], load: Callable[[], T], kind: type[T]) -> T:
    """``load()``'s result, from the cache when the files are unchanged."""
    key = cache_key(names)
    if key is None:
        return load()
    path = cache_dir() / f"knowledge-{zlib.crc32(key.encode()):08x}.pickle"
    try:
        with path.open("rb") as handle:
            stored_key, value = pickle.load(handle)  # a file lumbar wrote in the user's cache
        if stored_key == key and isinstance(value, kind):
            return value
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass  # unreadable or damaged: rebuilt below
    except (TypeError, ValueError):
        pass  # not a (key, value) pair: an entry of another layout, rebuilt below
    value = load()  # validates; raises on a broken file, and nothing is cached
    _store(path, (key, value))
    return value


def _store(path: Path, entry: tuple[str, object]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as tmp:
            pickle.dump(entry, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp.name, path)  # atomic: a reader never sees half a file
    except OSError:
        pass  # an unwritable cache only costs time
