"""Turn text into canonical tokens and rank the facts that could answer a question.

Everything is compared as *canonical tokens*: `normalize()` first, then typos are mapped onto
the fact base's own words (rapidfuzz), filler phrases are dropped, synonyms and aliases become
one token each ("DPRK", "Pyongyang" and "North Korean" all become ``northkorea``), stop words
and everyday words are removed and the rest is lightly stemmed.

A candidate fact is scored on how much of the question it explains (IDF-weighted) and how much
the question looks like one of its phrasings. Some things rule a fact out whatever its score:
a person or place it does not involve, a different country's troops, a different speaker, or
an answer of the wrong kind ("how many" needs a number).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final, Literal

from rapidfuzz import process
from rapidfuzz.distance import OSA

from knowledge.models import AnswerType, Fact, Gap, KnowledgeBase, Vocabulary
from knowledge.normalizing import normalize

QuestionKind = Literal[
    "name", "number", "duration", "who", "when", "where", "why", "definition", "measure", "open"
]

_KIND_PATTERNS: Final[tuple[tuple[QuestionKind, re.Pattern[str]], ...]] = (
    ("when", re.compile(r"\bhow many (days|weeks|months) (until|till|before|left)\b|\bhow soon\b")),
    (
        "name",
        re.compile(
            r"\b(what|whats|which) (is |are |was |were |s )?(the |his |her |their )?names?\b"
            r"|\b(first|full|last) name\b"
            r"|\bnamed\b"
        ),
    ),
    (
        "number",
        re.compile(
            r"\bhow (many|much|big|large|high|low|strong)\b|\bhow many\b"
            r"|\b(number|numbers|figure|figures|estimate|estimates|tally)\b"
        ),
    ),
    (
        "duration",
        re.compile(
            r"\bhow long\b|\b(what|which) (time )?period\b|\bover what time\b|\bsince when\b"
        ),
    ),
    (
        "when",
        re.compile(r"\bwhen\b|\bwhat (day|time|month|year)\b|\bwhich (day|month|year)\b|\bdate\b"),
    ),
    ("measure", re.compile(r"\bhow (far|old|tall|close|fast|often|wide|deep)\b")),
    (
        "where",
        re.compile(r"\bwhere\b|\b(which|what) (\w+ )?(region|place|area|city|part of)\b"),
    ),
    ("why", re.compile(r"\bwhy\b|^y\b|\bwhat for\b|\bfor what\b")),
    (
        "definition",
        re.compile(
            r"\bwhat (does|do|did|is|s) .*\bmean\b|\bmeaning of\b|\bdefine\b|\bdefinition\b"
            r"|\bwhat is meant by\b"
        ),
    ),
    ("who", re.compile(r"^(\w+ )?who\b|\bwho (is|are|was|were|s)\b")),
)

_ATTRIBUTION: Final = re.compile(
    r"\baccording to (whom|who|which|what)\b|\bwho (said|says|say|stated|states|claims|claimed"
    r"|estimates|estimated|estimate|believes|believe|thinks|think|reported|reports|mentioned"
    r"|announced|warned|noted|made|gave|gives|came up with|is saying|put|puts|reckons)\b"
    r"|\bwhose (estimate|figure|number|claim|numbers|estimates|figures|statement|words)\b"
    r"|\bsaid by whom\b|\b(who|what) is the source\b|\bwhere does .* come from\b"
    r"|\bsource (of|for)\b|\bwho does\b.*\b(say|estimate|believe|think)\b"
    r"|\bwho s (saying|estimating|claiming)\b|\bfrom (who|whom)\b|\bwho (is it|was it|it s) from\b"
    r"|\bwho (sez|said that|said it|called)\b|\bwho (actually|really|first|officially) (said|made|"
    r"announced|stated|gave|put)\b|\bwhich (government|country|official|officials|side)\b"
    r"|^says who\b|^who says( so| that)?$|^sources?$|^(any |what s the |whats the )?source\b"
    r"|\bhow (do|does|did) (you|we|they|it) know\b|\bwhere does it say\b|\bcitation\b"
)

# Kinds of question a fact of the wrong answer type can never answer ("how many" needs a number);
# for the other kinds a mismatch only lowers the score.
_STRICT: Final[dict[QuestionKind, frozenset[AnswerType]]] = {
    "name": frozenset({"person", "role", "event"}),
    "why": frozenset({"reason", "yes/no", "quote"}),
    "number": frozenset({"number"}),
    "duration": frozenset({"date", "number"}),
    "when": frozenset({"date"}),
    "where": frozenset({"place", "event"}),
    "measure": frozenset(),  # distances, durations, ages: no fact of ours measures those
    "definition": frozenset(),  # the article quotes terms, it does not define them
}
# For the other kinds a mismatch only lowers the score: full marks, then a near fit, then the rest.
_PREFERRED: Final[dict[QuestionKind, tuple[frozenset[AnswerType], frozenset[AnswerType]]]] = {
    "who": (frozenset({"person", "role"}), frozenset({"quote", "event", "list"})),
}
_NEAR_FIT_FACTOR: Final = 0.9
_MISMATCH_FACTOR: Final = 0.8
_ALIEN_WEIGHT: Final = 1.8
_MIN_CANDIDATE_EXPLAINED: Final = 0.34
_QUALIFIER_FACTOR: Final = 2.0
_WRONG_KIND: Final = "wrong kind: "
_SPEAKER_EVIDENCE: Final = 1.0
_WH_WORDS: Final = frozenset({"which", "what", "whats"})
_MONTHS: Final = frozenset({"october", "august"})
# Prefix of the token for a name the article never mentions ("China", "Zelensky", "Kharkiv").
_UNKNOWN_NAME: Final = "!"
_OTHER_TIME_WEIGHT: Final = 10.0

_SUFFIXES: Final = ("ing", "ed", "es", "s")
_MIN_STEM: Final = 4
_SOFT_WEIGHT: Final = 0.25
_NOISE_LENGTH: Final = 2
_MIN_ANAGRAM: Final = 4
_SHORT_TYPO_LENGTH: Final = 4
_SOFT_TARGET_LENGTH: Final = 6
_YEAR: Final = re.compile(r"^(19|20|21)\d\d$")
_CORRECTION_CACHE_SIZE: Final = 20_000
_COORDINATORS: Final = frozenset({"and", "or", "nor"})
_OWN: Final = "@own"
_MARKERS: Final = frozenset({"&", _OWN})
# Between an entity and the word it qualifies: "South Korea and European allies", "US military aid".
_SKIPPABLE: Final = frozenset({"&", "allies", "military", "government"})
# Numbers this small ("2 years") are too common to identify a fact on their own.
_SIGNIFICANT_NUMBER: Final = 100


def stem(word: str) -> str:
    """Strip one common English suffix so "trained", "training" and "trains" meet."""
    if word.isdigit() or len(word) <= _MIN_STEM:
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


def allowed_edits(word: str) -> int:
    """How many typing slips a word of this length may contain and still be recognised."""
    if len(word) < 5:
        return 0
    return 1 if len(word) < 9 else 2


@dataclass(frozen=True)
class Query:
    """A question as the matcher sees it."""

    text: str
    normalized: str
    tokens: tuple[str, ...]
    soft: frozenset[str]
    aliens: tuple[str, ...]
    alien_weight: float
    pairs: frozenset[tuple[str, str]]
    kind: QuestionKind
    attribution: bool

    @property
    def has_content(self) -> bool:
        """True when the question names something beyond soft words and small numbers."""
        return any(
            t not in self.soft
            and (not t.isdigit() or (int(t) >= _SIGNIFICANT_NUMBER and not _YEAR.match(t)))
            for t in self.tokens
        )


@dataclass(frozen=True)
class Candidate:
    """One fact (or gap) scored against a query."""

    score: float
    fact: Fact | None
    gap: Gap | None
    explained: float
    similarity: float
    blockers: tuple[str, ...] = ()
    evidence: float = 0.0
    tokens: frozenset[str] = frozenset()

    @property
    def blocked(self) -> bool:
        """True when something in the question rules this candidate out."""
        return bool(self.blockers)

    @property
    def right_kind(self) -> bool:
        """True unless the question wants another kind of answer than this fact gives."""
        return not any(b.startswith(_WRONG_KIND) for b in self.blockers)


@dataclass
class _Profile:
    """What one fact or gap knows: its tokens, its phrasings' tokens and who qualifies what."""

    tokens: frozenset[str]
    phrasings: tuple[frozenset[str], ...]
    speakers: frozenset[str]
    heads: dict[str, frozenset[str]] = field(default_factory=dict)
    requires: frozenset[str] = frozenset()


class Lexicon:
    """Maps text onto canonical tokens using the fact base's vocabulary."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self._words: dict[str, str] = {}
        phrases: dict[str, str] = {}
        for canonical, variants in vocabulary.synonyms.items():
            for variant in (canonical, *variants):
                normal = normalize(variant)
                if " " in normal:
                    phrases[normal] = canonical
                elif normal:
                    self._words[normal] = canonical
        for phrase in vocabulary.filler:
            phrases[normalize(phrase)] = ""
        for name in vocabulary.unknown_names:
            normal = normalize(name)
            token = _UNKNOWN_NAME + normal.replace(" ", "_")
            if " " in normal:
                phrases.setdefault(normal, token)
            elif normal:
                self._words.setdefault(normal, token)
        self._phrases = phrases
        self._longest_phrase = max((len(p.split()) for p in phrases), default=0)
        self.stopwords = frozenset(normalize(w) for w in vocabulary.stopwords)
        # A word listed as a synonym or a soft word keeps that role even if it is also everyday.
        self.general = (
            frozenset(normalize(w) for w in vocabulary.general)
            - self._words.keys()
            - {normalize(w) for w in vocabulary.soft}
        )
        self.soft = frozenset(self.canonical_word(normalize(w)) for w in vocabulary.soft)
        self.entities = vocabulary.entities
        self.heads = vocabulary.heads
        self.speech = vocabulary.speech
        self.countries = vocabulary.countries or vocabulary.entities
        self.speaks_for = {who: tuple(whom) for who, whom in vocabulary.speaks_for.items()}
        self.instructions = tuple(normalize(start) for start in vocabulary.instructions)
        self.shorthand = {
            normalize(short): normalize(full) for short, full in vocabulary.shorthand.items()
        }
        self.other_times = frozenset(
            self.canonical_word(normalize(w)) for w in vocabulary.other_times
        )
        self._surface: set[str] = (
            {word for phrase in (*phrases, *self._words) for word in phrase.split()}
            | set(self.general)
            | {normalize(w) for w in vocabulary.soft}
        )
        self._soft_words = frozenset(normalize(w) for w in vocabulary.soft)
        # Unknown names are recognised as typed, but nothing is "corrected" into one: only
        # words that the fact base or the vocabulary itself uses are typo targets.
        self._own_words: set[str] = {
            word
            for phrase, token in (*phrases.items(), *self._words.items())
            if not token.startswith(_UNKNOWN_NAME)
            for word in phrase.split()
        } | {normalize(w) for w in vocabulary.soft}
        self._anagrams = {"".join(sorted(w)): w for w in self.stopwords if len(w) >= _MIN_ANAGRAM}
        self._choices: dict[str, list[str]] = self._targets()
        self._corrections: dict[str, str | None] = {}
        self.real_words = vocabulary.real_words

    def canonical_word(self, word: str) -> str:
        """Return the canonical token for one normalised word."""
        if word in self._words:
            return self._words[word]
        stemmed = stem(word)
        return self._words.get(stemmed, stemmed)

    def learn(self, texts: Iterable[str]) -> None:
        """Remember the words of `texts` as known spellings (targets for typo correction)."""
        for text in texts:
            words = normalize(text).split()
            self._surface.update(words)
            self._own_words.update(words)
        self._choices = self._targets()
        self._corrections.clear()

    def _targets(self) -> dict[str, list[str]]:
        """Words a typo may be corrected to, by first letter: content words only."""
        targets: dict[str, list[str]] = {}
        # Short soft words are too close to other words to be typo targets ("plane" -> "place").
        short_soft = {w for w in self._soft_words if len(w) < _SOFT_TARGET_LENGTH}
        excluded = self.stopwords | self.general | short_soft
        for word in sorted(self._own_words - excluded):
            targets.setdefault(word[0], []).append(word)
        return targets

    def correct(self, word: str) -> str | None:
        """Return the known word that `word` is a typo of, or None.

        Real English words are never typos, even when they look like one of ours ("tanks"
        is not "talks"): `real_words` lists those within reach (see tools/real_words.py).
        """
        if word in self._corrections:
            return self._corrections[word]
        corrected = None if word in self.real_words else self.typo_target(word)
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
        match = process.extractOne(
            word, choices, scorer=OSA.distance, processor=None, score_cutoff=edits
        )
        return None if match is None else match[0]

    def name_spellings(self) -> frozenset[str]:
        """The spellings of the fact base's own names ("blinken", "kursk", "pyongyang")."""
        return frozenset(w for w, token in self._words.items() if token in self.entities)

    def known_spellings(self) -> frozenset[str]:
        """Every spelling the fact base and vocabulary use (never corrected)."""
        return frozenset(self._surface)

    def spell(self, normalized: str) -> str:
        """Spell out texting shorthand ("hw", "wat") and replace typos of known words."""
        words = [self.shorthand.get(word, word) for word in normalized.split()]
        for i, word in enumerate(words):
            if word in self._surface or word in self.stopwords or word.isdigit():
                continue
            corrected = self.correct(word)
            if corrected is not None:
                words[i] = corrected
        return " ".join(words)

    def words(self, normalized: str) -> list[str]:
        """Split normalised text into words, with multi-word synonyms already made one token.

        The longest phrase starting at each word wins; filler phrases vanish.
        """
        words = normalized.split()
        out: list[str] = []
        i = 0
        while i < len(words):
            for size in range(min(self._longest_phrase, len(words) - i), 1, -1):
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

    def analyse(self, normalized: str) -> list[str]:
        """Return each word of `normalized` as its canonical token, in order.

        Words without content become "" and "and"/"or" become "&", so that callers can still
        tell which words stood next to each other ("South Korea and European allies estimate").
        """
        out: list[str] = []
        for word in self.words(normalized):
            if word in _COORDINATORS:
                out.append("&")
            elif word == "own":
                out.append(_OWN)
            elif word in self.stopwords or (word not in self._words and word in self.general):
                out.append("")
            else:
                out.append(self.canonical_word(word))
        return out

    def qualified(self, sequence: Sequence[str]) -> set[tuple[str, str]]:
        """Return (entity, word) for each entity directly qualifying a head or speech word.

        "Ukrainian soldiers" gives (ukraine, troops); "South Korea and European allies
        estimate" gives (southkorea, estimate) and (europe, estimate).
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
            while i >= 0 and (sequence[i] in qualifiers or sequence[i] in _SKIPPABLE):
                if sequence[i] in qualifiers:
                    pairs.add((sequence[i], token))
                i -= 1
        return pairs

    def tokens(self, text: str) -> list[str]:
        """Return the canonical content tokens of `text`, in order."""
        return [t for t in self.analyse(normalize(text)) if t and t not in _MARKERS]


def question_kind(normalized: str) -> QuestionKind:
    """Classify a normalised question by the kind of answer it wants."""
    kinds = [kind for kind, pattern in _KIND_PATTERNS if pattern.search(normalized)]
    # "When and where was it?" asks for two kinds of answer: neither rules a fact out.
    return kinds[0] if len(set(kinds)) == 1 else "open"


def asks_for_attribution(normalized: str) -> bool:
    """True when the question asks who says something rather than what is said."""
    return bool(_ATTRIBUTION.search(normalized))


class FactIndex:
    """Every fact and gap of a fact base, ready to be ranked against questions."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.lexicon = Lexicon(kb.vocabulary)
        gaps = [gap for article_gaps in kb.gaps.values() for gap in article_gaps]
        self.lexicon.learn(text for fact in kb.facts for text in self._fact_texts(fact))
        self.lexicon.learn(text for gap in gaps for text in (*gap.questions, gap.note))
        self.items: list[tuple[Fact | None, Gap | None, _Profile]] = [
            (
                fact,
                None,
                self._profile(
                    fact.spec.questions,
                    self._fact_texts(fact),
                    fact.spec.source,
                    requires=fact.spec.requires,
                ),
            )
            for fact in kb.facts
        ]
        self.items += [(None, gap, self._profile(gap.questions, [gap.note], "")) for gap in gaps]
        document_frequency: Counter[str] = Counter()
        for _, _, profile in self.items:
            document_frequency.update(profile.tokens)
        count = len(self.items)
        self.idf = {
            token: math.log(1 + count / frequency)
            for token, frequency in document_frequency.items()
        }
        self.max_idf = math.log(1 + count)
        self.known = frozenset(document_frequency) | self.lexicon.soft
        # Which items mention a token, so a question is only scored against items it touches.
        self._postings: dict[str, tuple[int, ...]] = {
            token: tuple(i for i, (_, _, p) in enumerate(self.items) if token in p.tokens)
            for token in document_frequency
        }
        # Each phrasing with the summed IDF of its tokens, for a cheap weighted Jaccard.
        self._phrasings: list[tuple[tuple[frozenset[str], float], ...]] = [
            tuple((p, sum(self.idf[t] for t in p)) for p in profile.phrasings)
            for _, _, profile in self.items
        ]

    @staticmethod
    def _fact_texts(fact: Fact) -> list[str]:
        spec = fact.spec
        return [
            *spec.questions,
            spec.answer,
            *spec.keywords,
            *spec.entities,
            *spec.quotes,
            spec.source,
        ]

    def _profile(
        self,
        questions: Sequence[str],
        texts: Sequence[str],
        source: str,
        *,
        requires: Sequence[str] = (),
    ) -> _Profile:
        lexicon = self.lexicon
        sequences = [lexicon.analyse(normalize(text)) for text in (*questions, *texts)]
        heads: dict[str, set[str]] = {}
        for sequence in sequences:
            for entity, head in lexicon.qualified(sequence):
                if head in lexicon.heads:
                    heads.setdefault(head, set()).add(entity)
        return _Profile(
            # What Austin said, the US said: a question naming the US is about it too.
            tokens=frozenset(t for seq in sequences for t in seq if t and t not in _MARKERS)
            | {whom for t in lexicon.tokens(source) for whom in lexicon.speaks_for.get(t, ())},
            phrasings=tuple(frozenset(lexicon.tokens(q)) for q in questions),
            speakers=frozenset(
                spoken
                for t in lexicon.tokens(source)
                if t in lexicon.entities
                for spoken in (t, *lexicon.speaks_for.get(t, ()))
            ),
            heads={head: frozenset(entities) for head, entities in heads.items()},
            requires=frozenset(t for word in requires for t in lexicon.tokens(word)),
        )

    def query(self, text: str) -> Query:
        """Analyse a question: tokens (typos corrected), unknown words, kind and intent."""
        normalized = self.lexicon.spell(normalize(text))
        sequence = self.lexicon.analyse(normalized)
        attribution = asks_for_attribution(normalized)
        tokens: list[str] = []
        aliens: list[str] = []
        soft: set[str] = set()
        alien_weight = 0.0
        for position, token in enumerate(sequence):
            if not token or token in _MARKERS:
                continue
            if token in self.known:
                tokens.append(token)
                if token in self.lexicon.soft:
                    soft.add(token)
            elif token.startswith(_UNKNOWN_NAME):
                # A place, person or group the article never mentions: about something else.
                aliens.append(token[1:])
                alien_weight += _OTHER_TIME_WEIGHT
            elif token in self.lexicon.other_times or (token.isdigit() and _YEAR.match(token)):
                # A year or month the article never mentions is another time, usually after it.
                aliens.append(token)
                alien_weight += _OTHER_TIME_WEIGHT
            elif token.isdigit() and _MONTHS & set(sequence[max(0, position - 1) : position + 2]):
                # A day of a month the article does not mention ("October 29") is another time.
                aliens.append(token)
                alien_weight += _OTHER_TIME_WEIGHT
            elif token.isdigit() and attribution and int(token) >= _SIGNIFICANT_NUMBER:
                # "Whose estimate is 20,000?" asks about that very figure, which nobody gave.
                aliens.append(token)
                alien_weight += _ALIEN_WEIGHT * _QUALIFIER_FACTOR
            elif token.isdigit():
                # A figure the article does not use ("are there 20,000?") still asks about the
                # figure it does use.
                tokens.append(token)
                soft.add(token)
            elif len(token) > _NOISE_LENGTH:
                aliens.append(token)
                following = sequence[position + 1] if position + 1 < len(sequence) else ""
                # An unknown word qualifying a known thing ("*Chinese* soldiers", "*humanitarian*
                # aid") changes what is asked more than one standing apart.
                qualifies = following in self.lexicon.heads
                # So does one that is what the question asks for ("which *officers*").
                heavy = qualifies or self._asked_for(token, normalized)
                alien_weight += _ALIEN_WEIGHT * (_QUALIFIER_FACTOR if heavy else 1.0)
        return Query(
            text=text,
            normalized=normalized,
            tokens=tuple(dict.fromkeys(tokens)),
            soft=frozenset(soft),
            aliens=tuple(dict.fromkeys(aliens)),
            alien_weight=alien_weight,
            pairs=frozenset(self.lexicon.qualified(sequence)),
            kind=question_kind(normalized),
            attribution=attribution,
        )

    @staticmethod
    def _asked_for(token: str, normalized: str) -> bool:
        """True when `token` is what a which/what question asks for ("which *officers*")."""
        words = normalized.split()
        return any(
            word.startswith(token) and _WH_WORDS & set(words[max(0, i - 2) : i])
            for i, word in enumerate(words)
        )

    def weight(self, token: str, query: Query) -> float:
        """IDF weight of a query token; soft words count for little."""
        base = self.idf.get(token, self.max_idf)
        return base * _SOFT_WEIGHT if token in query.soft else base

    def rank(self, query: Query, *, limit: int = 5) -> list[Candidate]:
        """Score every fact and gap against `query`, best first (at most `limit`).

        A word nothing in the fact base knows ("died", "Chinese") counts against every
        candidate: a question that matches a fact only through common words (North Korea,
        troops) and adds one of its own asks something else.
        """
        weights = {token: self.weight(token, query) for token in query.tokens}
        required = sum(w for t, w in weights.items() if t not in query.soft) + query.alien_weight
        if required <= 0:
            return []
        query_weight = sum(weights.values()) + query.alien_weight
        candidates: list[Candidate] = []
        cutoff = -1.0
        for explained, index, evidence in self._coverage(query, weights, required):
            # Similarity adds at most 0.4: past this bound no later item can enter the top. An
            # item explaining less than a third of the question is no candidate at all.
            if 0.6 * explained + 0.4 < cutoff or explained < _MIN_CANDIDATE_EXPLAINED:
                break
            candidates.append(
                self._candidate(
                    query,
                    index,
                    explained=explained,
                    evidence=evidence,
                    weights=weights,
                    query_weight=query_weight,
                )
            )
            if len(candidates) >= limit:
                cutoff = sorted((c.score for c in candidates), reverse=True)[limit - 1]
        candidates.sort(key=lambda c: (-c.score, c.gap is not None, c.fact.id if c.fact else ""))
        return candidates[:limit]

    def _coverage(
        self, query: Query, weights: dict[str, float], required: float
    ) -> list[tuple[float, int, float]]:
        """Return (explained share, item, evidence) for every item the query touches, best first.

        Walks the posting lists once, so items sharing no word with the question cost nothing.
        """
        matched: dict[int, float] = {}
        matched_soft: dict[int, float] = {}
        evidence: dict[int, float] = {}
        for token, weight in weights.items():
            soft = token in query.soft
            idf = self.idf.get(token, 0.0)
            for index in self._postings.get(token, ()):
                matched[index] = matched.get(index, 0.0) + weight
                evidence[index] = evidence.get(index, 0.0) + idf
                if soft:
                    matched_soft[index] = matched_soft.get(index, 0.0) + weight
        speakers = {e for e, word in query.pairs if word in self.lexicon.speech}
        coverage: list[tuple[float, int, float]] = []
        for index, weight in matched.items():
            found = evidence[index]
            if speakers & self.items[index][2].speakers:
                # "What does Ukraine think?" names the fact's own source: that is evidence too.
                found += _SPEAKER_EVIDENCE
            coverage.append((weight / (required + matched_soft.get(index, 0.0)), index, found))
        coverage.sort(key=lambda item: (-item[0], item[1]))
        return coverage

    def _candidate(
        self,
        query: Query,
        index: int,
        *,
        explained: float,
        evidence: float,
        weights: dict[str, float],
        query_weight: float,
    ) -> Candidate:
        """Score one item fully: similarity to its phrasings, blockers, answer-kind fit."""
        fact, gap, profile = self.items[index]
        similarity = max(
            self._similarity(weights, query_weight, phrasing, total)
            for phrasing, total in self._phrasings[index]
        )
        score = 0.6 * explained + 0.4 * similarity
        blockers = self._blockers(query, profile)
        if fact is not None and not query.attribution:
            if query.kind in _STRICT and fact.spec.type not in _STRICT[query.kind]:
                blockers += (f"{_WRONG_KIND}{query.kind} question, {fact.spec.type} fact",)
            elif query.kind in _PREFERRED:
                best_fit, near_fit = _PREFERRED[query.kind]
                if fact.spec.type in near_fit:
                    score *= _NEAR_FIT_FACTOR
                elif fact.spec.type not in best_fit:
                    score *= _MISMATCH_FACTOR
        return Candidate(
            score=score,
            fact=fact,
            gap=gap,
            explained=explained,
            similarity=similarity,
            blockers=blockers,
            evidence=evidence,
            tokens=profile.tokens,
        )

    def _similarity(
        self, weights: dict[str, float], query_weight: float, phrasing: frozenset[str], total: float
    ) -> float:
        """Weighted Jaccard of the question and one phrasing (IDF weights)."""
        shared = 0.0
        phrasing_shared = 0.0
        for token, weight in weights.items():
            if token in phrasing:
                shared += weight
                phrasing_shared += self.idf[token]
        union = query_weight + total - phrasing_shared
        return shared / union if union > 0 else 0.0

    def _blockers(self, query: Query, profile: _Profile) -> tuple[str, ...]:
        lexicon = self.lexicon
        blockers = [
            token
            for token in query.tokens
            if token in lexicon.entities and token not in profile.tokens
        ]
        for entity, word in query.pairs:
            qualifiers = profile.heads.get(word, frozenset())
            if word in lexicon.heads and qualifiers and entity not in qualifiers:
                blockers.append(f"{entity} {word}")
            # "Did the Kremlin confirm ...?" asks whether that entity said it.
            if (
                word in lexicon.speech
                and entity not in profile.speakers
                and query.kind not in {"who", "name"}
            ):
                blockers.append(f"{entity} {word}")
        if profile.requires and not profile.requires & set(query.tokens):
            blockers.append("needs " + "/".join(sorted(profile.requires)))
        return tuple(blockers)
