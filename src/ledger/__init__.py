"""ledger: a rectification close-out ledger (整改销号台账) over YAML files in git."""

__version__ = "0.1.0"
