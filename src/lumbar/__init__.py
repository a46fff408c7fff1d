"""lumbar: lower back pain after training — triage, pattern, causes and a sourced plan.

lumbar is not a diagnosis. Public API::

    import lumbar
    result = lumbar.assess({"pain": {"nrs": 3}})
    result.triage.level   # "self_care"

The names below are imported on first use, so that ``import lumbar.ingest...`` or the
CLI's start-up does not pay for the engine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["Assessment", "CheckIn", "InputError", "__version__", "assess", "assess_json"]

_LAZY = {
    "assess": "lumbar.api",
    "assess_json": "lumbar.api",
    "InputError": "lumbar.errors",
    "Assessment": "lumbar.model",
    "CheckIn": "lumbar.model",
}

if TYPE_CHECKING:
    from lumbar.api import assess, assess_json
    from lumbar.errors import InputError
    from lumbar.model import Assessment, CheckIn


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'lumbar' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(module), name)
