"""The names an article uses and their aliases: the article's own vocabulary (its lexicon).

Each person, group and place gets one token with the other ways the article and its readers
name it: a person's surname, "Halden" for "Halden Dairy Co", an acronym, a demonym ("Italian"
-> Italy), the commonest country aliases ("US", "America"). Used only when an article is added.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final

from knowledge.building.entities import NAME_LABELS
from knowledge.normalizing import normalize

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

# Names a reader uses for the commonest countries and unions besides their own words.
_COMMON_ALIASES: Final[dict[str, tuple[str, ...]]] = {
    "united states": (
        "us",
        "u s",
        "usa",
        "u s a",
        "united states of america",
        "america",
        "american",
        "americans",
        "washington",
    ),
    "united kingdom": ("uk", "u k", "britain", "great britain", "british", "brits"),
    "european union": ("eu", "e u"),
    "united nations": ("un", "u n"),
    "soviet union": ("ussr", "soviets", "soviet"),
}

_ALIAS_OF: Final = {alias: name for name, aliases in _COMMON_ALIASES.items() for alias in aliases}

_DEMONYM_ENDINGS: Final = ("ians", "ian", "ans", "an", "ese", "ish", "i", "ns", "n", "s")

_MIN_DEMONYM_STEM: Final = 4

_COMPANY_SUFFIXES: Final = frozenset(
    {
        "inc",
        "co",
        "corp",
        "corporation",
        "ltd",
        "llc",
        "plc",
        "group",
        "company",
        "holdings",
        "sa",
        "ag",
        "gmbh",
        "nv",
        "limited",
        "incorporated",
    }
)

_DATELINE_WORDS: Final = 4
# An acronym in brackets at the end of a name: "Civic Union (CU)", or "(CU" as tagged.
_BRACKETED: Final = re.compile(r"\s*\(([A-Z][A-Z0-9]{1,9})\)?$")

# Words many names of groups start with, which stand for none of them alone ("the National
# Bank", "the Consumer Rights Alliance"); "Harvard" or "Shell" alone is the group.
_GENERIC_STARTS: Final = frozenset(
    {
        "national", "central", "general", "united", "international", "royal", "public",
        "consumer", "federal", "regional", "state", "city", "county", "independent", "global",
        "european", "american", "british", "african", "asian", "northern", "southern",
        "eastern", "western", "new", "first", "civic", "citizens", "people", "workers",
    }
)  # fmt: skip
# The tagger's labels for places ("Dunmere", "the Tessel River"), not for groups or buildings.
_PLACE_LABELS: Final = frozenset({"GPE", "LOC"})
# What the tagger may leave at the end of a name: "Lumen Arena in", "Civic Union (".
DANGLING: Final = re.compile(r"(?:\s+(?:in|of|at|on|and|for|to|from|by|the)|\s*\()+$")
_SMALL_WORDS: Final = frozenset({"of", "the", "and", "for", "in", "on", "at", "to", "a", "an"})


class Names:
    """The article's named things: each full name, its aliases, and whom a person speaks for."""

    def __init__(self, docs: Iterable[Doc]) -> None:
        self._docs = list(docs)
        self._full: dict[str, str] = {}
        self._kinds: dict[str, str] = {}
        self._speaks_for: dict[str, set[str]] = {}
        self._acronyms: dict[str, str] = {}
        # Words the article also writes in lower case are common nouns, never a name's alias.
        self._common = {t.text for doc in self._docs for t in doc if t.text.islower()}
        # The dateline's place ("KARSBY —"): the town, whatever else is named after it.
        self._dateline = _dateline(self._docs)
        # Each name's kind is the one the tagger gives it most often (first seen on a tie): it
        # takes "Osterby said" for a group now and then.
        labels: dict[str, Counter[str]] = {}
        for doc in self._docs:
            for ent in doc.ents:
                if ent.label_ in NAME_LABELS and not self._common_noun(ent):
                    labels.setdefault(base_name(ent.text), Counter())[ent.label_] += 1
            self._find_acronyms(doc)
        self._kinds = {name: self._kind_of(name, count) for name, count in labels.items()}
        # Names the tagger took for a place at least once ("Veloria", an organisation as often).
        self._places = {
            name for name, count in labels.items() if count["GPE"] or count["LOC"] or count["FAC"]
        }
        people = [name for name, kind in self._kinds.items() if kind == "PERSON"]
        surnames: dict[str, list[str]] = {}
        for name in people:
            words = name.split()
            if len(words) > 1:
                surnames.setdefault(words[-1], []).append(name)
        # Words of longer names of groups and places ("Mozilla" of "Mozilla Foundation").
        named_otherwise = {
            word
            for name, kind in self._kinds.items()
            if kind != "PERSON" and " " in name
            for word in name.split()
        }
        for surname, owners in surnames.items():
            # A surname that is also a group's or a place's name stays theirs. The tagger often
            # takes a surname alone for a group ("Osterby said" as an organisation): a word no
            # longer name of a group or place uses is the person's still.
            kind = self._kinds.get(surname, "PERSON")
            if len(owners) == 1 and (kind == "PERSON" or surname not in named_otherwise):
                self._full[surname] = owners[0]
                self._kinds[surname] = "PERSON"
        self._shorten_organisations()
        self._demonym_of = self._demonyms()
        for doc in self._docs:
            self._find_affiliations(doc)

    def _kind_of(self, name: str, count: Counter[str]) -> str:
        """The tag a name gets most often; a group's on a tie when it ends in a plural noun.

        "Larkfield Homes", taken for a person once and for a group once, is the group in an
        article that writes "the homes" in lower case: groups are named so ("Halloway Foods",
        "Brightcart Stores"), people rarely. "Orla Marsh" in an article about draining "the
        marsh" stays a person.
        """
        kind = count.most_common(1)[0][0]
        last = name.rsplit(maxsplit=1)[-1]
        if (
            kind == "PERSON"
            and count["ORG"] >= count["PERSON"]
            and last.endswith("s")
            and last.lower() in self._common
        ):
            return "ORG"
        return kind

    def _common_noun(self, ent: Span) -> bool:
        """True for a common noun the tagger took for a name.

        "Council" of "Council leader Annika Rask" in an article that also writes "the regional
        council"; "Commuters" opening a sentence.
        """
        if len(ent) != 1:
            return False
        word = ent[0]
        return word.lower_ in self._common or (word.i == 0 and word.pos_ == "NOUN")

    def _shorten_organisations(self) -> None:
        """'Halden Dairy Co' is also 'Halden Dairy' and, when nothing else starts so, 'Halden'.

        Not so when the first word is a common noun the article uses ("flood" is not the
        Flood Response Authority) or a place or person of its own ("Karsby" is the town, not
        Karsby General Hospital).
        """
        organisations = [n for n, k in self._kinds.items() if k == "ORG" and " " in n]
        starts: dict[str, list[str]] = {}
        for name in organisations:
            words = name.split()
            while len(words) > 1 and words[-1].strip(".,").lower() in _COMPANY_SUFFIXES:
                words.pop()
                self._full.setdefault(" ".join(words), name)
            starts.setdefault(words[0], []).append(name)
        for first, owners in starts.items():
            lowered = first.lower()
            # "Karsby" stays the town, not "Karsby General Hospital".
            named = (
                self._kinds.get(first, "ORG") != "ORG"
                or first in self._dateline
                or first in self._places  # tagged a place at least once ("near Ulmar")
            )
            if (
                len(owners) == 1
                and lowered not in _SMALL_WORDS
                and lowered not in self._common
                and lowered not in _GENERIC_STARTS  # "Consumer" of the Consumer Rights Alliance
                and not named
            ):
                self._full.setdefault(first, owners[0])

    def kind(self, text: str) -> str:
        """The tag the article gives the name `text` stands for most often ("" if none)."""
        return self._kinds.get(self.full(text), "")

    def full(self, text: str) -> str:
        """The fullest name the article uses for `text` ("Lindqvist" -> "Petra Lindqvist")."""
        base = base_name(text)
        return self._full.get(base) or self._acronyms.get(base.lower()) or base

    def _find_acronyms(self, doc: Doc) -> None:
        """'the North Atlantic Treaty Organization (NATO)': the acronym in brackets."""
        for ent in doc.ents:
            inside = _BRACKETED.search(ent.text)
            if inside:
                # The tagger may take the brackets into the name: "Civic Union (CU)".
                self._acronyms[inside.group(1).lower()] = base_name(ent.text)
                continue
            # The tagger may also end the name with the opening bracket alone: "Brenmoor
            # Chamber of Commerce and Industry (" before "BCCI)".
            start = ent.end - 1 if ent.text.endswith("(") else ent.end
            after = doc[start : start + 3]
            if len(after) == 3 and after[0].text == "(" and after[2].text == ")":
                short = after[1].text
                if short.isupper() and len(short) > 1:
                    self._acronyms[short.lower()] = base_name(ent.text)

    def _find_affiliations(self, doc: Doc) -> None:
        """'French Finance Minister Anne Roux': Roux speaks for France."""
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            for other in doc.ents:
                if other.label_ in {"GPE", "ORG", "NORP"} and other.end <= ent.start:
                    between = doc[other.end : ent.start]
                    if len(between) <= 4 and not any(
                        t.is_punct or t.pos_ == "VERB" for t in between
                    ):
                        self._speaks_for.setdefault(self.full(ent.text), set()).add(
                            base_name(other.text)
                        )

    def lexicon(self) -> dict[str, Any]:
        """The article's vocabulary: each name's token with its aliases, and who speaks for whom."""
        synonyms: dict[str, list[str]] = {}
        claimed: dict[str, str] = {}

        def add(name: str, alias: str) -> None:
            phrase = normalize(alias)
            token = _token(name)
            if not phrase or claimed.setdefault(phrase, token) != token:
                return
            synonyms.setdefault(token, [])
            if phrase != token and phrase not in synonyms[token]:
                synonyms[token].append(phrase)

        demonyms = self._demonym_of
        places: set[str] = set()
        for name, kind in sorted(self._kinds.items()):
            full = self.full(name)
            target = demonyms.get(name, _ALIAS_OF.get(normalize(name), full))
            if kind == "NORP" and target == name:
                target = demonyms.get(name, name)
            if kind in _PLACE_LABELS:
                places.add(_token(target))
            add(target, name)
            add(target, target)
            for alias in _COMMON_ALIASES.get(normalize(target), ()):
                add(target, alias)
            words = [w for w in name.split() if w.lower() not in _SMALL_WORDS]
            if kind in {"ORG", "GPE", "LOC", "EVENT", "LAW", "FAC"} and len(words) > 1:
                acronym = "".join(w[0] for w in words if w[0].isupper())
                if len(acronym) > 1:
                    add(target, acronym)
        for surname, full in sorted(self._full.items()):
            add(full, surname)
        for short, full in sorted(self._acronyms.items()):
            add(full, short)
        synonyms = _one_meaning_each(synonyms)
        entities: dict[str, Any] = {"tokens": sorted(synonyms)}
        if located := sorted(places & synonyms.keys()):
            entities["places"] = located  # a figure's setting, never its owner
        return {
            "synonyms": synonyms,
            "entities": entities
            | {
                "speaks_for": {
                    _token(person): sorted(_token(self._place(g)) for g in groups)
                    for person, groups in sorted(self._speaks_for.items())
                },
            },
        }

    def _place(self, name: str) -> str:
        return self._demonym_of.get(name, _ALIAS_OF.get(normalize(name), name))

    def _demonyms(self) -> dict[str, str]:
        """'Italian' -> 'Italy', 'Brazilian' -> 'Brazil': a group's name onto its place's."""
        places = [n for n in self._kinds if n in self._places]
        mapping: dict[str, str] = {}
        for name, kind in self._kinds.items():
            if kind != "NORP":
                continue
            lowered = name.lower()
            if lowered in _ALIAS_OF:
                mapping[name] = _ALIAS_OF[lowered].title()
                continue
            for ending in _DEMONYM_ENDINGS:
                if not lowered.endswith(ending):
                    continue
                stem = lowered[: -len(ending)]
                if len(stem) < _MIN_DEMONYM_STEM:
                    continue
                match = [p for p in places if p.lower().startswith(stem)]
                if len(match) == 1:
                    mapping[name] = match[0]
                    break
        return mapping


def _one_meaning_each(synonyms: dict[str, list[str]]) -> dict[str, list[str]]:
    """Drop every name or alias a token before it already claims, as the loader requires.

    A token is itself a phrase of its group, so "mozilla" cannot be both a token and an alias
    of "represent mozilla" (a misparse); the first claim wins.
    """
    meaning: dict[str, str] = {}
    kept: dict[str, list[str]] = {}
    for token in sorted(synonyms):
        if meaning.setdefault(token, token) != token:
            continue
        kept[token] = [p for p in synonyms[token] if meaning.setdefault(p, token) == token]
    return kept


def _dateline(docs: list[Doc]) -> set[str]:
    """The places of the article's dateline ("KARSBY —", "PORT SELBY, May 25"), as names."""
    if not docs:
        return set()
    words: list[str] = []
    for token in docs[0][:_DATELINE_WORDS]:
        if not (token.is_alpha and token.is_upper):
            break
        words.append(token.text.title())
    return {" ".join(words), *words} if words else set()


def base_name(text: str) -> str:
    """A name without a leading article or a possessive ("the Associated Press's" -> ...)."""
    text = _BRACKETED.sub("", " ".join(text.split()))  # "Civic Union (CU)": Civic Union
    text = DANGLING.sub("", text)
    text = re.sub(r"[’']s?$", "", text)
    return re.sub(r"^(the|The)\s+", "", text).strip()


def _token(name: str) -> str:
    """The one-word token standing for a name ("Petra Lindqvist" -> petralindqvist)."""
    return re.sub(r"[^a-z0-9]", "", normalize(name)) or "name"
