"""Every module of the store and the journal declares its public names, and they exist."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import lumbar.journal
import lumbar.store

MODULES = sorted(
    {"lumbar.journal_cli", "lumbar.store", "lumbar.journal"}
    | {f"lumbar.store.{m.name}" for m in pkgutil.iter_modules(lumbar.store.__path__)}
    | {f"lumbar.journal.{m.name}" for m in pkgutil.iter_modules(lumbar.journal.__path__)}
)


@pytest.mark.parametrize("name", MODULES)
def test_the_module_declares_its_public_names_and_they_exist(name: str) -> None:
    module = importlib.import_module(name)
    declared = module.__dict__.get("__all__")
    assert isinstance(declared, list), f"{name} has no __all__"
    missing = [item for item in declared if not hasattr(module, item)]
    assert missing == []
    assert len(set(declared)) == len(declared)
