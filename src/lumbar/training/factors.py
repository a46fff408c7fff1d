"""The training factors that :func:`lumbar.training.links.find_links` sets against pain.

Each factor splits sessions into exposed (True), unexposed (False) and not known
(None, left out of the comparison): a session whose warm-up was not logged is neither
a skipped nor a done warm-up.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from lumbar.training.daily import DailyLoads, daily_loads_from_columns
from lumbar.training.load import acwr_rolling_series
from lumbar.training.quantities import SessionColumns
from lumbar.training.records import TrainingSession
from lumbar.training.shoes import shoe_km_before
from lumbar.vocab import HARD_SURFACES

if TYPE_CHECKING:
    from lumbar.training.links import LinkOptions

__all__ = ["FACTORS", "HARD_SURFACES", "Factor", "session_exposures"]


@dataclass(frozen=True, slots=True)
class Factor:
    """One factor: its id, how the words name both groups, and its sources.

    Attributes:
        id: the factor id used in :class:`~lumbar.training.links.Link`.
        with_words, without_words: the exposed and the unexposed sessions in words;
            ``{km}`` and ``{rise}`` are filled from the options.
        sources: bibliography ids behind the factor.
    """

    id: str
    with_words: str
    without_words: str
    sources: tuple[str, ...]

    def phrase(self, options: LinkOptions) -> tuple[str, str]:
        """The two group descriptions with the options' figures filled in."""
        values = {"km": f"{options.worn_shoe_km:g}", "rise": f"{options.rise_pct:g}"}
        return self.with_words.format(**values), self.without_words.format(**values)


FACTORS: Final[tuple[Factor, ...]] = (
    Factor(
        "warm_up_skipped",
        "sessions without a warm-up",
        "sessions with one",
        ("lumbar_guide",),
    ),
    Factor(
        "cool_down_skipped",
        "sessions without a cool-down",
        "sessions with one",
        ("lumbar_guide",),
    ),
    Factor(
        "high_impact",
        "high-impact sessions (running, jumping, court and field sports)",
        "other sessions",
        ("lumbar_guide",),
    ),
    Factor(
        "hard_surface",
        "high-impact sessions on asphalt or concrete",
        "high-impact sessions on other surfaces",
        ("lumbar_guide",),
    ),
    Factor(
        "worn_shoes",
        "sessions in shoes past {km} km",
        "sessions in shoes with fewer kilometres",
        ("acsm_shoes",),
    ),
    Factor(
        "load_rise",
        "sessions in weeks when your load was {rise} % or more above your 4-week average",
        "sessions in other weeks",
        ("foster2001", "gabbett2016", "impellizzeri2020", "nielsen2014"),
    ),
)


def session_exposures(
    ordered: Sequence[TrainingSession],
    columns: SessionColumns,
    options: LinkOptions,
    km_before: Mapping[str, float] | None = None,
    days: DailyLoads | None = None,
) -> dict[str, list[bool | None]]:
    """For each factor id, one True / False / None per session of ``ordered``.

    ``ordered`` must be in the order the sessions happened (for the shoe kilometres);
    ``columns`` is :func:`~lumbar.training.quantities.measure_sessions` of ``ordered``.
    ``load_rise`` reads the rolling 7-day load against the 28-day weekly average on the
    session's day, and is None in the journal's first 27 days or after 4 weeks without load;
    ``days``, when given, is the daily series of these sessions; sessions outside it
    have no ``load_rise`` value.
    """
    rise_ratio = 1 + options.rise_pct / 100
    load_rise: list[bool | None] = [None] * len(ordered)
    if ordered:
        if days is None:
            days = daily_loads_from_columns(columns, ordered[0].day, ordered[-1].day)
        series = acwr_rolling_series(days)
        origin, n = days.start.toordinal(), len(series)
        load_rise = [
            # a day outside the series has no ratio
            None
            if not 0 <= (i := day - origin) < n or (ratio := series[i]) is None
            else ratio >= rise_ratio
            for day in columns.days
        ]
    shoe_km = shoe_km_before(ordered, km_before)
    return {
        "warm_up_skipped": [None if s.warm_up is None else not s.warm_up for s in ordered],
        "cool_down_skipped": [None if s.cool_down is None else not s.cool_down for s in ordered],
        "high_impact": list[bool | None](columns.high_impact),
        "hard_surface": [
            None if not high or s.surface is None else s.surface in HARD_SURFACES
            for s, high in zip(ordered, columns.high_impact, strict=True)
        ],
        "worn_shoes": [None if km is None else km > options.worn_shoe_km for km in shoe_km],
        "load_rise": load_rise,
    }
