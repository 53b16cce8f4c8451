"""The fact base's vocabulary at work: text into canonical tokens, typos into known words.

`Lexicon.analyse` turns normalised text into one canonical token per word: filler phrases
vanish, synonyms and aliases become one token ("UK", "London" and "British" are all
``unitedkingdom``), stop words and everyday words become "" (kept as gaps, so that callers still
see which words stood together) and the rest is lightly stemmed. `Lexicon.spell` first maps
typos onto the words the fact base uses (rapidfuzz, optimal string alignment distance).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Final

from rapidfuzz import process
from rapidfuzz.distance import OSA

from knowledge.models import Vocabulary
from knowledge.normalizing import normalize

_SUFFIXES: Final = ("ing", "ed", "es", "s")
_MIN_STEM: Final = 4
_MIN_ANAGRAM: Final = 4
_SHORT_TYPO_LENGTH: Final = 4
_SOFT_TARGET_LENGTH: Final = 6
_CORRECTION_CACHE_SIZE: Final = 20_000
_COORDINATORS: Final = frozenset({"and", "or", "nor"})
_SPEAKER_GAP: Final = 2
_OWN: Final = "@own"
MARKERS: Final = frozenset({"&", _OWN})
"""Tokens `Lexicon.analyse` emits for structure ("and", "own"), never content."""
# Between an entity and the word it qualifies: "France and European allies", "US military aid".
# "the US sending troops": whoever sends them qualifies them.
_SKIPPABLE: Final = frozenset(
    {
        "&",
        "allies",
        "military",
        "government",
        "official",
        "deploy",
        "minister",
        "foreign",
        "defense",
    }
)
_INFLECTION_ENDINGS: Final = frozenset(
    {"s", "es", "d", "ed", "ing", "er", "ers", "ly", "ment", "ments", "n"}
)
# British spellings and their American forms, after doubled letters are made single.
_SPELLINGS: Final = (
    (r"(?<=\w\w)our(s?)$", r"or\1"),  # "colour", "favour"; not "flour" / "floor"
    (r"is(e|es|ed|ing|ation|ations)$", r"iz\1"),
    (r"ys(e|es|ed|ing)$", r"yz\1"),
    (r"tre(s?)$", r"ter\1"),
    (r"ogue(s?)$", r"og\1"),
)
UNKNOWN_NAME: Final = "!"
"""Prefix of the token for a name the article never mentions ("!china", "!zelensky")."""


def stem(word: str) -> str:
    """Strip one common English suffix so "trained", "training" and "trains" meet."""
    if word.isdigit() or len(word) < _MIN_STEM:
        return word
    if len(word) == _MIN_STEM:
        # "jobs" is "job"; "this", "news" and "boss" are kept whole.
        if word.endswith("s") and not word.endswith(("ss", "us", "is", "ws")):
            return word[:-1]
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM - 1:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            stemmed = word[: -len(suffix)]
            # "planning" -> "plann" -> "plan"
            if (
                len(stemmed) > _MIN_STEM - 1
                and stemmed[-1] == stemmed[-2]
                and stemmed[-1] not in "lsz"
            ):
                stemmed = stemmed[:-1]
            return stemmed
    return word


def root(token: str) -> str:
    """A token without its inflection and final e ("contributed", "contribute": "contribut")."""
    return stem(token).removesuffix("e")


def inflection(word: str, target: str) -> bool:
    """True when `word` is just another form of `target` ("alliances", "alliance").

    The longer differs from the shorter by an inflection ending, possibly after dropping a final
    e ("moved", "move"); "joint" is no form of "join".
    """
    short, long = sorted((word, target), key=len)
    for root in {short, short.removesuffix("e")}:
        if long.startswith(root) and long[len(root) :] in _INFLECTION_ENDINGS:
            return True
    return False


def _spelling(word: str) -> str:
    """A word with British and American spellings made one ("councillor", "councilor")."""
    plain = word.replace("ll", "l")  # "travelled", "councillor"; not "dinner" / "diner"
    for british, american in _SPELLINGS:
        plain = re.sub(british, american, plain)
    return plain


def _shared_ends(word: str, other: str) -> int:
    """How many letters `word` and `other` share at their start plus at their end."""
    start = 0
    while start < min(len(word), len(other)) and word[start] == other[start]:
        start += 1
    end = 0
    while end < min(len(word), len(other)) - start and word[-1 - end] == other[-1 - end]:
        end += 1
    return start + end


def allowed_edits(word: str) -> int:
    """How many typing slips a word of this length may contain and still be recognised."""
    if len(word) < 5:
        return 0
    return 1 if len(word) < 9 else 2


def _phrases_pattern(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """A pattern finding any of `phrases` as whole words, longest first; None for none."""
    longest_first = sorted(phrases, key=len, reverse=True)
    if not longest_first:
        return None
    return re.compile(r"\b(?:" + "|".join(map(re.escape, longest_first)) + r")\b")


class Lexicon:
    """Maps text onto canonical tokens using the fact base's vocabulary."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        # British spellings are read as American ones, on both sides: "centre" meets "center".
        self.spellings = vocabulary.spellings
        self.real_words = vocabulary.real_words | vocabulary.spellings.keys()
        self.bases = vocabulary.bases
        self._soft_words = frozenset(self.respell(normalize(w)) for w in vocabulary.soft)
        self._words: dict[str, str] = {}
        phrases: dict[str, str] = {}
        # Each canonical token means itself, unless a merged lexicon gave it another meaning.
        pairs = [(canonical, canonical) for canonical in vocabulary.synonyms]
        pairs += [(v, canonical) for canonical, vs in vocabulary.synonyms.items() for v in vs]
        for variant, canonical in pairs:
            normal = self.respell(normalize(variant))
            if " " in normal:
                phrases[normal] = canonical
            elif normal:
                self._words[normal] = canonical
        for phrase in vocabulary.filler:
            normal = self.respell(normalize(phrase))
            if " " in normal:
                phrases[normal] = ""
            elif normal:
                self._words[normal] = ""  # a one-word filler ("timeframe") is simply dropped
        for name in vocabulary.unknown_names:
            normal = self.respell(normalize(name))
            token = UNKNOWN_NAME + normal.replace(" ", "_")
            if " " in normal:
                phrases.setdefault(normal, token)
            elif normal:
                self._words.setdefault(normal, token)
        self._add_capitals(vocabulary, phrases)
        self._phrases = phrases
        # The lengths of the phrases starting with each word, longest first.
        starts: dict[str, set[int]] = {}
        for phrase in phrases:
            first, *rest = phrase.split()
            starts.setdefault(first, set()).add(len(rest) + 1)
        self._phrase_sizes = {word: sorted(sizes, reverse=True) for word, sizes in starts.items()}
        self.stopwords = frozenset(self.respell(normalize(w)) for w in vocabulary.stopwords)
        # A word listed as a synonym or a soft word keeps that role even if it is also everyday.
        self.general = (
            frozenset(self.respell(normalize(w)) for w in vocabulary.general)
            - self._words.keys()
            - self._soft_words
        )
        self.soft = frozenset(self.canonical_word(normalize(w)) for w in vocabulary.soft)
        self.entities, self.located = vocabulary.entities, vocabulary.located
        self.heads = vocabulary.heads
        self.speech = vocabulary.speech
        self.countries = vocabulary.countries or vocabulary.entities
        self.places = frozenset(normalize(w) for w in vocabulary.places)
        self.speaks_for = {who: tuple(whom) for who, whom in vocabulary.speaks_for.items()}
        self.instructions = tuple(normalize(start) for start in vocabulary.instructions)
        self.shorthand = {
            normalize(short): normalize(full) for short, full in vocabulary.shorthand.items()
        }
        # An asker's phrase for one word ("the head of the agency" asks for its boss).
        self._phrase_shorthand = _phrases_pattern(p for p in self.shorthand if " " in p)
        self.other_times = frozenset(
            self.canonical_word(normalize(w)) for w in vocabulary.other_times
        )
        self._surface: set[str] = (
            {word for phrase in (*phrases, *self._words) for word in phrase.split()}
            | set(self.general)
            | self._soft_words
        )
        # Unknown names are recognised as typed, but nothing is "corrected" into one: only
        # words that the fact base or the vocabulary itself uses are typo targets.
        self._own_words: set[str] = {
            word
            for phrase, token in (*phrases.items(), *self._words.items())
            if not token.startswith(UNKNOWN_NAME)
            for word in phrase.split()
        } | self._soft_words
        self._long_stopwords, self._anagrams = (
            sorted(w for w in self.stopwords if len(w) >= _SHORT_TYPO_LENGTH),
            {"".join(sorted(w)): w for w in self.stopwords if len(w) >= _MIN_ANAGRAM},
        )
        self._choices: dict[str, list[str]] = self._targets()
        self._corrections: dict[str, str | None] = {}
        # The countries an article names, as tokens: those a curator lists as countries, and
        # those the builder found ("KELLIN FORD, Dravenia", "Kaldoria's Supreme Court").
        self.nations = vocabulary.countries | {
            token for name in vocabulary.nations for token in self.tokens(name)
        }

    def _add_capitals(self, vocabulary: Vocabulary, phrases: dict[str, str]) -> None:
        """Read "Moscow said ..." as its country, where the article names the country.

        Only a capital the fact base never mentions itself (`learn` drops the others): an
        article saying "in London" or quoting "Sofia Petrova" speaks of the city or the woman.
        """
        self._capitals: dict[str, str] = {}
        for capital, country in vocabulary.capitals:
            token = phrases.get(country) or self._words.get(country)
            if token and token in vocabulary.entities and capital not in self._words:
                self._capitals[capital] = token
                if " " in capital:
                    phrases[capital] = token
                else:
                    self._words[capital] = token

    def respell(self, normalized: str) -> str:
        """Return normalised text with British spellings made American ("centre": "center")."""
        spellings = self.spellings
        return " ".join(spellings.get(word, word) for word in normalized.split())

    def canonical_word(self, word: str) -> str:
        """Return the canonical token for one normalised word."""
        word = self.spellings.get(word, word)
        if word in self._words:
            return self._words[word]
        # "Judged", "families" and "held" are forms of "judge", "family" and "hold", which
        # their stems miss.
        base = self.bases.get(word, "")
        base = self.spellings.get(base, base)  # "catalogued": "catalogue", spelled "catalog"
        # A base that is a stop word, or of another softness, leaves the form its own meaning:
        # "doses" is no "does", "cases" no mere "case", "timing" does not make "time" soft.
        if (
            base
            and base not in self.stopwords
            and (base in self._soft_words) == (word in self._soft_words)
        ):
            return self._words.get(base) or base
        stemmed = stem(word)
        if stemmed == word:
            return word  # "us" is not "use" nor "plan" "plane": only a stem lost its e
        # A form the spelling table lacks ("summarised") meets its American word by its stem.
        respelled = self.spellings.get(stemmed) or self.spellings.get(stemmed + "e")
        if respelled is not None:
            return self.canonical_word(respelled)
        # "moving" stems to "mov", which is "move" without its e; "planning" is no "plane".
        doubled = (
            word.endswith(("ed", "ing"))
            and word[len(stemmed)] == stemmed[-1]
            and stemmed[-1] not in "aeiou"
        )
        known = self._words.get(stemmed) or (not doubled and self._words.get(stemmed + "e"))
        return known or stemmed

    def learn(self, texts: Iterable[str]) -> None:
        """Remember the words of `texts` as known spellings (targets for typo correction).

        A capital that `texts` mention is the city, no longer its country.
        """
        for text in texts:
            normalized = normalize(text)
            words = normalized.split()
            self._surface.update(words)
            self._own_words.update(words)
            for capital in [c for c in self._capitals if f" {c} " in f" {normalized} "]:
                self._phrases.pop(capital, None)
                self._words.pop(capital, None)
                del self._capitals[capital]
        self._choices = self._targets()
        self._corrections.clear()

    def _targets(self) -> dict[str, list[str]]:
        """Words a typo may be corrected to, by first letter: content words only."""
        targets: dict[str, list[str]] = {}
        # Short soft words are too close to other words to be typo targets ("plane" -> "place").
        short_soft = {w for w in self._soft_words if len(w) < _SOFT_TARGET_LENGTH}
        # Long everyday words are targets too: "momnet" is "moment", then ignored as such.
        short_general = {w for w in self.general if len(w) < _SOFT_TARGET_LENGTH}
        excluded = self.stopwords | short_general | short_soft
        for word in sorted((self._own_words | self.general) - excluded):
            targets.setdefault(word[0], []).append(word)
        return targets

    def correct(self, word: str) -> str | None:
        """Return the known word that `word` is a typo of, or None.

        Real English words are never typos, even when they look like one of ours ("tanks"
        is not "talks"), unless they are another form of it ("fine", "fined"): `real_words`
        lists common English words (see tools/real_words.py).
        """
        if word in self._corrections:
            return self._corrections[word]
        target = self.typo_target(word)
        # A real word is no typo, but it may be another form of ours ("fine" for "fined").
        # "apologise" is as real as the "apologize" the list spells.
        listed = word in self.real_words or _spelling(word) in self.real_words
        real = listed and not (
            target and (inflection(word, target) or _spelling(word) == _spelling(target))
        )
        corrected = None if real else target
        if len(self._corrections) >= _CORRECTION_CACHE_SIZE:
            self._corrections.clear()
        self._corrections[word] = corrected
        return corrected

    def typo_target(self, word: str) -> str | None:
        """Return the word `word` would be a typo of, by spelling alone (no real-word check).

        A typo keeps its first letter far more often than not, and requiring that keeps many
        real words out ("died" is not a typo of "said").
        """
        swapped = self._anagrams.get("".join(sorted(word)))
        if swapped is not None and OSA.distance(word, swapped) == 1:
            # Two letters swapped in a stop word ("mnay", "waht"): a slip, not a new word.
            return swapped
        if word.isdigit() or not word:
            return None
        edits = allowed_edits(word)
        choices = self._choices.get(word[0], [])
        if not edits and len(word) == _SHORT_TYPO_LENGTH:
            # In a four-letter word only a dropped letter is safely a typo ("pres" for "press");
            # a changed letter makes another word ("last" is not "lost").
            edits = 1
            choices = [c for c in choices if len(c) == len(word) + 1]
        if not edits:
            return None
        nearest = process.extract(
            word, choices, scorer=OSA.distance, processor=None, score_cutoff=edits, limit=None
        )
        # Of equally near words, the one sharing more of the typo's start and end is meant:
        # "traning" is "training", not "trading".
        match = min(
            nearest,
            key=lambda found: (found[1], -_shared_ends(word, found[0]), found[0]),
            default=None,
        )
        if match is None and len(word) > _SHORT_TYPO_LENGTH:
            # A doubled or dropped letter in a longer stop word ("totall", "wich"): not new.
            match = process.extractOne(
                word,
                [w for w in self._long_stopwords if abs(len(w) - len(word)) == 1],
                scorer=OSA.distance,
                processor=None,
                score_cutoff=1,
            )
        return None if match is None else match[0]

    def name_spellings(self) -> frozenset[str]:
        """The spellings of the fact base's own names ("brel", "halberg", "okafor")."""
        return frozenset(w for w, token in self._words.items() if token in self.entities)

    def known_spellings(self) -> frozenset[str]:
        """Every spelling the fact base and vocabulary use (never corrected)."""
        return frozenset(self._surface)

    def spell(self, normalized: str) -> str:
        """Spell out texting shorthand ("hw", "wat") and replace typos of known words."""
        if self._phrase_shorthand is not None:
            normalized = self._phrase_shorthand.sub(
                lambda found: self.shorthand[found.group(0)], normalized
            )
        words = [self.shorthand.get(word, word) for word in normalized.split()]
        for i, word in enumerate(words):
            if (
                word in self._surface
                or word in self.stopwords
                or word.isdigit()
                or word in self.spellings
            ):
                continue
            if word.endswith("in") and word not in self.real_words and f"{word}g" in self._surface:
                words[i] = f"{word}g"  # "complainin", "puttin": the g dropped as spoken
                continue
            corrected = self.correct(word)
            if corrected is not None:
                words[i] = corrected
        return " ".join(words)

    def words(self, normalized: str) -> list[str]:
        """Split normalised text into words, with multi-word synonyms already made one token.

        The longest phrase starting at each word wins; filler phrases vanish.
        """
        spellings = self.spellings
        words = [spellings.get(word, word) for word in normalized.split()]
        out: list[str] = []
        i = 0
        while i < len(words):
            for size in self._phrase_sizes.get(words[i], ()):
                if size > len(words) - i:
                    continue
                phrase = " ".join(words[i : i + size])
                if phrase in self._phrases:
                    if self._phrases[phrase]:
                        out.append(self._phrases[phrase])
                    i += size
                    break
            else:
                out.append(words[i])
                i += 1
        return out

    def analyse(self, normalized: str, words: Sequence[str] | None = None) -> list[str]:
        """Return each word of `normalized` as its canonical token, in order.

        Words without content become "" and "and"/"or" become "&", so that callers can still
        tell which words stood next to each other ("France and European allies estimate").

        Args:
            normalized: Text from `normalize` (and `spell`).
            words: `words(normalized)`, when the caller has it already.
        """
        out: list[str] = []
        for word in self.words(normalized) if words is None else words:
            if word in _COORDINATORS:
                out.append("&")
            elif word == "own":
                out.append(_OWN)
            elif word in self.stopwords or (word not in self._words and word in self.general):
                out.append("")
            else:
                token = self.canonical_word(word)
                # "helping" stems to "help", which carries no more content than "help" does.
                plain = token in self.stopwords or token in self.general
                out.append("" if plain else token)
        return out

    def qualified(self, sequence: Sequence[str]) -> set[tuple[str, str]]:
        """Return (entity, word) for each entity directly qualifying a head or speech word.

        "Ukrainian soldiers" gives (ukraine, troops); "France and European allies
        estimate" gives (france, estimate) and (europe, estimate).
        """
        pairs: set[tuple[str, str]] = set()
        for j, token in enumerate(sequence):
            if token not in self.heads and token not in self.speech:
                continue
            i = j - 1
            if i >= 0 and sequence[i] == _OWN:
                # "the US sending its own troops": the clause's subject owns them.
                owner = next((t for t in reversed(sequence[:i]) if t in self.entities), None)
                if owner is not None:
                    pairs.add((owner, token))
                continue
            # Countries qualify things ("Ukrainian soldiers"); any entity can be a speaker.
            qualifiers = self.entities if token in self.speech else self.countries
            joined = True  # the next entity to the left qualifies too only after an "and"
            if token in self.speech:
                # "Brel, who said", "Okafor had said": little words between speaker and verb.
                while i > 0 and not sequence[i] and j - i <= _SPEAKER_GAP:
                    i -= 1
            while i >= 0 and (sequence[i] in qualifiers or sequence[i] in _SKIPPABLE):
                if sequence[i] in qualifiers:
                    if not joined:
                        break  # "US Russian casualties": the US only estimates them
                    pairs.add((sequence[i], token))
                    joined = False
                elif sequence[i] == "&":
                    joined = True
                i -= 1
        return pairs

    def tokens(self, text: str) -> list[str]:
        """Return the canonical content tokens of `text`, in order."""
        return [t for t in self.analyse(normalize(text)) if t and t not in MARKERS]
