"""The command line, run as a real process: assess, batch, sources, explain, check."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cli_process import TERMINAL, run_lumbar

ENV = TERMINAL


def lumbar(
    *args: str, stdin: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return run_lumbar(*args, stdin=stdin, cwd=cwd)


def test_assess_text_report_shows_banner_plan_safety_net_disclaimer_and_sources(
    tmp_path: Path,
) -> None:
    path = tmp_path / "c.json"
    path.write_text(
        json.dumps(
            {
                "pain": {
                    "nrs": 3,
                    "onset": "next_day",
                    "days_since_onset": 1,
                    "side": "both",
                    "spread": "diffuse",
                    "quality": ["aching"],
                },
                "workout": {"cool_down": False},
            }
        )
    )
    done = lumbar("assess", str(path), "--format", "text")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "SELF-CARE" in out
    assert "delayed-onset muscle soreness" in out
    assert "Skipped warm-up or cool-down" in out
    assert "What to do now" in out and "Watch for" in out
    assert "lumbar is not a diagnosis" in out
    assert "Dahm KT" in out  # the bibliography of what it cited


def test_assess_text_for_an_emergency_leads_with_the_emergency_banner() -> None:
    done = lumbar(
        "assess", "-", "--format", "text", stdin='{"pain":{"nrs":6},"symptoms":["saddle_numbness"]}'
    )
    assert done.returncode == 0
    first = done.stdout.index("EMERGENCY")
    assert first < done.stdout.index("Why") < done.stdout.index("What to do now")


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ('{"pain":{"nrs":12}}', "pain.nrs: must be 0–10, got 12"),
        ('{"pain":{}}', "pain.nrs: is required"),
        ('{"pain":{"nrs":3},"symptoms":["fevr"]}', "symptoms[0]: must be one of"),
        ('{"pain":{"nrs":3},"extra":true}', "extra: is not a field of the contract"),
        ('{"pain":{"nrs":3},"workout":{"rpe":11}}', "workout.rpe: must be 1–10, got 11"),
        ('{"pain":{"nrs":3}', "malformed JSON"),
        ("[]", "check-in: must be an object"),
    ],
)
def test_bad_input_is_refused_with_exit_two_and_one_line_naming_the_field(
    document: str, message: str
) -> None:
    done = lumbar("assess", "-", stdin=document)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]
    assert "Traceback" not in done.stderr


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    done = lumbar("assess", str(tmp_path / "nope.json"))
    assert done.returncode == 2 and "cannot read" in done.stderr


def test_batch_answers_every_line_in_order_and_exits_two_when_a_line_is_refused(
    tmp_path: Path,
) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(
        '{"pain":{"nrs":2}}\n{"pain":{"nrs":99}}\n{"pain":{"nrs":3},"symptoms":["chest_pain"]}\n'
    )
    done = lumbar("assess", "--batch", str(path), "--format", "json")
    assert done.returncode == 2
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(lines) == 3
    assert lines[0]["triage"]["level"] == "self_care"
    assert lines[1] == {"error": "line 2: pain.nrs: must be 0–10, got 99"}
    assert lines[2]["triage"]["level"] == "emergency"


def test_batch_with_every_line_good_exits_zero(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text('{"pain":{"nrs":2}}\n' * 5)
    done = lumbar("assess", "--batch", str(path))
    assert done.returncode == 0 and len(done.stdout.splitlines()) == 5


def test_check_in_date_comes_from_today_option_when_the_check_in_has_none() -> None:
    doc = '{"pain":{"nrs":2},"history":{"sessions":[{"date":"2026-03-01"}],"checkins":[]}}'
    before = json.loads(lumbar("assess", "-", "--today", "2026-02-01", stdin=doc).stdout)
    after = json.loads(lumbar("assess", "-", "--today", "2026-04-01", stdin=doc).stdout)
    support = lambda a: [i["id"] for i in a["plan"]["support"]]  # noqa: E731
    assert "wearable" in support(before) and "wearable" not in support(after)


def test_sources_lists_the_bibliography_as_json_and_text() -> None:
    data = json.loads(lumbar("sources", "--format", "json").stdout)
    ids = {s["id"] for s in data}
    assert {"nice_ng59", "cheung2003", "ifompt2020"} <= ids  # the full list: test_knowledge
    assert len(ids) == len(data)
    text = lumbar("sources").stdout
    assert "NG59" in text


def test_explain_prints_the_guide_and_the_sources_for_a_cause() -> None:
    done = lumbar("explain", "weak_core")
    assert done.returncode == 0
    assert "Weak core muscles" in done.stdout and "What the guide says" in done.stdout
    assert "McGill" in done.stdout


def test_explain_refuses_an_unknown_cause_and_lists_the_known_ones() -> None:
    done = lumbar("explain", "gravity")
    assert done.returncode == 2 and "weak_core" in done.stderr


NO_FLAGS = "n\n" * 10


def test_check_stops_at_the_first_emergency_sign_with_the_advice(tmp_path: Path) -> None:
    answers = "n\ny\n"  # saddle numbness: no; bladder: yes
    done = lumbar(
        "check",
        "--profile-file",
        str(tmp_path / "p.json"),
        "--save",
        str(tmp_path / "c.json"),
        stdin=answers,
    )
    assert done.returncode == 0
    assert "EMERGENCY" in done.stdout and "Call emergency services now" in done.stdout
    assert "How bad is the pain" not in done.stdout  # nothing else was asked
    assert not (tmp_path / "c.json").exists()


def test_check_with_piped_answers_prints_the_report_saves_and_remembers_the_profile(
    tmp_path: Path,
) -> None:
    answers = (
        NO_FLAGS
        + "0\n"  # no other signs
        + "3\n1\n3\n1,2\n1\n1\n1\n2\nn\n0\n"  # pain: 3/10, day 1, next day, aching+stiff, ...
        + "1\nSquat (Barbell)\ny\nn\n8\n60\n40\nn\nn\nn\n"  # workout: strength ... belt no
        + "34\n1\n0\n8\n0\n\n\n"  # profile
    )
    saved, profile = tmp_path / "c.json", tmp_path / "p.json"
    done = lumbar("check", "--profile-file", str(profile), "--save", str(saved), stdin=answers)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "SELF-CARE" in done.stdout and "soreness" in done.stdout
    checkin = json.loads(saved.read_text())
    assert checkin["pain"]["nrs"] == 3 and checkin["pain"]["onset"] == "next_day"
    assert checkin["symptoms"] == [] and checkin["workout"]["cool_down"] is False
    assert json.loads(profile.read_text())["age"] == 34
    # Next time the saved profile is offered and reused with one answer.
    again = lumbar(
        "check",
        "--profile-file",
        str(profile),
        stdin=NO_FLAGS + "0\n" + "2\n" + "\n" * 9 + "\n" * 12 + "y\n",
    )
    assert again.returncode == 0 and "Use your saved profile (age 34" in again.stdout


def test_check_that_ends_before_the_pain_score_assesses_nothing(tmp_path: Path) -> None:
    done = lumbar("check", "--profile-file", str(tmp_path / "p.json"), stdin=NO_FLAGS)
    assert done.returncode == 2 and "nothing was assessed" in done.stdout


def test_check_asks_again_after_an_out_of_range_pain_score(tmp_path: Path) -> None:
    answers = NO_FLAGS + "0\n" + "11\n2\n" + "\n" * 9 + "\n" * 12 + "\n" * 7
    done = lumbar("check", "--profile-file", str(tmp_path / "p.json"), stdin=answers)
    assert done.returncode == 0, done.stdout
    assert "Please type a number from 0-10" in done.stdout


def test_check_saved_to_the_journal_is_assessed_and_listed_in_history(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    assert lumbar("person", "add", "Ana", "--db", str(db)).returncode == 0
    answers = NO_FLAGS + "0\n" + "4\n2\n3\n1\n1\n1\n1\n2\nn\n0\n" + "\n" * 10 + "\n" * 7
    done = lumbar(
        "check",
        "--save-to-journal",
        "--db",
        str(db),
        "--profile-file",
        str(tmp_path / "p.json"),
        stdin=answers,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Saved to your journal as check-in" in done.stdout
    exported = json.loads(lumbar("export", "--format", "json", "--db", str(db)).stdout)
    assert len(exported["checkins"]) == 1
    stored = exported["checkins"][0]
    assert stored["checkin"]["pain"]["nrs"] == 4
    assert stored["assessment"]["contract"] == "lumbar.assessment/1"


def test_help_lists_the_journal_and_web_commands_too() -> None:
    done = lumbar("--help")
    assert done.returncode == 0
    for command in ("assess", "check", "import", "history", "insights", "serve"):
        assert command in done.stdout, command


def test_a_core_command_runs_without_building_the_journal_or_web_commands() -> None:
    code = """
from lumbar import cli
try:
    cli.main(["sources", "--format", "json"])
except SystemExit:
    pass
names = [c.name or c.callback.__name__ for c in cli.app.registered_commands]
print("NAMES", sorted(names), len(cli.app.registered_groups))
"""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, env=ENV
    )
    last = done.stdout.strip().splitlines()[-1]
    assert last == "NAMES ['assess', 'check', 'explain', 'sources'] 0", last
