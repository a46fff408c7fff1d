"""``lumbar insights`` as a document (JSON) and as a terminal report (Rich).

One view-model, :func:`insights_document`, feeds both: the weekly load and pain, the
load ratio described against the person's own usual (never as a risk band:
Impellizzeri 2020), the exercises and habits linked to pain with their numbers,
warm-up and cool-down adherence, shoes due, recurring pain, and what to do next.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from lumbar.knowledge.base import knowledge
from lumbar.training import PainEntry, TrainingInsights

__all__ = ["insights_document", "print_insights", "sparkline"]

PAIN_THRESHOLD = 4  # the links' default: pain of 4/10 or more (lumbar's default, not clinical)
_BARS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[float | None]) -> str:
    """One block character per value, scaled to the largest; a gap for a missing value."""
    known = [v for v in values if v is not None]
    top = max(known, default=0.0)
    if top <= 0:
        return "".join(" " if v is None else _BARS[0] for v in values)
    return "".join(
        " " if v is None else _BARS[min(len(_BARS) - 1, int(v / top * (len(_BARS) - 1)))]
        for v in values
    )


def _week_pain(ends: list[dt.date], pains: Iterable[PainEntry]) -> list[int | None]:
    """The worst pain of each 7-day week ending on ``ends`` (consecutive weeks)."""
    worst: list[int | None] = [None] * len(ends)
    if not ends:
        return worst
    last = ends[-1]
    for pain in pains:
        back = (last - pain.day).days // 7  # weeks before the last one
        index = len(ends) - 1 - back
        if 0 <= index < len(ends) and pain.day <= last:
            current = worst[index]
            worst[index] = pain.nrs if current is None else max(current, pain.nrs)
    return worst


def _next_steps(ins: TrainingInsights) -> list[str]:
    steps: list[str] = []
    exercises = [link for link in ins.links if link.kind == "exercise" and link.strength != "none"]
    if exercises:
        steps.append(
            f"Swap {exercises[0].label} for a variation that loads the back less for a few "
            "weeks, then bring it back light (lumbar check gives the full plan)."
        )
    if ins.change is not None and ins.change.change_pct > 10:
        usual = ins.change.usual_load_au
        steps.append(
            f"Keep next week near your usual {usual:,.0f} AU of session load, and climb "
            "again in small steps."
        )
    for shoe in ins.shoes:
        if shoe.due:
            steps.append(f"Consider replacing {shoe.shoe} ({shoe.km:,.0f} km; rule of thumb).")
    if ins.warm_up.skipped > ins.warm_up.done:
        steps.append("Warm up before more of your sessions: 10-15 minutes, then ramp-up sets.")
    if ins.summary.estimated_days:
        steps.append(
            "Log session RPE and minutes: part of your load is lumbar's estimate "
            f"({ins.summary.estimated_days} of the last 28 days)."
        )
    return steps or ["Keep logging sessions and pain: the links grow clearer with more weeks."]


def insights_document(
    ins: TrainingInsights, pains: Sequence[PainEntry], person: str | None = None
) -> dict[str, Any]:
    """The insights as plain data (for ``--format json`` and the text report)."""
    ends = [week.end for week in ins.weeks]
    worst = _week_pain(ends, pains)
    weeks = [
        {**week._asdict(), "end": week.end.isoformat(), "max_pain": pain}
        for week, pain in zip(ins.weeks, worst, strict=True)
    ]
    painful = sum(1 for pain in worst if pain is not None and pain >= PAIN_THRESHOLD)
    summary = {name: getattr(ins.summary, name) for name in type(ins.summary).__dataclass_fields__}
    summary["on"] = ins.summary.on.isoformat()
    return {
        "person": person,
        "on": ins.on.isoformat(),
        "sessions": ins.sessions,
        "pain_entries": ins.pain_entries,
        "summary": summary,
        "change": None
        if ins.change is None
        else {
            "change_pct": ins.change.change_pct,
            "text": ins.change.text,
            "sources": list(ins.change.sources),
        },
        "weeks": weeks,
        "recurring": (
            f"Pain of {PAIN_THRESHOLD}/10 or more in {painful} of the last {len(weeks)} weeks."
        ),
        "links": [
            {
                "kind": link.kind,
                "key": link.key,
                "label": link.label,
                "strength": link.strength,
                "with_pain": link.stats.with_pain,
                "with_total": link.stats.with_total,
                "without_pain": link.stats.without_pain,
                "without_total": link.stats.without_total,
                "p_value": link.stats.p_value,
                "q_value": link.q_value,
                "explained_by": link.explained_by,
                "text": link.text,
                "sources": list(link.sources),
            }
            for link in ins.links
        ],
        "adherence": {"warm_up": ins.warm_up._asdict(), "cool_down": ins.cool_down._asdict()},
        "shoes": [
            {
                "shoe": s.shoe,
                "km": s.km,
                "sessions": s.sessions,
                "due": s.due,
                "last_day": s.last_day.isoformat() if s.last_day else None,
            }
            for s in ins.shoes
        ],
        "next_steps": _next_steps(ins),
        "note": "Load ratios describe your training against your own usual; they are not a "
        "measure of injury risk (Impellizzeri 2020).",
        "disclaimer": knowledge().triage.disclaimer,
    }


def _ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def render_insights(doc: dict[str, Any]) -> list[RenderableType]:
    """The report as Rich renderables, in reading order."""
    weeks = doc["weeks"]
    table = Table(title="Load and pain by week", expand=True)
    for column in (
        "Week ending",
        "Load (AU)",
        "Lifting (kg)",
        "Running (km)",
        "High impact (min)",
        "Sessions",
        "Worst pain",
        "Ratio",
    ):
        table.add_column(column, justify="right" if column != "Week ending" else "left")
    for week in weeks:
        table.add_row(
            week["end"],
            f"{week['load_au']:,.0f}",
            f"{week['volume_kg']:,.0f}",
            f"{week['running_km']:,.1f}",
            f"{week['high_impact_min']:,.0f}",
            str(week["sessions"]),
            "—" if week["max_pain"] is None else f"{week['max_pain']}/10",
            _ratio(week["acwr_rolling"]),
        )
    load_line = sparkline([w["load_au"] for w in weeks])
    pain_line = sparkline([w["max_pain"] for w in weeks])
    trend = Text()
    trend.append(f"load {load_line}\npain {pain_line}\n", style="bold")
    s = doc["summary"]
    trend.append(
        f"Acute:chronic ratio — rolling {_ratio(s['acwr_rolling'])}, uncoupled "
        f"{_ratio(s['acwr_uncoupled'])}, EWMA {_ratio(s['acwr_ewma'])}; monotony "
        f"{_ratio(s['monotony'])}; days since a rest day: {s['days_since_rest'] or 0}.\n"
    )
    if doc["change"]:
        trend.append(doc["change"]["text"] + "\n")
    trend.append(doc["recurring"] + "\n")
    trend.append(doc["note"], style="dim")

    links = Table(title="What goes with your pain", expand=True, show_lines=True)
    links.add_column("Link")
    links.add_column("Strength")
    links.add_column("Your numbers")
    for link in doc["links"]:
        if link["strength"] != "none":
            links.add_row(link["label"], link["strength"], link["text"])
    if not links.row_count:
        links.add_row(
            "—", "none", "Nothing in your journal goes with your pain clearly enough yet."
        )

    habits = Text()
    for name, words in (("warm_up", "Warm-up"), ("cool_down", "Cool-down")):
        a = doc["adherence"][name]
        habits.append(
            f"{words}: done {a['done']}, skipped {a['skipped']}, not logged {a['unknown']}\n"
        )
    for shoe in doc["shoes"]:
        flag = " — due (480-800 km rule of thumb)" if shoe["due"] else ""
        habits.append(f"{shoe['shoe']}: {shoe['km']:,.0f} km{flag}\n")

    steps = Text()
    for number, step in enumerate(doc["next_steps"], start=1):
        steps.append(f"{number}. {step}\n")
    return [
        Text(
            f"Training insights for {doc['person'] or 'you'} on {doc['on']} "
            f"({doc['sessions']} sessions, {doc['pain_entries']} pain check-ins)",
            style="bold",
        ),
        table,
        Panel(trend, title="Trend", title_align="left"),
        links,
        Panel(habits, title="Habits and shoes", title_align="left"),
        Panel(steps, title="What to do next", title_align="left"),
        Text(doc["disclaimer"], style="bold"),
    ]


def print_insights(doc: dict[str, Any], console: Console | None = None) -> None:
    """Print the insights report."""
    (console or Console()).print(Group(*render_insights(doc)))
