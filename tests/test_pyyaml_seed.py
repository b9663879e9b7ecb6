"""``ledger.store.pyyaml`` imports PyYAML with its reader's character class pre-compiled in a
cheaper spelling: the class must match exactly what PyYAML's own pattern matches, and the pattern
it stands in for must still be the one the installed PyYAML compiles."""

from __future__ import annotations

import re
import subprocess
import sys

from ledger.store.pyyaml import PYYAML_NON_PRINTABLE, SAME_CLASS


def test_the_cheaper_class_matches_exactly_the_same_characters() -> None:
    every = "".join(map(chr, range(0x110000)))  # every code point, lone surrogates included
    theirs = re.compile(PYYAML_NON_PRINTABLE).findall(every)
    ours = re.compile(SAME_CLASS).findall(every)
    assert ours == theirs
    assert len(theirs) == 0x800 + 2 + 29 + 32  # surrogates, U+FFFE/U+FFFF, C0 but tab/LF/CR, DEL…U+9F but U+85


def _pattern_after(code: str) -> str:
    show = "; import yaml.reader as r; print(ascii(r.Reader.NON_PRINTABLE.pattern))"
    done = subprocess.run([sys.executable, "-c", code + show], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_pyyaml_still_compiles_the_pattern_we_stand_in_for() -> None:
    assert _pattern_after("import yaml") == ascii(PYYAML_NON_PRINTABLE)  # a new PyYAML: update the seed


def test_importing_through_the_seed_gives_pyyaml_the_cheaper_class() -> None:
    assert _pattern_after("from ledger.store.pyyaml import yaml") == ascii(SAME_CLASS)
