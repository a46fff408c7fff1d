"""Build lumbar, with its assessment engine and training analytics compiled by mypyc
where that is possible.

Everything about the package is in pyproject.toml; this file adds one thing it cannot
say. The engine's modules (``src/lumbar/engine``) and the training analytics
(``src/lumbar/training``, records included) are typed Python that mypyc turns into C
extensions: the same answers, byte for byte, in about half the instructions per
check-in and 40 % of them per training report (``tests/engine/test_compiled_engine.py``
and ``tests/training/test_compiled_training.py`` build a wheel and compare; README,
Speed). The Python sources stay the single truth, and the compiled modules are an
accelerator only:

* only a build of the package compiles (a wheel, ``pip install .``): an editable
  install (``pip install -e .``, what ``make setup`` does) never does, so that an edit
  to a compiled module takes effect at once, and reading metadata does not either;
* without mypyc or a C compiler, or with ``LUMBAR_PURE_PYTHON=1``, the package is built
  without them and runs the same Python code.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from setuptools import setup

# The package's own modules are left out (their __init__ only re-exports), and so is the
# seeded journal maker, which tests and benchmarks use and users never run.
NOT_COMPILED = {"__init__.py", "synthetic.py"}
COMPILED = sorted(
    str(path.as_posix())
    for folder in ("src/lumbar/engine", "src/lumbar/training")
    for path in Path(folder).glob("*.py")
    if path.name not in NOT_COMPILED
)

# The setuptools commands that build the package's files (PEP 517's build_wheel runs
# bdist_wheel; editable_wheel, dist_info and sdist are not among them).
BUILDS = {"bdist_wheel", "build", "build_ext", "install"}


def compiled_modules() -> list:
    """The compiled modules as optional C extensions, or none when they cannot be built."""
    if os.environ.get("LUMBAR_PURE_PYTHON") or not BUILDS.intersection(sys.argv):
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        return []
    try:
        extensions = mypycify(COMPILED, opt_level="3")
    except Exception as exc:  # a type error mypyc refuses: build the pure package instead
        print(f"lumbar: nothing is compiled ({exc})", file=sys.stderr)
        return []
    for extension in extensions:
        extension.optional = True  # no C compiler: the pure-Python modules, same answers
    return extensions


setup(ext_modules=compiled_modules())
