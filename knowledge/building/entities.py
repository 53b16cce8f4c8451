"""What the named entities of a parsed sentence are: figures, ages, durations, names, places.

spaCy labels entities (CARDINAL, DATE, PERSON ...); these predicates and label sets say which
of them answer which kind of question. Used only when an article is added.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from knowledge.normalizing import NUMBER_WORDS
from knowledge.quantities import OLDEST
from knowledge.querying import ROLES_OF_GROUPS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span
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
    # "A three-day strike" (`generating._lead_type`: not "a 100-year flood").
    r"|\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)-(?:second"
    r"|minute|hour|day|week|month|year|decade|night)\b(?!-)"
    r"|\b(hourly|daily|weekly|monthly|annually|yearly|every \w+|twice|once a|times a)\b",
    re.IGNORECASE,
)
_DASHES: Final = frozenset({"-", "\u2013", "\u2014"})
_SCORE_TOKENS: Final = 3  # "3", "-", "2"
_LOOSE: Final = frozenset({"ADP", "CCONJ", "DET", "PUNCT", "SCONJ"})
_YEAR_ONLY: Final = re.compile(r"^(1[5-9]|20|21)\d\d$")


def is_figure(ent: Span) -> bool:
    """True for a figure a question may ask for; a bare year ("in 2013") is a date instead.

    Nor is "one" standing for something named already a figure (`stands_in`).
    """
    if ent.label_ not in FIGURE_LABELS:
        return False
    return not _a_year(ent.text) and not stands_in(ent.doc, ent.start, ent.end)


# Words before "one" that make it stand for a thing ("the only one", "no one", "each one").
_DETERMINERS: Final = frozenset({"the", "no", "each", "every", "any", "this", "that", "which"})
# Words "one" can take between a determiner and itself: "the only one", "the last one".
_BEFORE_ONE: Final = frozenset({"only", "last", "first", "same", "other", "right", "wrong"})


def stands_in(doc: Doc, start: int, end: int) -> bool:
    """True for "one" standing for a thing the sentence names, not counting it.

    "the only one to match all six numbers", "told one another", "in one of which Holloway
    told a father": no count; nor is the "one" opening "In one case, 12 were sent home",
    which only sets the scene. "One of the climbers died", "only one person", "12 homes, one
    of which was demolished" and "weapons were found in one flat" still count.
    """
    if end - start != 1 or doc[start].lower_ != "one":
        return False
    before = doc[start - 1] if start > 0 else None
    after = [t.lower_ for t in doc[end : end + 2]]
    if after[:1] == ["another"]:
        return True
    if before is not None and before.pos_ == "ADP":
        # "in one of which ...", and a sentence opening "In one case, ..."
        return after in (["of", "which"], ["of", "whom"]) or (
            bool(before.is_sent_start) and after[1:] == [","]
        )
    i = start - 1
    while i >= 0 and doc[i].lower_ in _BEFORE_ONE:
        i -= 1
    return i >= 0 and doc[i].lower_ in _DETERMINERS and doc[start].dep_ != "nummod"


def _a_year(text: str) -> bool:
    """True for a figure written as a year: "2013", but not "1,700" (years take no comma)."""
    return _YEAR_ONLY.match(text) is not None


_PLACE_LABELS: Final = frozenset({"GPE", "LOC", "FAC"})
# What follows "Selwood, 58," where 58 is an age ("the Greens, 31, and the Liberals" are seats).
_AFTER_AN_AGE: Final = frozenset(
    {"who", "whose", "a", "an", "the", "said", "says", "told", "added", "was", "is"}
)


def is_age(ent: Span) -> bool:
    """'Anika Droste, 58, said': a small number set beside a person's name is their age."""
    head = ent.root.head
    doc = ent.doc
    # The tagger takes a surname alone for a group now and then ("Selwood, 58, who took
    # over ..."): a number set off by commas beside a name that is no place is an age too.
    set_off = (
        ent.root.dep_ == "appos"
        and head.pos_ == "PROPN"
        and head.ent_type_ not in _PLACE_LABELS
        and ent.start > 0
        and doc[ent.start - 1].text == ","
        and ent.end + 1 < len(doc)
        and doc[ent.end].text == ","
        and doc[ent.end + 1].lower_ in _AFTER_AN_AGE
    )
    # "Team captain Tomas Ardely, 24, defended ...": the parse may hang both the name and the
    # number from the title, yet the number set off right after the name is still the age.
    after_a_name = (
        ent.root.dep_ == "appos"  # not a tally: "striker Tomas Ardely, 2, and defender ..."
        and ent.start >= 2  # the name's last word and the comma
        and doc[ent.start - 1].text == ","
        and doc[ent.start - 2].ent_type_ == "PERSON"
        and ent.end < len(doc)
        and doc[ent.end].text == ","
    )
    return (
        ent.label_ in {"CARDINAL", "DATE"}
        and ent.text.isdigit()
        and int(ent.text) <= OLDEST
        and ent.root.dep_ in {"appos", "npadvmod", "amod", "nummod"}
        and (head.ent_type_ == "PERSON" or set_off or after_a_name)
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


# Titles written before a person's name ("Mayor Agnes Holloway", "Chief Executive Marcus
# Oyelaran"): the small English model often misses the name after them, at the start of a
# sentence above all.
_TITLES: Final = frozenset(
    {
        "mayor", "president", "minister", "dr", "doctor", "professor", "prof", "judge",
        "justice", "governor", "senator", "chancellor", "premier", "ambassador", "commissioner",
        "inspector", "superintendent", "sergeant", "sgt", "captain", "capt", "colonel", "col",
        "coach", "mr", "mrs", "ms", "miss", "sir", "dame", "lord", "lady", "rev", "reverend",
        "bishop", "king", "queen", "prince", "princess", "chief", "executive", "deputy",
        "councillor", "councilman", "councilwoman", "secretary", "chairman", "chairwoman",
        "director", "spokesman", "spokeswoman", "officer", "lieutenant", "lt", "constable",
    }
)  # fmt: skip


# Already a person, or a place or thing the tagger knows: left as it is.
_NAMED_OTHERWISE: Final = frozenset({"PERSON", "GPE", "LOC", "FAC", "NORP", "EVENT", "LAW"})
# Words that make a titled name something else: "Justice Department", "Queen Elizabeth
# Hospital", "King Street", "Premier League", "Executive Order", "Inspector General".
_NOT_PEOPLE: Final = frozenset(
    {
        "department", "hospital", "street", "road", "avenue", "lane", "square", "park", "league",
        "order", "island", "islands", "court", "school", "university", "college", "bridge",
        "house", "office", "ministry", "party", "committee", "council", "agency", "board", "bank",
        "church", "cathedral", "palace", "hall", "station", "airport", "port", "center", "centre",
        "institute", "foundation", "trust", "fund", "act", "bill", "law", "cup", "trophy",
        "award", "prize", "general", "river", "bay", "sea", "mountain", "valley", "county",
        "city", "town", "district", "region", "province", "state", "republic", "kingdom",
        "company", "group", "corporation", "inc", "ltd", "club", "team", "united", "museum",
    }
)  # fmt: skip


def _relabelled(doc: Doc, found: list[Span]) -> Doc:
    """`doc` with `found` as its entities where they overlap the tagger's."""
    if found:
        taken = {t.i for span in found for t in span}
        kept = [e for e in doc.ents if not any(t.i in taken for t in e)]
        doc.ents = sorted([*kept, *found], key=lambda e: e.start)
    return doc


def with_titled_people(doc: Doc) -> Doc:
    """Label the name after a title as a person where the tagger did not.

    "Mayor Agnes Holloway said ..." opens many sentences; en_core_web_sm tags nothing there,
    or calls "Executive Marcus Oyelaran" a work of art. The capitalised words after one or
    more titles are the person (the title stays out: it is their role).
    """
    from spacy.tokens import Span  # noqa: PLC0415 - the builder's dependency

    found: list[Span] = []
    i = 0
    while i < len(doc):
        if doc[i].lower_.rstrip(".") not in _TITLES or not doc[i].is_title:
            i += 1
            continue
        start = i + 1
        while start < len(doc) and doc[start].lower_.rstrip(".") in _TITLES and doc[start].is_title:
            start += 1
        if start + 1 < len(doc) and doc[start].lower_ == "of" and doc[start + 1].is_title:
            # "Minister of Foreign Affairs Ana Ruiz": the department is the title's, and the
            # person the last two capitalised words of the run.
            run = start + 1
            while run < len(doc) and doc[run].is_title and doc[run].pos_ == "PROPN":
                run += 1
            if run - (start + 1) >= _DEPARTMENT_AND_NAME:
                start = run - _NAME_AFTER_DEPARTMENT
        end = start
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title:
            end += 1
        name = doc[start:end]
        if (
            len(name)
            and not any(t.ent_type_ in _NAMED_OTHERWISE for t in name)
            and not any(t.lower_ in _NOT_PEOPLE for t in name)
        ):
            found.append(Span(doc, start, end, label="PERSON"))
        i = max(end, i + 1)
    return _relabelled(doc, found)


# "of Halberg Petra Lindqvist": a department of one word or more and a name of two.
_DEPARTMENT_AND_NAME: Final = 3
_NAME_AFTER_DEPARTMENT: Final = 2
_GROUP_WORDS: Final = frozenset({"air", "airlines", "airways", "foods", "sa", "ag", "plc"})
_NAME_WORDS: Final = range(2, 5)


def with_apposed_people(doc: Doc, people: frozenset[str]) -> Doc:
    """Label a name as a person where the words beside it say it is one and the tagger did not.

    "Ines Varga-Holm, an environmental chemist at the University of Merrowby, said": the
    tagger calls her an organisation; "Renata Vos, a spokeswoman" nothing. A name of two to
    four capitalised words followed by "a/the <noun naming a person>" is a person, unless a
    word of it names a group or a place ("Telmar Savings Bank, the lender").
    """
    from spacy.tokens import Span  # noqa: PLC0415 - the builder's dependency

    found: list[Span] = []
    for token in doc:
        role = token.lemma_.lower()
        if token.dep_ != "appos" or role not in people or role in ROLES_OF_GROUPS:
            continue
        end = token.head.i + 1
        start = end - 1
        while start > 0 and (
            (doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title)
            or (doc[start - 1].text == "-" and not doc[start - 1].whitespace_)
        ):
            start -= 1
        name = doc[start:end]
        words = [t for t in name if t.text != "-"]
        if (
            token.head.pos_ == "PROPN"
            and token.head.is_title
            and token.i > token.head.i
            and len(words) in _NAME_WORDS
            and doc[start].is_title
            and not any(t.ent_type_ in _NAMED_OTHERWISE for t in name)
            and not any(t.lower_ in _NOT_PEOPLE | _GROUP_WORDS for t in name)
        ):
            found.append(Span(doc, start, end, label="PERSON"))
    return _relabelled(doc, found)


def with_missed_figures(doc: Doc) -> Doc:
    """Label a figure the tagger left out as a count.

    en_core_web_sm tags "four" in "close four plants, cutting about 900 jobs" but not "900":
    a number the parse calls a number ("about 900", "1.5 million") is a figure all the same.
    A year stays a date; a number word inside a word ("a two-year deal") and "one of" are no
    figures.
    """
    from spacy.tokens import Span  # noqa: PLC0415 - the builder's dependency

    found: list[Span] = []
    i = 0
    while i < len(doc):
        token = doc[i]
        # A number word may be parsed as an adjective ("Eleven people were treated", opening
        # a sentence): it counts all the same.
        numeral = token.pos_ == "NUM" or (token.pos_ == "ADJ" and token.lower_ in NUMBER_WORDS)
        if token.ent_type_ or not numeral or not token.like_num:
            i += 1
            continue
        end = i + 1
        while end < len(doc) and doc[end].pos_ == "NUM" and not doc[end].ent_type_:
            end += 1
        span = doc[i:end]
        hyphened = any(doc[j].text == "-" for j in (i - 1, end) if 0 <= j < len(doc))
        # "one of the trial's largest sites" counts nothing.
        partitive = span.text.lower() == "one" and end < len(doc) and doc[end].lower_ == "of"
        if not hyphened and not partitive and not _a_year(span.text) and not stands_in(doc, i, end):
            found.append(Span(doc, i, end, label="CARDINAL"))
        i = end
    return _with_added(doc, found)


# Prepositions after which an untagged name is a place: "in Eastgate", "near Hollis" ("at" is
# too often a time: "at Easter", "at Dawn").
_BEFORE_A_PLACE: Final = frozenset(
    {"in", "near", "from", "outside", "inside", "around", "across", "towards", "toward"}
)
# Capitalised words after "in" that are times, not places ("in Easter week").
_NOT_PLACES: Final = frozenset(
    {
        "easter", "christmas", "advent", "lent", "ramadan", "eid", "diwali", "hanukkah",
        "passover", "thanksgiving", "halloween", "new", "dawn", "spring", "summer", "autumn",
        "winter", "fall", "parliament", "congress", "court", "government",
    }
)  # fmt: skip


def with_missed_places(doc: Doc) -> Doc:
    """Label as a place a capitalised name the tagger left out after "in", "near" and the like.

    en_core_web_sm tags nothing in "In Eastgate, where water reached the first-floor windows":
    the name after a preposition of place is where something happened.
    """
    from spacy.tokens import Span  # noqa: PLC0415 - the builder's dependency

    found: list[Span] = []
    for token in doc:
        if token.lower_ not in _BEFORE_A_PLACE or token.i + 1 >= len(doc):
            continue
        end = start = token.i + 1
        while (
            end < len(doc)
            and doc[end].pos_ == "PROPN"
            and doc[end].is_title
            and not doc[end].ent_type_
        ):
            end += 1
        if (
            end > start
            and (end >= len(doc) or not doc[end].ent_type_)
            and doc[start].lower_ not in _NOT_PLACES
        ):
            found.append(Span(doc, start, end, label="GPE"))
    return _with_added(doc, found)


def _with_added(doc: Doc, found: list[Span]) -> Doc:
    """`doc` with the entities `found` beside its own (none of them overlapping one)."""
    if found:
        doc.ents = sorted([*doc.ents, *found], key=lambda e: e.start)
    return doc


def with_trimmed_names(doc: Doc) -> Doc:
    """Drop a score the tagger takes into a name: "Castellan United 3-2" is the club.

    And a preposition it takes into a figure: "about 6,000 hectares over".

    Only a score ("3-2"): a number naming a model stays ("Glide 3", "Boeing 737").
    """
    from spacy.tokens import Span  # noqa: PLC0415 - the builder's dependency

    ents: list[Span] = []
    for ent in doc.ents:
        end = ent.end
        while ent.label_ in FIGURE_LABELS and end - 1 > ent.start and doc[end - 1].pos_ in _LOOSE:
            end -= 1  # "about 6,000 hectares over (nine days)": the figure ends at its noun
        if end < ent.end:
            ents.append(Span(doc, ent.start, end, label=ent.label_))
            continue
        tail = [t.text for t in doc[max(ent.start, ent.end - 3) : ent.end]]
        score = (
            ent.label_ in NAME_LABELS
            and len(ent) > len(tail)
            and len(tail) == _SCORE_TOKENS
            and tail[0].isdigit()
            and tail[1] in _DASHES
            and tail[2].isdigit()
        )
        ents.append(
            Span(doc, ent.start, ent.end - _SCORE_TOKENS, label=ent.label_) if score else ent
        )
    doc.ents = ents
    return doc
