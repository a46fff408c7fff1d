"""Benchmark: training insights (load metrics, weekly table, shoes, links) against pandas.

Two workloads, both from ``lumbar.training.synthetic`` (seeded):

* one person, 10 years of daily sessions (lifting with sets, runs, rides ...);
* a coach: 1,000 people x 2 years at 3-5 sessions a week.

lumbar: ``training_insights(sessions, pains, on)`` per person, from the records.
pandas: a straightforward pandas implementation of the same metrics, per person, from
DataFrames built before the clock starts (the conversion from records is timed and
reported apart, so pandas is not charged for it). It computes the same load metrics and
the same exercise / pattern / factor counts, Fisher p-values (lumbar's function, as
scipy is not a dependency) and Benjamini-Hochberg q, but not lumbar's overlap
explanations nor any words, so it does a little less work. The two are checked to agree.

Times are CPU seconds of the process (``time.process_time``), best of ``--runs``; the
garbage collector's view of the inputs is frozen (``gc.freeze``) for both.

Usage: python benchmarks/bench_insights.py [--years 10] [--people 1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import math
import sys
import time
from collections.abc import Callable
from typing import Any

from lumbar.training import LinkOptions, find_links, training_insights
from lumbar.training.factors import HARD_SURFACES
from lumbar.training.quantities import HIGH_IMPACT_TYPES, TYPE_DEFAULTS
from lumbar.training.stats import benjamini_hochberg, compare
from lumbar.training.synthetic import SyntheticJournal, synthetic_journal

try:
    import pandas as pd
except ImportError:  # the bench runs without pandas, and says so
    pd = None

WEEKS_SHOWN = 12


def reference_loop() -> float:
    """CPU seconds of an empty 10-million-step Python loop: a yardstick of this machine's
    speed (and of its load) printed beside the figures, so that runs can be compared."""
    start = time.process_time()
    for _ in range(10_000_000):
        pass
    return time.process_time() - start


def best_cpu(fn: Callable[[], Any], runs: int) -> tuple[float, Any]:
    best, result = math.inf, None
    for _ in range(runs):
        start = time.process_time()
        result = fn()
        best = min(best, time.process_time() - start)
    return best, result


def best_in_turns(fns: list[Callable[[], Any]], runs: int) -> list[float]:
    """The best CPU seconds of each function, run in turns (first, second, ..., first,
    ...), so that a slow spell of the machine falls on all of them alike."""
    best = [math.inf] * len(fns)
    for _ in range(runs):
        for i, fn in enumerate(fns):
            start = time.process_time()
            fn()
            best[i] = min(best[i], time.process_time() - start)
    return best


# ------------------------------------------------------------------ pandas side


def to_frames(j: SyntheticJournal) -> tuple[Any, Any, Any]:
    """The journal as three DataFrames: sessions, sets, pains."""
    sessions = pd.DataFrame(
        [
            (i, s.day, s.start, s.type, s.duration_min, s.rpe, s.distance_km, s.warm_up,
             s.cool_down, s.surface, s.shoe)
            for i, s in enumerate(j.sessions)
        ],
        columns="idx day start type duration_min rpe distance_km warm_up cool_down surface"
        " shoe".split(),
    )  # fmt: skip
    sessions["day"] = pd.to_datetime(sessions["day"])
    sets = pd.DataFrame(
        [
            (i, t.exercise, t.exercise_id, t.pattern, t.impact, t.set_type, t.reps,
             t.weight_kg, t.distance_km, t.duration_s)
            for i, s in enumerate(j.sessions)
            for t in s.sets
        ],
        columns="idx exercise exercise_id pattern impact set_type reps weight_kg distance_km"
        " duration_s".split(),
    )  # fmt: skip
    pains = pd.DataFrame([(p.day, p.at, p.nrs) for p in j.pains], columns=["day", "at", "nrs"])
    return sessions, sets, pains


def pandas_insights(frames: tuple[Any, Any, Any], on: dt.date, opts: LinkOptions) -> dict:
    """The same metrics with pandas: daily series, ratios, EWMA, monotony, weeks, links."""
    s, sets, pains = frames
    s = s[s["day"] <= pd.Timestamp(on)].sort_values("start").reset_index(drop=True)
    rpe_default = s["type"].map({k: v.rpe for k, v in TYPE_DEFAULTS.items()})
    pace = s["type"].map({k: v.min_per_km for k, v in TYPE_DEFAULTS.items()})
    length = s["type"].map({k: v.duration_min for k, v in TYPE_DEFAULTS.items()})
    minutes = s["duration_min"].fillna(s["distance_km"] * pace).fillna(length)
    s["load"] = s["rpe"].fillna(rpe_default) * minutes
    s["estimated"] = s["rpe"].isna() | s["duration_min"].isna()
    sets = sets[sets["idx"].isin(s["idx"])]
    work = sets[sets["set_type"] != "warmup"]
    by_idx = s.set_index("idx")
    s["volume"] = (work["reps"] * work["weight_kg"]).groupby(work["idx"]).sum().reindex(
        s["idx"], fill_value=0.0).to_numpy()  # fmt: skip
    run_sets = sets[sets["pattern"] == "run"].groupby("idx")["distance_km"].sum()
    is_run = (s["type"] == "running") & s["distance_km"].notna()
    s["running"] = s["distance_km"].where(is_run, run_sets.reindex(s["idx"]).fillna(0).to_numpy())
    high = sets[sets["impact"] == "high"]
    share = (minutes.set_axis(s["idx"]) / sets.groupby("idx").size()).reindex(high["idx"])
    set_min = (high["duration_s"] / 60).fillna(pd.Series(share.to_numpy(), index=high.index))
    set_min = set_min.groupby(high["idx"]).sum().reindex(s["idx"], fill_value=0.0).to_numpy()
    high_type = s["type"].isin(HIGH_IMPACT_TYPES)
    s["impact"] = minutes.where(high_type, pd.Series(set_min).clip(upper=minutes))
    s["high_impact"] = high_type | s["idx"].isin(high["idx"])
    s["n"] = 1
    cols = ["load", "estimated", "volume", "running", "impact", "n"]
    span = pd.date_range(s["day"].min(), pd.Timestamp(on))
    daily = s.groupby("day")[cols].sum().reindex(span, fill_value=0)
    load = daily["load"]
    acute, chronic = load.rolling(7).sum(), load.rolling(28).sum() / 4
    ratio = (acute / chronic).where(chronic > 0)
    uncoupled = load.rolling(7).mean() / load.shift(7).rolling(21).mean()
    init = load.iloc[:28].mean()
    seeded = pd.concat([pd.Series([init]), load.reset_index(drop=True)])
    ewma_a = seeded.ewm(alpha=0.25, adjust=False).mean().iloc[-1]
    ewma_c = seeded.ewm(alpha=2 / 29, adjust=False).mean().iloc[-1]
    sd = load.rolling(7).std()
    monotony = (load.rolling(7).mean() / sd).where(sd > 0)
    rest_days = daily["n"] == 0
    last_rest = pd.Series(span.where(rest_days), index=span).ffill()
    weekly = daily.assign(rest=rest_days).rolling(7).sum().iloc[::-7].iloc[:WEEKS_SHOWN][::-1]
    summary = {
        "acute": acute.iloc[-1], "chronic": chronic.iloc[-1], "acwr": ratio.iloc[-1],
        "uncoupled": uncoupled.iloc[-1], "ewma": (ewma_a, ewma_c),
        "week_change": (acute.iloc[-1] / acute.iloc[-8] - 1) * 100,
        "monotony": monotony.iloc[-1], "strain": acute.iloc[-1] * monotony.iloc[-1],
        "days_since_rest": (span[-1] - last_rest.iloc[-1]).days,
        "weekly_load": weekly["load"].tolist(),
    }  # fmt: skip
    shoes = s.groupby("shoe")["distance_km"].sum()
    s["shoe_km"] = s.groupby("shoe")["distance_km"].transform(
        lambda d: d.fillna(0).cumsum().shift(fill_value=0))  # fmt: skip
    # links: a pain entry (NRS >= min) after the start, within the window
    hits = pains[pains["nrs"] >= opts.pain.min_nrs].dropna(subset=["at"]).sort_values("at")
    matched = pd.merge_asof(
        s[["idx", "start"]], hits[["at"]], left_on="start", right_on="at",
        direction="forward", allow_exact_matches=False,
        tolerance=pd.Timedelta(hours=opts.pain.window_h),
    )  # fmt: skip
    s["followed"] = matched["at"].notna().to_numpy()
    followed = s.set_index("idx")["followed"]
    total, total_pain, least = len(s), int(s["followed"].sum()), opts.min_exposures
    rows = []
    keyed = sets.assign(key=sets["exercise_id"].fillna(sets["exercise"].str.strip()))
    for kind, column in (("exercise", "key"), ("pattern", "pattern")):
        pairs = keyed[["idx", column]].dropna().drop_duplicates()
        pairs = pairs.assign(followed=followed.reindex(pairs["idx"]).to_numpy())
        counts = pairs.groupby(column)["followed"].agg(["size", "sum"])
        for key, (n, pain) in counts.iterrows():
            if least <= n <= total - least:
                rows.append((kind, key, compare(int(pain), n, total_pain - int(pain), total - n)))
    ratio_on_day = ratio.reindex(s["day"]).to_numpy()
    factors = {
        "warm_up_skipped": s["warm_up"].map({False: True, True: False}),
        "cool_down_skipped": s["cool_down"].map({False: True, True: False}),
        "high_impact": s["high_impact"],
        "hard_surface": s["surface"]
        .isin(HARD_SURFACES)
        .where(s["high_impact"] & s["surface"].notna()),
        "worn_shoes": (s["shoe_km"] > opts.worn_shoe_km).where(s["shoe"].notna()),
        "load_rise": pd.Series(ratio_on_day >= 1 + opts.rise_pct / 100).where(
            pd.Series(ratio_on_day).notna()
        ),
    }
    for name, flag in factors.items():
        table = s["followed"].groupby(flag.to_numpy()).agg(["size", "sum"])
        if True in table.index and False in table.index:
            (n1, p1), (n0, p0) = table.loc[True], table.loc[False]
            if n1 >= least and n0 >= least:
                rows.append(("factor", name, compare(int(p1), int(n1), int(p0), int(n0))))
    q = benjamini_hochberg([c.p_value for _, _, c in rows])
    links = {(k, key): (c, qv) for (k, key, c), qv in zip(rows, q, strict=True)}
    return {"summary": summary, "shoes": shoes, "links": links, "by_idx": by_idx}


# ------------------------------------------------------------------ checks and runs


def check_agreement(j: SyntheticJournal, frames: tuple, on: dt.date) -> None:
    """Stop the bench if lumbar and pandas disagree on the figures they both compute."""
    ours = training_insights(j.sessions, j.pains, on, weeks=WEEKS_SHOWN)
    theirs = pandas_insights(frames, on, LinkOptions())["summary"]
    s = ours.summary
    pairs = {
        "acute": (s.acute_load_au, theirs["acute"]),
        "chronic": (s.chronic_load_au, theirs["chronic"]),
        "acwr": (s.acwr_rolling, theirs["acwr"]),
        "uncoupled": (s.acwr_uncoupled, theirs["uncoupled"]),
        "ewma acute": (s.ewma_acute_au, theirs["ewma"][0]),
        "ewma chronic": (s.ewma_chronic_au, theirs["ewma"][1]),
        "week change": (s.week_change_pct, theirs["week_change"]),
        "monotony": (s.monotony, theirs["monotony"]),
        "strain": (s.strain_au, theirs["strain"]),
    }
    for name, (a, b) in pairs.items():
        if not math.isclose(a, b, rel_tol=1e-9):
            sys.exit(f"lumbar and pandas disagree on {name}: {a} vs {b}")
    if s.days_since_rest is not None and s.days_since_rest != theirs["days_since_rest"]:
        sys.exit("lumbar and pandas disagree on days since rest")
    weekly = [w.load_au for w in ours.weeks]
    if len(weekly) != len(theirs["weekly_load"]) or any(
        not math.isclose(a, b, rel_tol=1e-9)
        for a, b in zip(weekly, theirs["weekly_load"], strict=True)
    ):
        sys.exit("lumbar and pandas disagree on the weekly table")
    counted = pandas_insights(frames, on, LinkOptions())["links"]
    for link in find_links(j.sessions, j.pains):
        if not link.together and (link.kind, link.key) in counted:
            c = counted[(link.kind, link.key)][0]
            if (c.with_pain, c.with_total, c.without_pain) != (
                link.stats.with_pain, link.stats.with_total, link.stats.without_pain):  # fmt: skip
                sys.exit(f"lumbar and pandas disagree on the counts of {link.key}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--years", type=int, default=10, help="one person's journal")
    parser.add_argument("--people", type=int, default=1000, help="the coach's people")
    parser.add_argument("--coach-years", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    one = synthetic_journal(52 * args.years, 1, signal="deadlift", sessions_per_week=(7, 7))
    coach = [
        synthetic_journal(52 * args.coach_years, seed, signal="deadlift" if seed % 3 else None)
        for seed in range(args.people)
    ]
    on_one = one.sessions[-1].day
    gc.freeze()  # the inputs are long-lived: keep the collector from rescanning them

    print(
        f"$ python benchmarks/bench_insights.py --years {args.years} --people {args.people}"
        f" --coach-years {args.coach_years} --runs {args.runs}"
    )
    print(f"yardstick: an empty 10-million-step Python loop takes {reference_loop():.2f} s CPU")
    sets = sum(len(s.sets) for s in one.sessions)
    print(f"one person: {len(one.sessions):,} sessions, {sets:,} sets, {len(one.pains):,} pains")
    lumbar_one, _ = best_cpu(lambda: training_insights(one.sessions, one.pains, on_one), args.runs)
    print(f"  lumbar training_insights: {lumbar_one * 1000:.1f} ms CPU (goal < 200 ms)")

    n_sessions = sum(len(j.sessions) for j in coach)
    n_sets = sum(len(s.sets) for j in coach for s in j.sessions)
    print(f"coach: {args.people:,} people, {n_sessions:,} sessions, {n_sets:,} sets")

    def lumbar_coach() -> None:
        for j in coach:
            training_insights(j.sessions, j.pains, j.sessions[-1].day)

    lumbar_all, _ = best_cpu(lumbar_coach, max(1, args.runs - 1))
    print(f"  lumbar training_insights per person: {lumbar_all:.2f} s CPU (goal < 5 s)")

    if pd is None:
        print("pandas is not installed: the side-by-side comparison is skipped")
        return
    start = time.process_time()
    one_frames = to_frames(one)
    convert_one = time.process_time() - start
    check_agreement(one, one_frames, on_one)
    turns = max(5, args.runs)
    lumbar_paired, pandas_one, pandas_records = best_in_turns(
        [
            lambda: training_insights(one.sessions, one.pains, on_one),
            lambda: pandas_insights(one_frames, on_one, LinkOptions()),
            lambda: pandas_insights(to_frames(one), on_one, LinkOptions()),
        ],
        turns,
    )
    print(
        f"  one person, pandas {pd.__version__} handed ready-made frames: {pandas_one * 1000:.1f}"
        f" ms CPU (+ {convert_one * 1000:.0f} ms to build them, not counted), lumbar"
        f" {lumbar_paired * 1000:.1f} ms, best of {turns} taken in turns;"
        f" pandas / lumbar = {pandas_one / lumbar_paired:.1f}x (goal >= 5x); results agree"
    )
    print(
        f"  one person, pandas from the same records as lumbar (its frames built inside the"
        f" clock): {pandas_records * 1000:.1f} ms CPU; pandas / lumbar ="
        f" {pandas_records / lumbar_paired:.1f}x"
    )
    start = time.process_time()
    coach_frames = [(to_frames(j), j.sessions[-1].day) for j in coach]
    convert_all = time.process_time() - start
    gc.freeze()

    def pandas_coach() -> None:
        for frames, on in coach_frames:
            pandas_insights(frames, on, LinkOptions())

    pandas_all, _ = best_cpu(pandas_coach, 1)
    print(
        f"  coach, pandas per person: {pandas_all:.2f} s CPU (+ {convert_all:.1f} s to build"
        f" the frames, not counted); pandas / lumbar = {pandas_all / lumbar_all:.1f}x"
    )
    print(f"yardstick at the end: {reference_loop():.2f} s CPU")


if __name__ == "__main__":
    main()
