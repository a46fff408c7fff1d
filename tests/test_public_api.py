"""The public API is what __all__ says, and lumbar.assess takes a dict, a model or JSON."""

from __future__ import annotations

import datetime as dt

import pytest

import lumbar
from lumbar.model import CheckIn


def test_all_names_are_importable() -> None:
    for name in lumbar.__all__:
        assert getattr(lumbar, name) is not None


def test_assess_accepts_a_dict_a_model_and_json_text_and_agrees() -> None:
    doc = {"pain": {"nrs": 4, "onset": "next_day", "days_since_onset": 2}, "date": "2026-11-24"}
    from_dict = lumbar.assess(doc)
    from_model = lumbar.assess(CheckIn.model_validate(doc))
    from_json = lumbar.assess(
        '{"pain": {"nrs": 4, "onset": "next_day", "days_since_onset": 2}, "date": "2026-11-24"}'
    )
    assert from_dict == from_model == from_json
    assert isinstance(from_dict, lumbar.Assessment)


def test_assess_json_returns_the_contract_document_as_text() -> None:
    text = lumbar.assess_json('{"pain": {"nrs": 1}}', today=dt.date(2026, 1, 1))
    assert text.startswith('{"contract":"lumbar.assessment/1"')


def test_an_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        lumbar.no_such_thing  # noqa: B018


def test_a_list_is_refused_as_a_check_in() -> None:
    with pytest.raises(lumbar.InputError, match="must be"):
        lumbar.assess([1, 2])  # type: ignore[arg-type]
