"""``lumbar check``: the interactive check-in in the terminal.

Order matters for safety: the emergency signs are asked first, one by one, and the
first "yes" stops the check-in at once with the emergency advice. Then come the other
warning signs, the pain, the last workout and the profile (remembered between
check-ins in the user's data folder). Every question but the pain score can be
skipped with Enter, which records "not known", never "no".

Answers are read line by line from standard input, so the check-in works with piped
answers as well as at a keyboard.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO, get_args

from rich.console import Console

from lumbar.knowledge.base import knowledge
from lumbar.vocab import (
    CONDITIONS,
    QUALITIES,
    SURFACES,
    WORKOUT_TYPES,
    Onset,
    Radiation,
    Side,
    Spread,
    Trend,
)

ONSET_WORDS = {
    "during_workout": "suddenly, during the workout",
    "hours_after": "a few hours after, the same day",
    "next_day": "the next day (12-48 hours after)",
    "gradual": "gradually, over days",
    "unrelated": "not after training",
}


class EndOfAnswersError(Exception):
    """Standard input ended before the check-in was complete."""


class Asker:
    """Asks one question at a time and parses the answer; Enter skips.

    Args:
        console: where questions and messages are printed.
        read_line: returns the next answer line, or None at end of input.
    """

    def __init__(self, console: Console, read_line: Callable[[], str | None]) -> None:
        self.console = console
        self._read_line = read_line

    def _ask(self, question: str, hint: str) -> str:
        self.console.print(f"[bold]{question}[/bold] [dim]{hint}[/dim]")
        line = self._read_line()
        if line is None:
            raise EndOfAnswersError
        return line.strip()

    def yes_no(self, question: str) -> bool | None:
        """True, False, or None when skipped."""
        while True:
            answer = self._ask(question, "(y/n, Enter to skip)").casefold()
            if answer == "":
                return None
            if answer in ("y", "yes"):
                return True
            if answer in ("n", "no"):
                return False
            self.console.print("[red]Please answer y or n (or press Enter to skip).[/red]")

    def number(
        self,
        question: str,
        low: float,
        high: float | None,
        whole: bool = False,
        required: bool = False,
    ) -> float | int | None:
        """A number within [low, high]; None when skipped (unless required)."""
        span = f"{low:g}-{high:g}" if high is not None else f"{low:g} or more"
        while True:
            answer = self._ask(question, f"({span}{'' if required else ', Enter to skip'})")
            if answer == "" and not required:
                return None
            try:
                value = int(answer) if whole else float(answer)
            except ValueError:
                self.console.print(
                    f"[red]Please type a {'whole ' if whole else ''}number ({span}).[/red]"
                )
                continue
            if value < low or (high is not None and value > high):
                self.console.print(f"[red]Please type a number from {span}.[/red]")
                continue
            return value

    def choice(
        self, question: str, options: Sequence[str], words: dict[str, str] | None = None
    ) -> str | None:
        """One option by its number or its name; None when skipped."""
        self._list(options, words)
        while True:
            answer = self._ask(question, "(number, Enter to skip)")
            if answer == "":
                return None
            picked = self._pick(answer, options)
            if picked is not None:
                return picked
            self.console.print(f"[red]Please type a number from 1 to {len(options)}.[/red]")

    def several(
        self, question: str, options: Sequence[str], words: dict[str, str] | None = None
    ) -> list[str] | None:
        """Any number of options, comma-separated; ``0`` or ``none`` for none; None when skipped."""
        self._list(options, words)
        while True:
            answer = self._ask(question, "(numbers separated by commas, 0 for none, Enter to skip)")
            if answer == "":
                return None
            if answer.casefold() in ("0", "none"):
                return []
            picked = [
                self._pick(part.strip(), options) for part in answer.split(",") if part.strip()
            ]
            if picked and all(p is not None for p in picked):
                return list(dict.fromkeys(p for p in picked if p is not None))
            self.console.print(f"[red]Please type numbers from 1 to {len(options)}, or 0.[/red]")

    def text_list(self, question: str) -> list[str] | None:
        """Free names separated by commas; None when skipped."""
        answer = self._ask(question, "(separated by commas, Enter to skip)")
        names = [part.strip() for part in answer.split(",") if part.strip()]
        return names or None

    def _list(self, options: Sequence[str], words: dict[str, str] | None) -> None:
        for number, option in enumerate(options, start=1):
            label = (words or {}).get(option, option.replace("_", " "))
            self.console.print(f"  {number:>2}. {label}")

    @staticmethod
    def _pick(answer: str, options: Sequence[str]) -> str | None:
        if answer.isdigit() and 1 <= int(answer) <= len(options):
            return options[int(answer) - 1]
        key = answer.casefold().replace(" ", "_")
        return key if key in options else None


def _drop_none(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


def ask_emergency_signs(ask: Asker) -> str | None:
    """Ask each emergency sign; the first one present is returned at once."""
    for symptom, text in knowledge().triage.symptoms.items():
        if text.tier == "emergency" and ask.yes_no(text.question):
            return symptom
    return None


def ask_other_signs(ask: Asker) -> list[str] | None:
    """The remaining warning signs as one list to pick from."""
    labels: dict[str, str] = {
        symptom: text.label
        for symptom, text in knowledge().triage.symptoms.items()
        if text.tier != "emergency"
    }
    return ask.several("Do any of these apply now?", list(labels), labels)


def ask_pain(ask: Asker) -> dict[str, Any]:
    """The pain: score first (required), then its description."""
    nrs = ask.number(
        "How bad is the pain at its worst in the last 24 hours (0 none, 10 worst)?",
        0,
        10,
        whole=True,
        required=True,
    )
    return _drop_none(
        {
            "nrs": nrs,
            "days_since_onset": ask.number("How many days ago did it start (0 = today)?", 0, None),
            "onset": ask.choice("When did it start?", get_args(Onset), ONSET_WORDS),
            "quality": ask.several("Which words describe it?", QUALITIES),
            "side": ask.choice("Where is it?", get_args(Side)),
            "spread": ask.choice("Is it spread out or in one spot?", get_args(Spread)),
            "radiates_to": ask.choice("Does it spread anywhere?", get_args(Radiation)),
            "trend": ask.choice("Since it started, is it…", get_args(Trend)),
            "worse_at_night": ask.yes_no(
                "Is it constant at night, and not eased by changing position?"
            ),
            "episodes_last_3_months": ask.number(
                "How many earlier episodes in the last 3 months?", 0, 1000, whole=True
            ),
        }
    )


def ask_workout(ask: Asker) -> dict[str, Any]:
    """The workout the pain followed."""
    kind = ask.choice("What was your last workout?", WORKOUT_TYPES)
    running = kind == "running"
    return _drop_none(
        {
            "type": kind,
            "exercises": ask.text_list("Which exercises did you do?"),
            "warm_up": ask.yes_no("Did you warm up?"),
            "cool_down": ask.yes_no("Did you cool down?"),
            "rpe": ask.number("How hard was the session (RPE: 1 very easy, 10 maximal)?", 1, 10),
            "duration_min": ask.number("How many minutes did it last?", 0, 1440),
            "load_change_pct": ask.number(
                "How much more (or less, negative) load than usual, in percent?", -100, 10000
            ),
            "form_breakdown": ask.yes_no(
                "Did your form break down (for example your back rounded)?"
            ),
            "new_exercise": ask.yes_no("Was any exercise new to you?"),
            "surface": ask.choice("On what surface?", SURFACES)
            if running or kind is None
            else None,
            "shoe_km": ask.number("How many km have your shoes done?", 0, 100000)
            if running
            else None,
            "belt": ask.yes_no("Did you wear a lifting belt?") if kind == "strength" else None,
        }
    )


def ask_profile(ask: Asker, saved: dict[str, Any]) -> dict[str, Any]:
    """The profile; a saved one can be reused with one answer."""
    if saved:
        summary = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in saved.items())
        if ask.yes_no(f"Use your saved profile ({summary})?") is not False:
            return saved
    return _drop_none(
        {
            "age": ask.number("Your age in years?", 12, 110, whole=True),
            "sex": ask.choice("Sex?", ("female", "male", "other")),
            "conditions": ask.several("Any of these conditions?", CONDITIONS),
            "desk_hours_per_day": ask.number("Hours a day at a desk?", 0, 24),
            "core_sessions_per_week": ask.number("Core-strength sessions a week?", 0, 50),
            "height_cm": ask.number("Height in cm?", 50, 300),
            "weight_kg": ask.number("Weight in kg?", 20, 500),
        }
    )


def default_profile_path() -> Path:
    """Where the profile is remembered: ``profile.json`` in the user's data folder."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("lumbar")) / "profile.json"


def _load_profile(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _stdin_reader(stream: TextIO) -> Callable[[], str | None]:
    def read() -> str | None:
        line = stream.readline()
        return line if line else None

    return read


def run_check(
    save: Path | None = None,
    profile_path: Path | None = None,
    stdin: TextIO | None = None,
    console: Console | None = None,
    store: Callable[[dict[str, Any]], tuple[int, dict[str, Any]]] | None = None,
) -> int:
    """Run the check-in; print the report; return the exit status.

    Args:
        save: also write the check-in JSON to this file.
        profile_path: where the profile is remembered.
        stdin, console: where answers come from and the report goes.
        store: when given, saves the check-in to the journal and returns its id and the
            assessment made against the journal's history (``--save-to-journal``).

    Returns 0 when a report was printed (whatever its level), 2 when the answers ended
    before the pain score.
    """
    from lumbar.api import assess
    from lumbar.render.text import print_report

    console = console or Console()
    ask = Asker(console, _stdin_reader(stdin or sys.stdin))
    k = knowledge()
    console.print(f"[bold]lumbar check-in[/bold]\n[dim]{k.triage.disclaimer}[/dim]\n")
    console.print("[bold]First, warning signs.[/bold] Answer y or n; each takes a second.")
    try:
        flag = ask_emergency_signs(ask)
        if flag is not None:
            # Stop at once: nothing else is asked before the emergency advice.
            console.print(
                "\n[bold white on red] EMERGENCY [/bold white on red] "
                + k.triage.headlines.emergency
            )
            console.print(k.advice["call_emergency"].text)
            console.print(f"You said: {k.triage.symptoms[flag].label}.")  # type: ignore[index]
            console.print(f"[dim]{k.triage.disclaimer}[/dim]")
            return 0
        symptoms = ask_other_signs(ask)
        console.print("\n[bold]Now the pain.[/bold]")
        pain = ask_pain(ask)
        console.print("\n[bold]The workout it followed.[/bold] Press Enter to skip any question.")
        workout = ask_workout(ask)
        console.print("\n[bold]About you.[/bold]")
        path = profile_path or default_profile_path()
        profile = ask_profile(ask, _load_profile(path))
    except EndOfAnswersError:
        console.print(
            "[red]The answers ended before the check-in was complete; nothing was assessed.[/red]"
        )
        return 2
    checkin: dict[str, Any] = {"pain": pain}
    if symptoms is not None:
        checkin["symptoms"] = symptoms
    if workout:
        checkin["workout"] = workout
    if profile:
        checkin["profile"] = profile
        _remember(path, profile, console)
    if save is not None:
        save.write_text(json.dumps(checkin, indent=2) + "\n", encoding="utf-8")
    if store is not None:
        from lumbar.model import Assessment

        checkin_id, stored = store(checkin)
        result = Assessment.model_validate(stored)
        console.print(f"\n[green]Saved to your journal as check-in {checkin_id}.[/green]")
    else:
        result = assess(checkin)
    console.print()
    print_report(result, console)
    return 0


def _remember(path: Path, profile: dict[str, Any], console: Console) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(profile, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        console.print(f"[yellow]Could not remember your profile in {path}: {exc}[/yellow]")
