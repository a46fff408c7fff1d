"""Every module of the web package declares its public names, and they exist."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import lumbar.web

SUBMODULES = pkgutil.walk_packages(lumbar.web.__path__, prefix="lumbar.web.")
MODULES = [*sorted(name for _, name, _ in SUBMODULES), "lumbar.web", "lumbar.web_cli"]


@pytest.mark.parametrize("name", MODULES)
def test_the_module_declares_all_and_each_name_exists(name) -> None:
    module = importlib.import_module(name)
    declared = getattr(module, "__all__", None)
    assert declared is not None, f"{name} has no __all__"
    assert [n for n in declared if not hasattr(module, n)] == []
