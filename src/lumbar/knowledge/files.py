"""Reading the knowledge data files shipped inside the package."""

from __future__ import annotations

from importlib.resources import files
from typing import Any


def read_yaml(name: str) -> Any:
    """Parse ``lumbar/knowledge/<name>`` (a YAML file shipped with the package)."""
    import yaml  # imported here: a start-up served from the knowledge cache never needs it

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's C loader when built
    text = files("lumbar.knowledge").joinpath(name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=loader)
