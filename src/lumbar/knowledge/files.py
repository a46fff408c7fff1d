"""Reading the knowledge data files shipped inside the package."""

from __future__ import annotations

from importlib.resources import files
from typing import Any

import yaml

try:  # libyaml's C loader is several times faster; fall back where it is missing.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


def read_yaml(name: str) -> Any:
    """Parse ``lumbar/knowledge/<name>`` (a YAML file shipped with the package)."""
    text = files("lumbar.knowledge").joinpath(name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=_Loader)
