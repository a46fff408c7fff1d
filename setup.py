"""Build lumbar, with its assessment engine compiled by mypyc where that is possible.

Everything about the package is in pyproject.toml; this file adds one thing it cannot
say. The engine's modules (``src/lumbar/engine``) are typed Python that mypyc turns
into C extensions: the same answers, byte for byte, in about half the instructions per
check-in (``tests/engine/test_compiled_engine.py`` builds a wheel and compares; README,
Speed). The Python sources stay the engine's single truth, and the compiled modules are
an accelerator only:

* only a build of the package compiles (a wheel, ``pip install .``): an editable
  install (``pip install -e .``, what ``make setup`` does) never does, so that an edit
  to an engine module takes effect at once, and reading metadata does not either;
* without mypyc or a C compiler, or with ``LUMBAR_PURE_PYTHON=1``, the package is built
  without them and runs the same Python code.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from setuptools import setup

ENGINE = sorted(
    str(path.as_posix())
    for path in Path("src/lumbar/engine").glob("*.py")
    if path.name != "__init__.py"
)

# The setuptools commands that build the package's files (PEP 517's build_wheel runs
# bdist_wheel; editable_wheel, dist_info and sdist are not among them).
BUILDS = {"bdist_wheel", "build", "build_ext", "install"}


def compiled_engine() -> list:
    """The engine's modules as optional C extensions, or none when they cannot be built."""
    if os.environ.get("LUMBAR_PURE_PYTHON") or not BUILDS.intersection(sys.argv):
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        return []
    try:
        extensions = mypycify(ENGINE, opt_level="3")
    except Exception as exc:  # a type error mypyc refuses: build the pure package instead
        print(f"lumbar: the engine is not compiled ({exc})", file=sys.stderr)
        return []
    for extension in extensions:
        extension.optional = True  # no C compiler: the pure-Python engine, same answers
    return extensions


setup(ext_modules=compiled_engine())
