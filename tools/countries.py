"""Regenerate `knowledge/vocabulary/countries.txt`: the English names of the world's countries.

"What country is Pampa Norte in?" is answered by a sentence naming a country ("the Pampa Norte
mine in Chile"), and `kb add` lists the countries an article names. The names are CLDR's
English territory names as the `babel` package ships them (ISO 3166 two-letter codes only: no
continents, no "European Union"), with the short names news uses ("US", "UK", "Britain").
The two Koreas are left out: no file under `knowledge/` may name them (`test_independence`).

    .venv/bin/pip install babel && .venv/bin/python -m tools.countries
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final

from babel import Locale

OUTPUT: Final = Path(__file__).resolve().parents[1] / "knowledge" / "vocabulary" / "countries.txt"
# Codes CLDR uses for what is no country, and the two left out (see above).
_NOT_COUNTRIES: Final = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "XK", "ZZ", "KP", "KR"})
_SHORT_NAMES: Final = (
    "us", "u.s.", "usa", "america", "the united states", "uk", "britain", "great britain",
    "england", "scotland", "wales", "northern ireland", "holland", "czechia", "burma",
    "ivory coast", "east timor", "vatican",
)  # fmt: skip


def country_names() -> list[str]:
    """Every country's English name, lower case, sorted."""
    territories = Locale("en").territories
    names = {
        name.lower()
        for code, name in territories.items()
        if re.fullmatch(r"[A-Z]{2}", code) and code not in _NOT_COUNTRIES
    }
    return sorted(names | set(_SHORT_NAMES))


def main() -> None:
    """Write the list, one name per line, under a header saying where it comes from."""
    header = (
        "# Countries by their English names (CLDR via babel) and the short names news uses;\n"
        "# regenerate with `python -m tools.countries`. Lower case, one per line.\n"
    )
    OUTPUT.write_text(header + "\n".join(country_names()) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
