"""Vega-Lite specs built on the server from the training analytics; vega-embed draws them.

Each function takes plain rows and returns a complete spec (a dict), so that the page's
``.json`` variant carries exactly what is drawn and a test can count what the browser
should show. Marks are named (``pain``, ``load``, ``weekly``) so that the drawn SVG can
be found by its class.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = [
    "ACUTE_LABEL",
    "CHRONIC_LABEL",
    "LoadPoint",
    "PainPoint",
    "WeekBar",
    "acwr_chart",
    "pain_load_chart",
    "weekly_load_chart",
]

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
ACUTE_LABEL = "Acute load (last 7 days)"
CHRONIC_LABEL = "Chronic load (4-week average per week)"
PAIN_COLOUR = "#a4001d"
LOAD_COLOURS = ("#14283d", "#7a8ca3")

LoadPoint = dict[str, Any]
"""``{"date": "2026-11-24", "series": ACUTE_LABEL, "au": 1261.4}``."""
PainPoint = dict[str, Any]
"""``{"date": "2026-11-24", "nrs": 3}``."""
WeekBar = dict[str, Any]
"""``{"week_end": "2026-11-24", "load_au": 1261.4, "sessions": 4}``."""

_CONFIG = {
    "font": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
    "axis": {"labelColor": "#1a1a1a", "titleColor": "#1a1a1a", "labelFontSize": 12},
    "legend": {
        "labelColor": "#1a1a1a",
        "titleColor": "#1a1a1a",
        "orient": "bottom",
        "labelLimit": 0,
        "columns": 1,  # one entry a line: the labels fit a phone's width
    },
    "view": {"stroke": None},
}


def _base(description: str, height: int) -> dict[str, Any]:
    return {
        "$schema": SCHEMA,
        "description": description,
        "width": "container",
        "height": height,
        "autosize": {"type": "fit-x", "contains": "padding"},
        "config": _CONFIG,
    }


def pain_load_chart(loads: Sequence[LoadPoint], pains: Sequence[PainPoint]) -> dict[str, Any]:
    """Pain (NRS, right axis, one point per check-in) against the acute and chronic load lines."""
    spec = _base("Back pain (0–10) against training load over time", 280)
    spec["layer"] = [
        {
            "name": "load",
            "data": {"values": list(loads)},
            "mark": {"type": "line", "strokeWidth": 2, "interpolate": "monotone"},
            "encoding": {
                "x": {"field": "date", "type": "temporal", "title": None},
                "y": {
                    "field": "au",
                    "type": "quantitative",
                    "title": "Training load (AU)",
                    "axis": {"orient": "left"},
                },
                "color": {
                    "field": "series",
                    "type": "nominal",
                    "title": None,
                    "scale": {"domain": [ACUTE_LABEL, CHRONIC_LABEL], "range": list(LOAD_COLOURS)},
                },
                "strokeDash": {  # merged with the colour into one legend
                    "field": "series",
                    "type": "nominal",
                    "title": None,
                    "scale": {"domain": [ACUTE_LABEL, CHRONIC_LABEL], "range": [[1, 0], [6, 4]]},
                },
            },
        },
        {
            "name": "pain",
            "data": {"values": list(pains)},
            "mark": {
                "type": "point",
                "filled": True,
                "size": 55,
                "color": PAIN_COLOUR,
                "stroke": "#ffffff",
                "strokeWidth": 1,
            },
            "encoding": {
                "x": {"field": "date", "type": "temporal"},
                "y": {
                    "field": "nrs",
                    "type": "quantitative",
                    "title": "Pain (0–10)",
                    "scale": {"domain": [0, 10]},
                    "axis": {"orient": "right", "titleColor": PAIN_COLOUR},
                },
            },
        },
    ]
    spec["resolve"] = {"scale": {"y": "independent"}}
    return spec


def weekly_load_chart(weeks: Sequence[WeekBar]) -> dict[str, Any]:
    """One bar per 7-day week: its session-RPE load."""
    spec = _base("Training load each week", 200)
    spec.update(
        {
            "name": "weekly",
            "data": {"values": list(weeks)},
            "mark": {"type": "bar", "color": LOAD_COLOURS[0], "cornerRadiusEnd": 2},
            "encoding": {
                "x": {
                    "field": "week_end",
                    "type": "ordinal",
                    "title": "Week ending",
                    "timeUnit": "yearmonthdate",
                    "axis": {"format": "%d %b", "labelAngle": -45},
                },
                "y": {"field": "load_au", "type": "quantitative", "title": "Load (AU)"},
            },
        }
    )
    return spec


def acwr_chart(points: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The acute:chronic ratio over time, as a description of change (never a risk band)."""
    spec = _base("Acute to chronic load ratio over time", 200)
    spec.update(
        {
            "name": "acwr",
            "data": {"values": list(points)},
            "mark": {"type": "line", "color": LOAD_COLOURS[0], "strokeWidth": 2},
            "encoding": {
                "x": {"field": "date", "type": "temporal", "title": None},
                "y": {"field": "ratio", "type": "quantitative", "title": "Acute : chronic"},
            },
        }
    )
    return spec
