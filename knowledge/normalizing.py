"""Text normalisation shared by the loader, the matcher and autocomplete.

`normalize` is the one function every comparison goes through (it is also the `processor`
handed to rapidfuzz), so a question and a fact phrasing that differ only in case, punctuation,
curly quotes, invisible characters or the way a number is written compare equal.
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache
from typing import Final

from knowledge.dating import MONTHS

_QUOTES: Final = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
    }
)

_UNITS: Final[dict[str, int]] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS: Final[dict[str, int]] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
NUMBER_WORDS: Final = frozenset({*_UNITS, *_TENS, "hundred", "thousand", "million", "billion"})
"""Words that are numbers ("twenty-five" is one all through)."""
# "thirty-first" is 31; a lone "first" stays a word ("who first said it?").
_ORDINAL_UNITS: Final[dict[str, int]] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
}
_SCALES: Final[dict[str, int]] = {
    "hundred": 100,
    "thousand": 1_000,
    "k": 1_000,
    "grand": 1_000,
    "million": 1_000_000,
    "mil": 1_000_000,
    "mn": 1_000_000,
    "m": 1_000_000,
    "billion": 1_000_000_000,
    "bilion": 1_000_000_000,
    "milion": 1_000_000,
    "thousnad": 1_000,
    "bil": 1_000_000_000,
    "bn": 1_000_000_000,
    "b": 1_000_000_000,
}
# Scale words that are also ordinary words or letters only count right after a number.
_WEAK_SCALES: Final = frozenset({"k", "m", "b", "mn", "bn", "bil", "mil", "grand"})
_ORDINALS: Final = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b")
_THOUSANDS_SEP: Final = re.compile(r"(?<=\d)[,\u00a0\u202f ](?=\d{3}\b)")
_DECIMAL: Final = re.compile(r"(\d+)\.(\d+)")
_NUMBER_GLUED_SCALE: Final = re.compile(r"\b(\d+(?:\.\d+)?)(k|m|bn|b|mn)\b")
# Only "'s": in "the troops' uniforms" the plural s stays, and "in the coming days'" may be
# a closing quote.
_APOSTROPHE_S: Final = re.compile(r"'s\b")
_NON_WORD: Final = re.compile(r"[^a-z0-9.]+")
# Letters that no accent-stripping decomposes: "Ørsted" is typed "Orsted".
_UNACCENTED: Final = str.maketrans(
    {"ø": "o", "ł": "l", "ß": "ss", "æ": "ae", "œ": "oe", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)
# Weapon models are one word: "F-16s" is "f16s", "S-400" is "s400".
_MODEL: Final = re.compile(r"\b([a-z]{1,3})-(\d{1,4}[a-z]?s?)\b")
# "equipment-wise" asks about the equipment.
_WISE: Final = re.compile(r"\b([a-z]+)-wise\b")
_SPACES: Final = re.compile(r"\s+")
# fmt: off
_ORDINAL_WORDS: Final = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth",
)
# fmt: on
# "the eighth month of the year" is August.
_MONTH_ORDINAL: Final = re.compile(
    r"\bthe (" + "|".join(_ORDINAL_WORDS) + r"|1[0-2]th|[4-9]th|1st|2nd|3rd|11th|12th) month"
    r"( of (the|this) year)?\b"
)


def _month_name(found: re.Match[str]) -> str:
    """Return the month a "the eighth month (of the year)" match names."""
    ordinal = found.group(1)
    number = _ORDINAL_WORDS.index(ordinal) + 1 if ordinal in _ORDINAL_WORDS else int(ordinal[:-2])
    return MONTHS[number - 1]


_MAX_CHARS: Final = 4_000
_ASCII_CONTROL: Final = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _strip_invisible(text: str) -> str:
    """Drop control and format characters (zero-width spaces, bidi marks), keep whitespace."""
    if text.isascii():
        return _ASCII_CONTROL.sub("", text)
    return "".join(ch if ch.isspace() or unicodedata.category(ch)[0] != "C" else "" for ch in text)


_DIGITS: Final = re.compile(r"\d+(?:\.\d+)?|\.\d+")


# One small grammar, easier to read top to bottom than split into helpers.
def _words_to_numbers(words: list[str]) -> list[str]:  # noqa: PLR0912, PLR0915
    """Replace runs of number words (and digit + scale word) with one digit string."""
    out: list[str] = []
    i = 0
    while i < len(words):
        total, current, j, seen = 0.0, 0.0, i, False
        while j < len(words):
            word = words[j]
            if _is_number(word):
                if seen:  # "8k, 10k": a new figure, not a sum
                    break
                current += float(word)
            elif word in _UNITS:
                current += _UNITS[word]
            elif word in _TENS:
                current += _TENS[word]
            elif word in _ORDINAL_UNITS and seen and words[j - 1] in _TENS:
                current += _ORDINAL_UNITS[word]
                j += 1
                break
            elif word in _SCALES and (seen or word not in _WEAK_SCALES):
                if word in _WEAK_SCALES and not seen:
                    break
                scale = _SCALES[word]
                if scale == 100:
                    current = (current or 1) * scale
                else:
                    total += (current or 1) * scale
                    current = 0
            elif word == "and" and seen and j + 1 < len(words) and _is_number_word(words[j + 1]):
                j += 1
                continue
            elif word in {"a", "half"} and not seen and j + 1 < len(words):
                if word == "a" and words[j + 1] in _SCALES and words[j + 1] not in _WEAK_SCALES:
                    current = 1
                elif word == "half" and (
                    words[j + 1 : j + 3] == ["a", "million"] or words[j + 1 : j + 2] == ["million"]
                ):
                    total += 500_000
                    j += 3 if words[j + 1] == "a" else 2
                    seen = True
                    continue
                else:
                    break
            else:
                break
            seen = True
            j += 1
        if not seen:
            out.append(words[i])
            i += 1
            continue
        value = total + current
        if not math.isfinite(value):  # 400 digits: no figure of any article, keep the words
            out.extend(words[i:j])
        else:
            out.append(str(int(value)) if value == int(value) else str(value))
        i = j
    return out


def _is_number(word: str) -> bool:
    # Digits only: float() also reads "nan" (a grandmother) and "infinity" as numbers.
    return bool(_DIGITS.fullmatch(word))


def _is_number_word(word: str) -> bool:
    return word in _UNITS or word in _TENS


def _without_accents(text: str) -> str:
    """Fold accented letters to plain ones: "Vikström" is typed "vikstrom" as often as not."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNACCENTED))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# "I'll" is no "ill", "we'll" no "well", "she'll" no "shell".
_WILL: Final = re.compile(r"\b(i|we|he|she)'ll\b")


@lru_cache(maxsize=4096)
def normalize(text: str) -> str:
    """Return `text` lower-cased, with punctuation, invisible characters and numbers made uniform.

    Curly quotes become straight, possessive 's is dropped, "8,000", "8000", "8k" and
    "eight thousand" all become "8000", and whitespace is collapsed. Very long input is cut
    at a few thousand characters: no real question is longer, and the cut keeps the cost bounded.

    Args:
        text: Any text, including empty strings and arbitrary Unicode.

    Returns:
        A string of lower-case ASCII words and digit strings separated by single spaces.
    """
    text = unicodedata.normalize("NFKC", text[:_MAX_CHARS])
    text = _strip_invisible(text).translate(_QUOTES).casefold()
    if not text.isascii():
        text = _without_accents(text)
    if "month" in text:
        text = _MONTH_ORDINAL.sub(_month_name, text)
    text = _ORDINALS.sub(r"\1", text)
    text = _THOUSANDS_SEP.sub("", text)
    text = text.replace("$", " ").replace("%", " percent ")
    text = _APOSTROPHE_S.sub("", text)
    if "-" in text:
        text = _MODEL.sub(r"\1\2", _WISE.sub(r"\1", text))
    if "'ll" in text:
        text = _WILL.sub(r"\1 will", text)
    text = text.replace("'", "")
    text = _NUMBER_GLUED_SCALE.sub(r"\1 \2", text)
    text = _NON_WORD.sub(" ", text)
    # Keep a dot only inside a decimal number ("1.5"); everywhere else it was punctuation.
    words = [w.strip(".") for w in _SPACES.split(text) if w.strip(".")]
    words = [part for w in words for part in (w.split(".") if not _DECIMAL.fullmatch(w) else [w])]
    return " ".join(_words_to_numbers([w for w in words if w]))
