"""ledger: a rectification close-out ledger (整改销号台账) over YAML files in git.

The package's layers, each importing only the ones below it (pyproject.toml's import-linter
contract keeps it so): ``cli`` → ``git``, ``sheet``, ``reports``, ``render`` → ``store`` →
``core`` → ``errors``, ``i18n``, ``environment``.
"""

__version__ = "0.1.0"
