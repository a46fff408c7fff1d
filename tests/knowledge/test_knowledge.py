"""The knowledge files: valid, cross-referenced, and complete for the engine."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest
import yaml

from lumbar.engine import triage
from lumbar.knowledge.base import KnowledgeError, _check, knowledge
from lumbar.vocab import CAUSE_IDS, SYMPTOMS

KNOWLEDGE_DIR = Path(__file__).resolve().parents[2] / "src" / "lumbar" / "knowledge"


def test_every_source_id_used_anywhere_resolves_in_the_bibliography() -> None:
    k = knowledge()
    cited = {s for ids in k.cited_ids().values() for s in ids}
    assert cited <= set(k.sources)
    # Also in the raw YAML, so that a citation outside the schema's fields is caught too.
    for path in KNOWLEDGE_DIR.glob("*.yaml"):
        for match in re.finditer(r"sources: \[([^\]]*)\]", path.read_text()):
            for source_id in (s.strip() for s in match.group(1).split(",")):
                assert source_id in k.sources, f"{path.name}: {source_id}"


def test_every_advice_item_has_at_least_one_source() -> None:
    for item_id, item in knowledge().advice.items():
        assert item.sources, item_id


def test_the_bibliography_holds_the_sources_the_issue_names() -> None:
    required = {
        "folland2017",
        "cedars_ddd",
        "nkf_kidney_stones",
        "ucla_ergonomics",
        "nice_ng59",
        "nice_ng65",
        "ifompt2020",
        "nhs_back_pain",
        "downie2013",
        "cheung2003",
        "dahm2010",
        "french2006",
        "foster2001",
        "gabbett2016",
        "williams2017",
        "impellizzeri2020",
        "nielsen2014",
        "buist2008",
    }
    assert required <= set(knowledge().sources)


def test_every_source_is_cited_somewhere_or_is_one_the_guide_cites() -> None:
    k = knowledge()
    cited = {s for ids in k.cited_ids().values() for s in ids}
    unused = {s for s, src in k.sources.items() if s not in cited and src.kind != "guide"}
    # Training-load sources are for the insights that arrive with the journal history.
    assert unused <= {"gabbett2016", "williams2017", "lolli2019", "impellizzeri2020"}, unused


def test_every_triage_rule_in_code_has_words_and_sources() -> None:
    rules = knowledge().triage.rules
    for rule in triage.RULES:
        assert rule.__name__ in rules, rule.__name__
    assert set(rules) == {rule.__name__ for rule in triage.RULES}


def test_every_symptom_of_the_contract_has_a_question_and_every_cause_its_words() -> None:
    k = knowledge()
    assert set(k.triage.symptoms) == set(SYMPTOMS)
    assert set(k.causes) == set(CAUSE_IDS)


def test_emergency_questions_come_first_in_the_asking_order() -> None:
    tiers = [t.tier for t in knowledge().triage.symptoms.values()]
    first_other = next(i for i, tier in enumerate(tiers) if tier != "emergency")
    assert "emergency" not in tiers[first_other:]


def test_a_citation_of_an_unknown_source_stops_loading() -> None:
    k = knowledge()
    broken = k.model_copy(
        update={
            "advice": {
                **k.advice,
                "x": k.advice["heat"].model_copy(update={"sources": ("no_such_source",)}),
            }
        }
    )
    with pytest.raises(KnowledgeError, match=r"advice\.yaml:x: unknown source"):
        _check(broken)


def test_an_advice_placeholder_without_its_declaration_stops_loading() -> None:
    k = knowledge()
    item = k.advice["shoes"].model_copy(update={"text": "no placeholder here"})
    with pytest.raises(KnowledgeError, match="needs 'shoe_km'"):
        _check(k.model_copy(update={"advice": {**k.advice, "shoes": item}}))


def test_the_yaml_files_parse_with_a_plain_safe_loader() -> None:
    for path in KNOWLEDGE_DIR.glob("*.yaml"):
        assert yaml.safe_load(path.read_text()) is not None, path.name


def test_the_knowledge_cache_serves_the_same_knowledge_and_follows_file_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lumbar.knowledge import cache
    from lumbar.knowledge.base import KNOWLEDGE_FILES, Knowledge, load_knowledge

    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path))
    calls: list[int] = []

    def counted() -> Knowledge:
        calls.append(1)
        return load_knowledge()

    first = cache.cached(KNOWLEDGE_FILES, counted, Knowledge)
    second = cache.cached(KNOWLEDGE_FILES, counted, Knowledge)
    assert first == second == load_knowledge()
    assert len(calls) == 1, "the second load came from the cache"
    entry = next(tmp_path.glob("knowledge-*.pickle"))
    entry.write_bytes(b"not a pickle")  # a damaged entry is read again from the YAML
    assert cache.cached(KNOWLEDGE_FILES, counted, Knowledge) == first
    assert len(calls) == 2
    # Another set of files has another key.
    assert cache.cache_key(KNOWLEDGE_FILES) != cache.cache_key(KNOWLEDGE_FILES[:2])


def test_an_edited_knowledge_file_is_read_again_not_served_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lumbar.knowledge import cache

    folder = tmp_path / "knowledge"
    folder.mkdir()
    (folder / "a.yaml").write_text("first: 1\n")
    monkeypatch.setattr(cache, "_FOLDER", folder)
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    reads: list[str] = []

    def load() -> str:
        reads.append(text := (folder / "a.yaml").read_text())
        return text

    assert cache.cached(("a.yaml",), load, str) == "first: 1\n"
    assert cache.cached(("a.yaml",), load, str) == "first: 1\n"
    assert len(reads) == 1
    (folder / "a.yaml").write_text("second: 22\n")  # another size, another time
    assert cache.cached(("a.yaml",), load, str) == "second: 22\n"
    assert len(reads) == 2


def test_a_cache_entry_stored_under_another_key_is_not_served(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lumbar.knowledge import cache
    from lumbar.knowledge.base import KNOWLEDGE_FILES, Knowledge, load_knowledge

    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path))
    cache.cached(KNOWLEDGE_FILES, load_knowledge, Knowledge)
    entry = next(tmp_path.glob("knowledge-*.pickle"))
    # The same file name holding another key's knowledge, as a hash collision would.
    entry.write_bytes(pickle.dumps(("another key", "other knowledge")))
    assert cache.cached(KNOWLEDGE_FILES, load_knowledge, Knowledge) == load_knowledge()


def test_an_unwritable_cache_only_costs_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lumbar.knowledge import cache
    from lumbar.knowledge.base import KNOWLEDGE_FILES, Knowledge, load_knowledge

    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would go")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "sub"))
    assert cache.cached(KNOWLEDGE_FILES, load_knowledge, Knowledge) == load_knowledge()
