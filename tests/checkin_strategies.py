"""Hypothesis strategies: random valid check-ins, as the JSON dicts a client would send."""

from __future__ import annotations

from typing import Any, get_args

from hypothesis import strategies as st

from lumbar import vocab


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


def _subset(values: tuple[str, ...]) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(values), unique=True, max_size=4)


def _literal(kind: Any) -> st.SearchStrategy[str]:
    return st.sampled_from(get_args(kind))


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}


pains = st.builds(
    lambda **kw: _drop_none(kw),
    nrs=st.integers(0, 10),
    days_since_onset=_maybe(st.integers(0, 200)),
    onset=_maybe(_literal(vocab.Onset)),
    quality=_maybe(_subset(vocab.QUALITIES)),
    side=_maybe(_literal(vocab.Side)),
    spread=_maybe(_literal(vocab.Spread)),
    radiates_to=_maybe(_literal(vocab.Radiation)),
    trend=_maybe(_literal(vocab.Trend)),
    worse_at_night=_maybe(st.booleans()),
    episodes_last_3_months=_maybe(st.integers(0, 10)),
)

profiles = st.builds(
    lambda **kw: _drop_none(kw),
    age=_maybe(st.integers(12, 110)),
    sex=_maybe(_literal(vocab.Sex)),
    conditions=_maybe(_subset(vocab.CONDITIONS)),
    desk_hours_per_day=_maybe(st.integers(0, 16)),
    core_sessions_per_week=_maybe(st.integers(0, 7)),
)

EXERCISES = [
    "Deadlift (Barbell)",
    "RDL",
    "Back Squat",
    "Kettlebell Swing",
    "Box Jump",
    "Overhead Press",
    "Bent Over Row",
    "Plank",
    "Bench Press (Dumbbell, Incline)",
    "Running",
    "Made-up Move",
]

workouts = st.builds(
    lambda **kw: _drop_none(kw),
    type=_maybe(_literal(vocab.WorkoutType)),
    exercises=_maybe(st.lists(st.sampled_from(EXERCISES), max_size=3)),
    warm_up=_maybe(st.booleans()),
    cool_down=_maybe(st.booleans()),
    rpe=_maybe(st.integers(1, 10)),
    duration_min=_maybe(st.integers(0, 240)),
    load_change_pct=_maybe(st.integers(-100, 200)),
    form_breakdown=_maybe(st.booleans()),
    new_exercise=_maybe(st.booleans()),
    surface=_maybe(_literal(vocab.Surface)),
    shoe_km=_maybe(st.integers(0, 1500)),
    belt=_maybe(st.booleans()),
)

checkins = st.builds(
    lambda **kw: _drop_none(kw),
    pain=pains,
    profile=_maybe(profiles),
    symptoms=_maybe(_subset(vocab.SYMPTOMS)),
    workout=_maybe(workouts),
)
