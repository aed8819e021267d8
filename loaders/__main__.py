"""`python -m loaders VERB ...`: every verb is listed here, one module each (as ocdskit lists its commands)."""

from __future__ import annotations

import sys

from loaders.cli import run_verbs

COMMAND_MODULES = (
    "loaders.commands.load",
    "loaders.commands.bundle",
    "loaders.commands.pncp",
    "loaders.commands.export_ocds",
)


def main(argv: list[str] | None = None) -> int:
    return run_verbs("python -m loaders", "Load OCDS and PNCP data into DuckDB.", COMMAND_MODULES, argv)


class WithoutPandas:
    """An import hook under which `import pandas` fails. pyarrow and its C++ layer import pandas on their first
    conversion of a Python value (0.28 s, a tenth of a 1% refresh) only to check whether they were given a pandas
    object, and take it as absent when the import fails. A load never gives them one, and nothing in loaders/ uses
    pandas, so `python -m loaders` runs under this hook; a process that uses pandas itself (the dashboard, the
    tests) must not install it."""

    def find_spec(self, name, path=None, target=None):
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError("python -m loaders does not use pandas")


if __name__ == "__main__":
    if "pandas" not in sys.modules:
        sys.meta_path.insert(0, WithoutPandas())
    sys.exit(main())
