"""What a figure measures, and what a question asks to be counted or measured.

"How far?" wants a distance, "how long did it take?" a time, "how many boulders?" a count of
boulders. A sentence whose only figures are of another kind ("90 seconds", "12 kilometres")
does not answer it. English units and question words only: nothing here is about one article.
"""

from __future__ import annotations

import re
from typing import Final

AGE: Final = re.compile(r"\b\d+[- ]years?[- ]old\b|\baged \d+\b|\bage (of )?\d+\b", re.IGNORECASE)
"""An age as a phrase: "a 71-year-old man", "aged 58", "at the age of 40"."""
OLDEST: Final = 120
"""The highest figure that may be someone's age."""
CLOCK: Final = re.compile(
    r"\b\d{1,2}:\d\d\b|\b\d{1,2} ?(a\.?m|p\.?m)\b|\bo'?clock\b|\b(noon|midnight)\b",
    re.IGNORECASE,
)
"""A time of day: "4:35 a.m.", "9 p.m.", "noon"."""
UNTIL_WORDS: Final = frozenset({"until", "till", "through", "untill"})
"""Words before a date that make it an end: "until Friday" says how long, not when."""
_UNITS: Final[tuple[tuple[str, re.Pattern[str]], ...]] = (
    (
        "money",
        re.compile(
            r"[$€£¥₹₽₺₪]|\b(dollars?|euros?|pounds sterling|yen|yuan|francs?|crowns?|kronor|krona"
            r"|kroner|krone|rupees?|florins?|pesos?|marks|zlotys?|roubles?|rubles?|hryvnias?"
            r"|shekels?|lira|lire|rand|dinars?|dirhams?|baht|ringgit|rupiah|naira|forints?"
            r"|korunas?|shillings?|reais|usd|eur|gbp)\b"
        ),
    ),
    ("age", AGE),
    ("clock", CLOCK),
    ("speed", re.compile(r"\b(mph|km/h|kph|knots?|per (hour|second)|an hour|m/s)\b")),
    (
        "time",
        re.compile(
            r"\b(seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|decades?"
            r"|centur(y|ies)|(?<!day )(?<!last )(?<!the )nights?|fortnights?)\b"
            r"|\d+-(day|week|month|year|hour|minute)\b"
        ),
    ),
    # Before distance: "50 cubic metres" is a volume, "200 square metres" an area.
    ("area", re.compile(r"\b(square|sq|hectares?|acres?|km2)\b")),
    ("volume", re.compile(r"\b(lit(er|re)s?|gallons?|cubic|barrels?)\b")),
    (
        "distance",
        re.compile(
            r"\b(km|kms|kilomet(er|re)s?|met(er|re)s?|miles?|feet|foot|ft|inch(es)?|cm"
            r"|centimet(er|re)s?|mm|millimet(er|re)s?|yards?|nautical)\b"
            r"|\d+-(kilometre|kilometer|metre|meter|mile|foot)\b"
        ),
    ),
    (
        "mass",
        re.compile(
            r"\b(kg|kgs|kilograms?|grams?|tonnes?|tons?|pounds?|lbs?|ounces?|oz)\b"
            r"|\d+-(kilogram|tonne|ton|pound)\b"
        ),
    ),
    ("temperature", re.compile(r"\b(degrees?|celsius|fahrenheit|kelvin)\b|°")),
    ("power", re.compile(r"\b(watts?|kilowatts?|megawatts?|gigawatts?|kw|mw|gw|kwh|mwh|gwh)\b")),
    ("data", re.compile(r"\b((kilo|mega|giga|tera|peta)?(bytes?|bits?)|kb|mb|gb|tb)\b")),
)
# Which measures answer which "how ...?" question.
_ASKED: Final[tuple[tuple[re.Pattern[str], frozenset[str]], ...]] = (
    # "How long was the line in metres?" names its unit.
    (
        re.compile(
            r"\bhow (long|far|high|deep|wide)\b.*\b(metres|meters|km|kms|kilometres|kilometers"
            r"|miles|feet|foot|yards|inches|cm|centimetres|centimeters)\b"
        ),
        frozenset({"distance"}),
    ),
    # "How big is it in square metres?", "how many hectares?": an area, never "800 metres".
    (
        re.compile(
            r"\bhow (?:many|much) (?:(?:square|sq) \w+|hectares|acres)\b"
            r"|\bin (?:(?:square|sq) (?:metres|meters|m|km|kms|kilometres|kilometers|feet|foot"
            r"|ft|miles)|hectares|acres)\b"
            r"|\bhow (?:big|large|wide)\b.*\b(?:(?:square|sq) (?:metres|meters|m|km|kms"
            r"|kilometres|kilometers|feet|foot|ft|miles)|hectares|acres)\b"
        ),
        frozenset({"area"}),
    ),
    # "How long is the Tallis River?", "how long is the main runway?": a length, when the thing
    # ends the question or a place follows it; not "... going to be shut", "... to be closed".
    (
        re.compile(
            r"\bhow long (is|was|are|were) the (\w+ ){0,3}?(river|road|bridge|border|runway"
            r"|tunnel|pipeline|route|track|railway|line|coast|coastline|wall|fence|canal"
            r"|motorway|highway|street|trail|beach|train|convoy|stretch|section|belt|corridor"
            r"|dam|lake|valley|cable|promenade|queue)s?"
            r"(?:\s*$| (?:of|between|from|along|across|through)\b(?!.*\b(?:closed|shut|blocked"
            r"|suspended|open|out|for)\b))"
        ),
        frozenset({"distance"}),
    ),
    # "How long has she been ...", "how long will it take", "how many weeks": only a duration.
    (
        re.compile(
            r"\bhow many (days|weeks|months|years|hours|minutes)\b"
            # "How long will the promenade be?" may ask a length; "how long will the road be
            # closed?" and "how long was the strike?" ask a time.
            r"|\bhow long (has|have|had|did|do|does|was|were)\b"
            r"|\bhow long (will|would)\b(?!(?: \w+){1,4} be$)"
            r"|\bhow long\b.*\b(take|takes|took|last|lasts|lasted|until|till|ago|wait|waited)\b"
            # "How long is the bridge going to be shut (for)?": a time it stays so.
            r"|\bhow long\b.*\b(be|been|being|stay|stays|remain|remains) (closed|shut|suspended"
            r"|banned|delayed|disrupted|offline|out of action)\b|\bhow long\b.* for$"
        ),
        frozenset({"time"}),
    ),
    (re.compile(r"\bhow long\b"), frozenset({"time", "distance"})),
    (
        re.compile(
            r"\bhow (far|deep|high|tall|wide|thin|thick|narrow)\b"
            r"|\bwhat (distance|altitude|depth)\b"
        ),
        frozenset({"distance"}),
    ),
    (re.compile(r"\bhow heavy\b|\bweigh"), frozenset({"mass"})),
    # "What time did it land?": a time of day, not a day.
    (re.compile(r"\b(what|which|wat|wht) time\b(?! (frame|period|span))"), frozenset({"clock"})),
    # "How much did it cost?", "how much money ...": a sum of money, not a share or a time.
    (
        re.compile(
            r"\bhow much (money|cash|funding|funds)\b"
            r"|\bhow much\b(?! time\b).*\b(cost|costs|costing|pay|pays|paid|paying|spend|spends"
            r"|spent|spending|earn|earns|earned|earning|donate|donates|donated|charge|charges"
            r"|charged|fined|owe|owes|owed|worth)\b"
        ),
        frozenset({"money"}),
    ),
    (re.compile(r"\bhow (hot|cold|warm)\b|\btemperature\b"), frozenset({"temperature"})),
    (re.compile(r"\bhow (fast|quick(ly)?)\b|\bspeed\b"), frozenset({"speed"})),
    (re.compile(r"\bhow old\b|\bwhat age\b"), frozenset({"age"})),
)
# The words by which a question asks for each measure ("how *old*", "what *distance*"): a
# sentence giving that measure answers them though it never uses them.
ASKING_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "time": ("long", "duration"),
    "age": ("old", "age", "aged"),
    "distance": (
        "far",
        "away",
        "distance",
        "long",
        "high",
        "tall",
        "deep",
        "wide",
        "altitude",
        "height",
    ),
    "mass": ("heavy", "weigh", "weighs", "weight"),
    "temperature": ("hot", "cold", "warm", "temperature"),
    "speed": ("fast", "quick", "quickly", "speed"),
    "power": ("power", "powerful"),
    "area": ("big", "large", "area", "size"),
    "volume": ("much", "volume"),
    "data": ("much", "data"),
}
PEOPLE_WORDS: Final = frozenset(
    {"people", "person", "persons", "individuals", "folks", "ppl", "humans"}
)
"""Words that count people of any kind: "how many people?" is answered in residents or fans."""
_HOW_MANY: Final = re.compile(r"\bhow many ((?:\w+ ?){1,4})")
# "How many of the 46 clinics ...?" counts clinics.
_HOW_MANY_OF: Final = re.compile(
    r"\bhow many of (?:the |their |its |those |these |his |her |our )(?:\d+ )?((?:\w+ ?){1,3})"
)
RATE: Final = re.compile(r"\b(?:a|an|per|each|every) (day|week|month|year|hour|night)\b")
"""A rate after what is counted: "how many cars *a day*" (the period is its group)."""
# "How many were injured?": a verb right after "how many" counts whatever the sentence does.
_VERBS: Final = frozenset(
    {
        "were",
        "are",
        "was",
        "is",
        "have",
        "has",
        "had",
        "did",
        "do",
        "does",
        "will",
        "would",
        "can",
        "could",
        "should",
        "of",
        "in",
        "got",
        "get",
        "died",
        "made",
        "went",
        "took",
        "left",
        "fled",
        "lost",
        "won",
        "came",
        "gave",
        "go",
        "live",
        "work",
        "remain",
        "still",
        # Irregular pasts, which no "-ed" gives away: "how many planes *fought* the blaze?";
        # not those that also qualify a noun ("spent fuel", "LED lights", "fell walkers").
        "fought",
        "sent",
        "brought",
        "bought",
        "caught",
        "kept",
        "told",
        "said",
        "ran",
        "began",
        "wrote",
        "drove",
        "flew",
        "stood",
        "grew",
        "knew",
        "struck",
        "threw",
        "broke",
        "chose",
        "spoke",
        "stole",
        "sank",
        "became",
        "felt",
        "heard",
        "meant",
        "sat",
        "slept",
        "wore",
    }
)
# Pasts that also qualify a noun ("spent fuel"), but not straight after "how many": "how many
# *fell* ill?", "how many *saw* the fireworks?".
_PASTS_AT_ONCE: Final = frozenset(
    {"spent", "led", "met", "fell", "rose", "held", "sold", "paid", "found", "saw", "built"}
)
_SHORTEST_PAST: Final = 4  # "joined", "killed": longer than "bed", "red", "need"


CURRENCY_SIGNS: Final[dict[str, str]] = {
    "$": "dollar",
    "€": "euro",
    "£": "pound",
    "¥": "yen",
    "₹": "rupee",
    "₽": "rouble",
    "₺": "lira",
    "₪": "shekel",
}
"""Currency signs and the names they stand for ("$448 million" is in dollars)."""


def currency_names(text: str) -> tuple[str, ...]:
    """The names of the currency signs in a figure: "dollar" of "$448 million"."""
    return tuple(name for sign, name in CURRENCY_SIGNS.items() if sign in text)


def currency_words(text: str) -> tuple[str, ...]:
    """Words asking for the money a sum is in: "currency", and the name of its sign.

    "$448 million" answers "how much in US dollars?" and "what currency?" though the
    sentence writes neither word.
    """
    return ("currency", *currency_names(text)) if unit(text) == "money" else ()


def unit(text: str) -> str:
    """What a figure measures ("12 kilometres" -> "distance"); "" for a plain count."""
    lowered = text.lower()
    for name, pattern in _UNITS:
        if pattern.search(lowered):
            return name
    return ""


def asked_units(normalized: str) -> frozenset[str]:
    """The measures a question asks for ("how far ...?" -> distance); empty for any other.

    "How many hectares ...?" asks for an area as "how big?" does.
    """
    for pattern, units in _ASKED:
        if pattern.search(normalized):
            return units
    counted = unit(counted_words(normalized))
    return frozenset({counted}) if counted else frozenset()


def counted_words(normalized: str) -> str:
    """The words naming what "how many" counts ("how many rescue boats were sent?").

    "" when a verb follows at once ("how many were injured?").
    """
    found = _HOW_MANY_OF.search(normalized) or _HOW_MANY.search(normalized)
    # "How many cars a day ...?" counts cars, not days.
    return "" if found is None else noun_before_verb(RATE.split(found.group(1))[0])


def noun_before_verb(words: str) -> str:
    """The words before the first verb: "people" of "people joined the picket".

    Questions put what they ask about before their verb: "how many *people* joined ...",
    "which *rail company* is adding ...".
    """
    noun: list[str] = []
    for word in words.split():
        if (
            word in _VERBS
            or (word.endswith("ed") and len(word) > _SHORTEST_PAST)
            or (not noun and word in _PASTS_AT_ONCE)
        ):
            break
        noun.append(word)
    return " ".join(noun)
