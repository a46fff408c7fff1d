"""The ``lumbar`` console script (and ``python -m lumbar``): a quick start for one form.

Most starts of lumbar are one command, ``lumbar assess FILE``: other tools call it once
per check-in, and wait for it. Loading the command-line framework (typer and click)
was a seventh of that start (118 M of its 812 M instructions, counted with callgrind),
for a command line that needs no framework to read. So the launcher
recognises that plain form — one file, with ``--format`` and ``--today`` at most — and
runs it through :mod:`lumbar.assess_command`, the same code the typer command runs.
Every other command line, including any the launcher does not wholly understand (help,
``--batch``, a repeated or unknown option, ``--format=yaml`` ...), goes to the full
command line in :mod:`lumbar.cli`, which answers or refuses it as before.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import NamedTuple

from lumbar.assess_command import FORMATS, assess_document, parse_day, read_text

__all__ = ["PlainAssess", "main", "plain_assess", "spare_plugin_loader"]

# pydantic's plugin loader, and the value of PYDANTIC_DISABLE_PLUGINS that turns every
# plugin off (lumbar.assess_command sets it unless the user has set it otherwise).
_PLUGIN_LOADER = "pydantic.plugin._loader"
_NO_PLUGINS = "__all__"

# Spellings of the two options the quick start takes, as lumbar.cli declares them.
_OPTIONS = {"--format": "format", "-f": "format", "--today": "today"}


class PlainAssess(NamedTuple):
    """A ``lumbar assess FILE [--format F] [--today D]`` command line, read."""

    file: str
    format: str = FORMATS[0]
    today: str | None = None


def plain_assess(args: Sequence[str]) -> PlainAssess | None:
    """Read ``args`` as a plain ``assess FILE`` command line, or ``None`` when it is not one.

    ``None`` is the safe answer: it sends the command line to the full CLI. It is given
    for anything but one file (``-`` for standard input) and each of ``--format`` (json
    or text) and ``--today`` at most once, written ``--option value`` or
    ``--option=value``; a value that starts with ``-`` is left to the full CLI to judge.
    """
    if not args or args[0] != "assess":
        return None
    file: str | None = None
    given: dict[str, str] = {}
    rest = iter(args[1:])
    for token in rest:
        name, equals, value = token.partition("=")
        if name in _OPTIONS and name.startswith("--") and equals:
            key = _OPTIONS[name]
        elif token in _OPTIONS:
            key, value = _OPTIONS[token], next(rest, "-")
        elif token == "-" or not token.startswith("-"):
            if file is not None:
                return None
            file = token
            continue
        else:
            return None
        if key in given or value.startswith("-"):
            return None
        given[key] = value
    if file is None or given.get("format", FORMATS[0]) not in FORMATS:
        return None
    return PlainAssess(file, given.get("format", FORMATS[0]), given.get("today"))


def _no_plugins(*_args: object, **_kwargs: object) -> tuple[()]:
    return ()


def spare_plugin_loader() -> bool:
    """In this process, answer pydantic's question for plugins without its loader.

    pydantic asks ``pydantic.plugin._loader.get_plugins()`` for plugins on each model it
    builds. With every plugin turned off the answer is none, but the loader's module
    imports ``importlib.metadata`` (and with it ``email``, ``zipfile``, ``socket`` ...)
    first: 54 M instructions, 8 % of the quick start, spent on a question already
    answered. So a stand-in that gives the same answer, no plugins, takes its place. It
    is used only by the one-shot quick start, and only while plugins are off and the
    real loader is not loaded yet; otherwise nothing changes.

    Returns:
        Whether the stand-in is in place.
    """
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") != _NO_PLUGINS:
        return False
    if _PLUGIN_LOADER in sys.modules:
        return isinstance(sys.modules[_PLUGIN_LOADER], _StandIn)
    sys.modules[_PLUGIN_LOADER] = _StandIn(_PLUGIN_LOADER)
    return True


class _StandIn(ModuleType):
    """pydantic's plugin loader when every plugin is off: there are none to load."""

    get_plugins = staticmethod(_no_plugins)


def main(argv: Sequence[str] | None = None) -> None:
    """Run lumbar's command line: the quick start when it applies, else the full CLI."""
    args = list(sys.argv[1:] if argv is None else argv)
    plain = plain_assess(args)
    if plain is None:
        from lumbar.cli import main as full_command_line

        full_command_line(args)
        return
    spare_plugin_loader()
    day = parse_day(plain.today)
    assess_document(read_text(plain.file), day, plain.format)


if __name__ == "__main__":  # pragma: no cover
    main()
