"""lumbar: lower back pain after training — triage, pattern, causes and a sourced plan.

lumbar is not a diagnosis. Public API::

    import lumbar
    result = lumbar.assess({"pain": {"nrs": 3}})
    result.triage.level   # "self_care"
"""

from __future__ import annotations

from lumbar.api import assess, assess_json
from lumbar.errors import InputError
from lumbar.model import Assessment, CheckIn

__version__ = "0.1.0"

__all__ = ["Assessment", "CheckIn", "InputError", "__version__", "assess", "assess_json"]
