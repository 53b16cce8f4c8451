"""What the named entities of a parsed sentence are: figures, ages, durations, names, places.

spaCy labels entities (CARDINAL, DATE, PERSON ...); these predicates and label sets say which
of them answer which kind of question. Used only when an article is added.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from spacy.tokens import Span
# Entities that name someone or something (and so may be ruled out by a question naming another).
NAME_LABELS: Final = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)
# Entities that are figures: a count, a sum, a share or a quantity.
FIGURE_LABELS: Final = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})

PLACE_LABELS: Final = frozenset({"GPE", "LOC", "FAC"})
# A length of time or a frequency ("48 hours", "a few weeks", "twice a year").
DURATION: Final = re.compile(
    r"\b(\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few"
    r"|many|dozens of|hundreds of|a|an)\s+(?:\w+\s+)?(seconds?|minutes?|hours?|days?|weeks?"
    r"|months?|years?|decades?|centur(?:y|ies)|nights?)\b"
    r"|\b(hourly|daily|weekly|monthly|annually|yearly|every \w+|twice|once a|times a)\b",
    re.IGNORECASE,
)
_YEAR_ONLY: Final = re.compile(r"^(1[5-9]|20|21)\d\d$")

_MAX_AGE: Final = 120


def is_figure(ent: Span) -> bool:
    """True for a figure a question may ask for; a bare year ("in 2013") is a date instead."""
    if ent.label_ not in FIGURE_LABELS:
        return False
    digits = ent.text.replace(",", "")
    return not _YEAR_ONLY.match(digits)


def is_age(ent: Span) -> bool:
    """'Anika Droste, 58, said': a small number set beside a person's name is their age."""
    head = ent.root.head
    return (
        ent.label_ in {"CARDINAL", "DATE"}
        and ent.text.isdigit()
        and int(ent.text) <= _MAX_AGE
        and ent.root.dep_ in {"appos", "npadvmod", "amod", "nummod"}
        and head.ent_type_ == "PERSON"
    )


# Verbs by which a sentence reports what someone said, thought or estimated.
SPEECH_LEMMAS: Final = frozenset(
    {
        "say",
        "state",
        "tell",
        "announce",
        "add",
        "claim",
        "believe",
        "estimate",
        "report",
        "note",
        "warn",
        "mention",
        "explain",
        "argue",
        "insist",
        "confirm",
        "deny",
        "write",
        "predict",
        "expect",
        "suggest",
        "think",
        "reveal",
        "declare",
        "stress",
        "acknowledge",
        "admit",
        "allege",
        "assert",
        "caution",
        "conclude",
        "contend",
        "emphasize",
        "emphasise",
        "maintain",
        "observe",
        "point",
        "recall",
        "remark",
        "reply",
        "respond",
        "tweet",
        "post",
        "vow",
        "pledge",
        "promise",
    }
)
