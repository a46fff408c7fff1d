"""Training analytics: load, load ratios, shoes and exercise ↔ pain links. Pure functions.

Everything here takes immutable records (:mod:`lumbar.training.records`) and a day
``on`` and returns numbers, records and words; nothing reads a file, a database or the
clock. The store and the engine build the records at the edge::

    from lumbar.training import training_insights, daily_loads, acwr_uncoupled, ...

    report = training_insights(sessions, pains, on)   # everything, each session measured once
    report.summary.acwr_rolling, report.change.text, report.links[0].text

    days = daily_loads(sessions, end=on)      # or piece by piece
    acwr_uncoupled(days, on), monotony(days, on), find_links(sessions, pains)

Sources (ids in ``knowledge/sources.yaml``): session-RPE foster2001; monotony and
strain foster1998; acute:chronic ratio gabbett2016, uncoupled lolli2019, EWMA
williams2017, shown as a description only (impellizzeri2020); shoes acsm_shoes.
"""

from __future__ import annotations

from lumbar.training.adherence import Adherence, adherence
from lumbar.training.daily import DailyLoads, daily_loads
from lumbar.training.describe import LoadChange, describe_load_change
from lumbar.training.insights import TrainingInsights, training_insights
from lumbar.training.links import Link, LinkOptions, find_links
from lumbar.training.load import (
    acute_load,
    acwr_ewma,
    acwr_rolling,
    acwr_rolling_series,
    acwr_uncoupled,
    chronic_load,
    days_since_rest,
    ewma_loads,
    ewma_series,
    monotony,
    strain,
    week_change_pct,
)
from lumbar.training.pain_window import PainRule, followed_by_pain
from lumbar.training.quantities import TYPE_DEFAULTS, SessionQuantities, session_quantities
from lumbar.training.records import PainEntry, TrainingSession, TrainingSet, from_contract_history
from lumbar.training.shoes import SHOE_REPLACE_KM, ShoeUse, shoe_use
from lumbar.training.stats import Comparison, compare
from lumbar.training.summary import LoadSummary, WeekLoad, load_summary, weekly_loads

__all__ = [
    "SHOE_REPLACE_KM",
    "TYPE_DEFAULTS",
    "Adherence",
    "Comparison",
    "DailyLoads",
    "Link",
    "LinkOptions",
    "LoadChange",
    "LoadSummary",
    "PainEntry",
    "PainRule",
    "SessionQuantities",
    "ShoeUse",
    "TrainingInsights",
    "TrainingSession",
    "TrainingSet",
    "WeekLoad",
    "acute_load",
    "acwr_ewma",
    "acwr_rolling",
    "acwr_rolling_series",
    "acwr_uncoupled",
    "adherence",
    "chronic_load",
    "compare",
    "daily_loads",
    "days_since_rest",
    "describe_load_change",
    "ewma_loads",
    "ewma_series",
    "find_links",
    "followed_by_pain",
    "from_contract_history",
    "load_summary",
    "monotony",
    "session_quantities",
    "shoe_use",
    "strain",
    "training_insights",
    "week_change_pct",
    "weekly_loads",
]
