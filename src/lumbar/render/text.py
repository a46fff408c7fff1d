"""The assessment as a terminal report (Rich): banner, reasons, pattern, causes, plan, safety net.

Every report ends with the disclaimer and the sources it cited, so that a person
can read it on its own and a clinician can check where each statement comes from.
"""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from lumbar.knowledge.base import knowledge
from lumbar.model import Assessment, PlanItem

LEVEL_STYLE = {
    "emergency": ("EMERGENCY", "bold white on red"),
    "urgent": ("URGENT — SEE A DOCTOR TODAY", "bold black on dark_orange"),
    "see_clinician": ("SEE A CLINICIAN IN THE COMING DAYS", "bold black on yellow"),
    "self_care": ("SELF-CARE", "bold white on green4"),
}
PATTERN_WORDS = {
    "soreness": "delayed-onset muscle soreness",
    "strain": "acute muscle strain",
    "radicular": "nerve-root (radicular) pain",
    "non_mechanical": "not a mechanical back problem (kidney, infection, inflammatory or visceral)",
    "unclear": "unclear from what was given",
}
SECTION_TITLES = (
    ("now", "What to do now"),
    ("prevent", "Prevent it coming back"),
    ("support", "Supportive measures"),
    ("lifestyle", "Lifestyle"),
)


def _cite(ids: list[str], numbers: dict[str, int]) -> str:
    for source_id in ids:
        numbers.setdefault(source_id, len(numbers) + 1)
    return "[" + ",".join(str(numbers[s]) for s in ids) + "]"


def _items(items: list[PlanItem], numbers: dict[str, int]) -> Text:
    out = Text()
    for item in items:
        out.append("• ", style="bold")
        out.append(item.text)
        out.append(f" {_cite(item.sources, numbers)}\n", style="dim")
    return out


def render(assessment: Assessment) -> list[RenderableType]:
    """The report as Rich renderables, in reading order."""
    numbers: dict[str, int] = {}
    label, style = LEVEL_STYLE[assessment.triage.level]
    parts: list[RenderableType] = [
        Panel(Text(assessment.triage.headline, style="bold"), title=label, style=style),
    ]
    if assessment.triage.reasons:
        why = Text()
        for reason in assessment.triage.reasons:
            why.append(
                f"• {reason.text}", style="bold" if reason is assessment.triage.reasons[0] else ""
            )
            why.append(f" {_cite(reason.sources, numbers)}\n", style="dim")
            why.append(f"  from what you said: {'; '.join(reason.evidence)}\n", style="italic")
        parts.append(Panel(why, title="Why", title_align="left"))

    pattern = Text(PATTERN_WORDS[assessment.pattern], style="bold")
    for line in assessment.pattern_reasons:
        pattern.append(f"\n  – {line}")
    parts.append(Panel(pattern, title="What kind of pain it looks like", title_align="left"))

    if assessment.causes:
        table = Table(show_header=True, header_style="bold", expand=True)
        table.add_column("Likely cause")
        table.add_column("Support")
        table.add_column("From your data")
        for cause in assessment.causes:
            table.add_row(
                f"{cause.title or cause.id} {_cite(cause.sources, numbers)}",
                cause.support,
                "; ".join(cause.evidence),
            )
        parts.append(Panel(table, title="Why it may have happened", title_align="left"))

    for key, title in SECTION_TITLES:
        items = getattr(assessment.plan, key)
        if items:
            parts.append(Panel(_items(items, numbers), title=title, title_align="left"))
    if assessment.triage.level in ("emergency", "urgent"):
        parts.append(
            Text("The rest of the plan waits until a doctor has seen you.", style="italic")
        )

    net = Text()
    for line in assessment.safety_net:
        net.append(f"• {line}\n")
    parts.append(Panel(net, title="Watch for", title_align="left", border_style="red"))
    parts.append(Text(assessment.disclaimer, style="bold"))
    parts.append(_bibliography(numbers))
    return parts


def _bibliography(numbers: dict[str, int]) -> Text:
    sources = knowledge().sources
    text = Text("Sources\n", style="bold")
    for source_id, number in numbers.items():
        text.append(f"[{number}] {sources[source_id].citation}\n", style="dim")
    return text


def print_report(assessment: Assessment, console: Console | None = None) -> None:
    """Print the report of ``assessment`` to ``console`` (standard output by default)."""
    console = console or Console()
    console.print(Group(*render(assessment)))
