"""PyYAML, imported without the 10 ms its pure-Python reader spends on one regular expression.

``import yaml`` compiles ``yaml.reader.Reader.NON_PRINTABLE``, a class of every character YAML does
not allow, spelled as a negated set reaching to U+10FFFF; Python's ``re`` compiles that set in about
10 ms (57 M instructions), a tenth of a one-item write. The pattern is used only by PyYAML's
pure-Python reader; the ledger reads with the C parser (``CSafeLoader``), which checks the
characters itself. Before the first import, ``re``'s cache is given the same class spelled as the
small ranges it excludes (compiled in 0.6 ms, the same match for every code point:
``tests/test_yamlio.py``), under the key PyYAML's pattern is looked up by. Where ``re`` keeps no
such cache (another Python), nothing is seeded and PyYAML compiles its own, as before.

    from ledger.store.pyyaml import yaml
"""

from __future__ import annotations

import re
import sys

PYYAML_NON_PRINTABLE = "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
"""``yaml.reader.Reader.NON_PRINTABLE``'s pattern, as PyYAML 6 writes it."""

SAME_CLASS = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"
"""The characters ``PYYAML_NON_PRINTABLE`` matches, listed instead of negated."""


def _seed() -> None:
    if "yaml" in sys.modules:
        return
    cache = getattr(re, "_cache", None)
    key = (str, PYYAML_NON_PRINTABLE, 0)
    if isinstance(cache, dict) and key not in cache:
        cache[key] = re.compile(SAME_CLASS)


_seed()

import yaml  # noqa: E402 - after the seed

__all__ = ["yaml"]
