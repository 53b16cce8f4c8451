"""Rank the facts (and gaps) that could answer a question.

A question becomes a `Query`: canonical tokens from the `Lexicon`, the words nothing in the
fact base knows, the kind of answer it wants and whether it asks who said something.

A candidate fact is scored on how much of the question it explains (IDF-weighted) and how much
the question looks like one of its phrasings. Some things rule a fact out whatever its score:
a person or place it does not involve, a different country's troops, a different speaker, or
an answer of the wrong kind ("how many" needs a number).
"""

from __future__ import annotations

import heapq
import logging
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final

from knowledge.classifying import (
    QuestionKind,
)
from knowledge.lexicon import MARKERS, Lexicon, read_opposites
from knowledge.models import AnswerType, Fact, Gap, KnowledgeBase
from knowledge.normalizing import normalize
from knowledge.quantities import unit
from knowledge.querying import ALIEN_WEIGHT, YEAR, YES_NO, Query, QueryReader

log = logging.getLogger(__name__)

# Kinds of question a fact of the wrong answer type can never answer ("how many" needs a number);
# for the other kinds a mismatch only lowers the score.
_STRICT: Final[dict[QuestionKind, frozenset[AnswerType]]] = {
    "name": frozenset({"person", "role", "event"}),
    "why": frozenset({"reason", "yes/no", "quote"}),
    "number": frozenset({"number", "measure"}),
    "duration": frozenset({"date", "number", "measure"}),
    "when": frozenset({"date"}),
    "where": frozenset({"place", "event", "quote"}),
    "measure": frozenset({"measure"}),  # distances, durations, ages, frequencies
    "definition": frozenset(),  # the article quotes terms, it does not define them
}
# For the other kinds a mismatch only lowers the score: full marks, then a near fit, then the rest.
_PREFERRED: Final[dict[QuestionKind, tuple[frozenset[AnswerType], frozenset[AnswerType]]]] = {
    "who": (frozenset({"person", "role"}), frozenset({"quote", "event", "list"})),
    "why": (frozenset({"reason"}), frozenset({"yes/no", "quote"})),
}
LEAD_TYPES: Final[dict[str, frozenset[str]]] = {
    "number": frozenset({"number", "measure"}),
    "when": frozenset({"date"}),
    "who": frozenset({"person"}),
    "name": frozenset({"person", "place"}),
    "where": frozenset({"place"}),
    "measure": frozenset({"measure"}),
    "duration": frozenset({"measure", "date"}),
}
"""Which short answers (`Lead.type`) answer which kind of question."""
_UNTIL: Final = re.compile(r"\b(last|lasts|until|till|remain|remains|stay|stays|continue)\b")
_UNCHECKED_KINDS: Final = frozenset({"where", "name"})
_NEAR_FIT_FACTOR: Final = 0.9
_MISMATCH_FACTOR: Final = 0.8
_MIN_CANDIDATE_EXPLAINED: Final = 0.34
_WRONG_KIND: Final = "wrong kind: "
_SPEAKER_EVIDENCE: Final = 1.0

_SOFT_WEIGHT: Final = 0.25
_TIE_DIGITS: Final = 9


def asks_beyond(fact: Fact, query: Query) -> bool:
    """True when the question asks for the part of `fact` the article does not give.

    Such a question is answered with what the article does say, prefixed by the fact's
    `partial` note ("The article gives no exact date, only early August.").
    """
    words = f" {query.normalized} "
    return any(f" {normalize(phrase)} " in words for phrase in fact.spec.partial_if)


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
    speakers: frozenset[str] = frozenset()
    setting: frozenset[str] = frozenset()

    @property
    def blocked(self) -> bool:
        """True when something in the question rules this candidate out."""
        return bool(self.blockers)

    @property
    def kind_only(self) -> bool:
        """True when the kind of answer it gives is all that rules this candidate out."""
        return all(b.startswith(_WRONG_KIND) for b in self.blockers)

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
    setting: frozenset[str] = frozenset()
    """Names the whole article is about that the fact itself does not use."""
    leads: tuple[tuple[str, frozenset[str], str], ...] = ()
    """The fact's short answers: (answer type, tokens, what its figure measures)."""


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
                    setting=fact.spec.setting,
                    leads=tuple((lead.type, lead.text) for lead in fact.spec.leads),
                ),
            )
            for fact in kb.facts
        ]
        self.items += [
            (None, gap, self._profile(gap.questions, [gap.note], "", quoted=True)) for gap in gaps
        ]
        document_frequency: Counter[str] = Counter()
        for _, _, profile in self.items:
            document_frequency.update(profile.tokens)
        count = len(self.items)
        self.idf = {
            token: math.log(1 + count / frequency)
            for token, frequency in document_frequency.items()
        }
        self.max_idf = math.log(1 + count)
        # Multi-word synonyms become one word on both sides: "killed or wounded" means
        # casualties, so it does not ask about the dead.
        self._unanswered = {
            fact.id: tuple(
                phrase
                for phrase in (self._phrase(text) for text in fact.spec.unanswered_if)
                if phrase
            )
            for fact in kb.facts
        }
        self.speakers = frozenset(s for _, _, profile in self.items for s in profile.speakers)
        """Everyone the article quotes or attributes something to."""
        self.known = frozenset(document_frequency) | self.lexicon.soft
        # Which items mention a token, so a question is only scored against items it touches.
        postings: dict[str, list[int]] = {}
        for i, (_, _, profile) in enumerate(self.items):
            for token in profile.tokens:
                postings.setdefault(token, []).append(i)
        self._postings: dict[str, tuple[int, ...]] = {
            token: tuple(items) for token, items in postings.items()
        }
        # Facts whose article is about a name they do not use themselves ("the mayor" in an
        # article about Halberg): naming it explains part of the question, but is no evidence.
        setting: dict[str, list[int]] = {}
        for i, (_, _, profile) in enumerate(self.items):
            for token in profile.setting:
                setting.setdefault(token, []).append(i)
        self._setting = {token: tuple(items) for token, items in setting.items()}
        self._opposites = self._canonical_opposites(read_opposites())
        # Each article's own document frequencies, to judge a fact as if its article were alone.
        self._article_frequency: dict[str, Counter[str]] = {}
        self._article_items: Counter[str] = Counter()
        for fact, _, profile in self.items:
            if fact is not None:
                self._article_frequency.setdefault(fact.article, Counter()).update(profile.tokens)
                self._article_items[fact.article] += 1
        self.reader = QueryReader(
            self.lexicon,
            kb.articles.values(),
            known=self.known,
            idf=self.idf,
            speakers=self.speakers,
            said_by=self._said_by,
        )
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
        setting: Sequence[str] = (),
        leads: Sequence[tuple[str, str]] = (),
        quoted: bool = False,
    ) -> _Profile:
        """Build what one fact or gap knows.

        A gap has no source of its own: with `quoted`, whoever its questions ask about the
        words of ("what did the French minister say?") counts as its speaker.
        """
        lexicon = self.lexicon
        sequences = [lexicon.analyse(normalize(text)) for text in (*questions, *texts)]
        heads: dict[str, set[str]] = {}
        quoting: set[str] = set()
        for sequence in sequences:
            for entity, head in lexicon.qualified(sequence):
                if head in lexicon.heads:
                    heads.setdefault(head, set()).add(entity)
                if quoted and head in lexicon.speech:
                    quoting.add(entity)
        tokens = frozenset(t for seq in sequences for t in seq if t and t not in MARKERS) | {
            whom for t in lexicon.tokens(source) for whom in lexicon.speaks_for.get(t, ())
        }
        return _Profile(
            # What a minister said, her government said: a question naming the US is about it too.
            tokens=tokens,
            phrasings=tuple(frozenset(lexicon.tokens(q)) for q in questions),
            speakers=frozenset(
                spoken
                for t in lexicon.tokens(source)
                if t in lexicon.entities
                for spoken in (t, *lexicon.speaks_for.get(t, ()))
            )
            | quoting,
            heads={head: frozenset(entities) for head, entities in heads.items()},
            requires=frozenset(t for word in requires for t in lexicon.tokens(word)),
            setting=frozenset(t for name in setting for t in lexicon.tokens(name)) - tokens,
            leads=tuple(
                (kind, frozenset(lexicon.tokens(text)), unit(text)) for kind, text in leads
            ),
        )

    def query(self, text: str) -> Query:
        """Analyse a question: tokens (typos corrected), unknown words, kind and intent."""
        return self.reader.read(text)

    def _said_by(self, token: str, speakers: set[str]) -> bool:
        """True when a fact mentioning `token` comes from `speakers` alone.

        Whom they speak for counts as them; a figure listed beside everyone's estimates is
        nobody's own.
        """
        voices = speakers | {
            whom for speaker in speakers for whom in self.lexicon.speaks_for.get(speaker, ())
        }
        return any(
            speakers & profile.speakers and profile.speakers <= voices
            for profile in (self.items[index][2] for index in self._postings.get(token, ()))
        )

    def _phrase(self, phrase: str) -> str:
        """Return an unanswered_if phrase as `Query.phrased` spells it ("" if it says nothing)."""
        typed = normalize(phrase).split()
        words = self.lexicon.words(" ".join(typed))
        if len(words) < len(typed) and all(word in self.lexicon.stopwords for word in words):
            # A filler phrase inside it vanished ("based on what" is "what"): never a trigger.
            log.warning(
                "ignoring unanswered_if phrase %r: without its filler it names nothing", phrase
            )
            return ""
        return f" {' '.join(words)} "

    def asks_unanswered(self, fact: Fact, query: Query) -> bool:
        """True when the question asks for a detail near `fact` that the article never gives.

        Such a question is declined with the fact's `unanswered` note ("what kind of drones?").
        """
        words = f" {query.phrased} "
        return any(phrase in words for phrase in self._unanswered.get(fact.id, ()))

    def misattributes(self, query: Query, candidate: Candidate) -> bool:
        """True when the question names a speaker who did not say what `candidate` says."""
        return any(
            word in self.lexicon.speech and entity not in candidate.speakers
            for entity, word in query.pairs
        )

    def weight(self, token: str, query: Query) -> float:
        """IDF weight of a query token; soft words count for little."""
        base = self.idf.get(token, self.max_idf)
        return base * _SOFT_WEIGHT if token in query.soft else base

    def rank(self, query: Query, *, limit: int = 5) -> list[Candidate]:
        """Score every fact and gap against `query`, best first (at most `limit`).

        A word nothing in the fact base knows ("died", "Chinese") counts against every
        candidate: a question that matches a fact only through common words (the city,
        pumps) and adds one of its own asks something else.
        """
        weights = {token: self.weight(token, query) for token in query.tokens}
        required = sum(w for t, w in weights.items() if t not in query.soft) + query.alien_weight
        if required <= 0:
            return []
        query_weight = sum(weights.values()) + query.alien_weight
        candidates: list[Candidate] = []
        best: list[float] = []  # a min-heap of the `limit` best scores so far
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
            if len(best) < limit:
                heapq.heappush(best, candidates[-1].score)
            else:
                heapq.heappushpop(best, candidates[-1].score)
            if len(best) >= limit:
                cutoff = best[0]
        candidates.sort(
            # Scores equal but for rounding are a tie.
            key=lambda c: (
                -round(c.score, _TIE_DIGITS),
                c.gap is not None,
                -c.evidence,
                c.fact.id if c.fact else "",
            )
        )
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
            for index in self._setting.get(token, ()):
                matched[index] = matched.get(index, 0.0) + weight
                evidence.setdefault(index, 0.0)
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
        checked = query.figures_checked_against
        if checked and fact is not None and not checked & profile.speakers:
            # "Did Ukraine say 10,000?" is best answered with what Ukraine did say.
            score *= _NEAR_FIT_FACTOR
        blockers = self._blockers(query, profile)
        if fact is not None and not query.attribution:
            types = fact.spec.answer_types
            if query.kind in _STRICT and not types & _STRICT[query.kind]:
                blockers += (f"{_WRONG_KIND}{query.kind} question, {fact.spec.type} fact",)
            elif query.kind in _PREFERRED:
                best_fit, near_fit = _PREFERRED[query.kind]
                if not types & best_fit:
                    score *= _NEAR_FIT_FACTOR if types & near_fit else _MISMATCH_FACTOR
            if profile.leads and not self._gives_what_is_asked(query, profile):
                blockers += (f"{_WRONG_KIND}no {query.kind} the question does not name",)
        return Candidate(
            score=score,
            fact=fact,
            gap=gap,
            explained=explained,
            similarity=similarity,
            blockers=blockers,
            evidence=evidence,
            tokens=profile.tokens,
            speakers=profile.speakers,
            setting=profile.setting,
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

    def explained_alone(self, query: Query, candidate: Candidate) -> float:
        """How much of the question `candidate` explains if its article were the only one.

        With several articles in a folder a question word may be known only from another
        article; alone, the fact's article would count it as a word it never uses. A fact that
        answers only thanks to the other articles ("how many were evacuated?" next to a flood
        report, asked of a launch report) is then no answer.
        """
        if candidate.fact is None:
            return candidate.explained
        frequency = self._article_frequency[candidate.fact.article]
        count = self._article_items[candidate.fact.article]
        required = query.alien_weight
        matched = matched_soft = 0.0
        for token in query.tokens:
            soft = token in query.soft
            if token in frequency:
                weight = math.log(1 + count / frequency[token]) * (_SOFT_WEIGHT if soft else 1.0)
            elif token in candidate.setting:
                weight = math.log(1 + count) * (_SOFT_WEIGHT if soft else 1.0)
            elif soft:
                continue
            else:
                required += ALIEN_WEIGHT  # a word this article never uses
                continue
            if token in candidate.tokens or token in candidate.setting:
                matched += weight
                matched_soft += weight if soft else 0.0
            if not soft:
                required += weight
        return matched / (required + matched_soft) if required > 0 else 0.0

    def _canonical_opposites(self, pairs: Iterable[tuple[str, str]]) -> dict[str, frozenset[str]]:
        """The opposites of every token the fact base uses, as the lexicon spells them."""
        canonical = self.lexicon.canonical_word
        opposites: dict[str, set[str]] = {}
        for word, opposite in pairs:
            token, other = canonical(word), canonical(opposite)
            if token and other and token != other and other in self.idf:
                opposites.setdefault(token, set()).add(other)
        return {token: frozenset(others) for token, others in opposites.items()}

    def _opposed(self, query: Query, profile: _Profile) -> list[str]:
        """What the question asks that the fact says the opposite of, or of another year.

        "Demote" is against "promoted"; a year the question names that the fact does not is
        another time.

        A yes/no question claiming the opposite is answered with what the fact says instead;
        any other question asks about something the fact does not say.
        """
        if query.checks or YES_NO.match(query.normalized):
            return []
        # "Revenue for 2012?" is not answered by a sentence about 2011's.
        years = [
            f"another year than {t}"
            for t in query.tokens
            if YEAR.match(t) and t not in profile.tokens and t not in query.soft
        ]
        return years + [
            f"opposite of {token}"
            for token in (*query.tokens, *query.aliens)
            if token not in profile.tokens
            and token not in query.soft
            and self._opposites.get(token, frozenset()) & profile.tokens
        ]

    def _gives_what_is_asked(self, query: Query, profile: _Profile) -> bool:
        """True unless the question wants a kind of answer the fact's sentence does not hold.

        "Who founded the company?" needs a person or group other than the company itself;
        "when ...?" a day; "how far ...?" a distance; "how many boulders?" a count that is not
        a time, a distance or a sum of money, and is of boulders if it says what it counts.
        Only generated facts carry the short answers this is read from, and only kinds whose
        answers the parse finds reliably are checked ("where" is not: "the basement").
        """
        wanted = LEAD_TYPES.get(query.kind)
        if wanted is None or query.kind in _UNCHECKED_KINDS:
            return True
        asked = set(query.tokens)
        if query.kind == "who" and all(t in self.lexicon.entities for t in asked - query.soft):
            return True  # "who is Anika Droste?" asks about her, not for someone else
        # "How long will the warning last?" may be answered by a day ("until Tuesday"); "how
        # long has she been mayor?" only by a length of time.
        until = "time" in query.units and bool(_UNTIL.search(query.normalized))
        if until:
            wanted = wanted | {"date"}
        fitting = [
            (kind, own, measure)
            for kind, own, measure in profile.leads
            if kind in wanted and not (own and own <= asked)
        ]
        if query.units:
            # "How far?" is not answered by "90 seconds"; "how long will it last?" may be by a day.
            fitting = [
                (kind, own, measure)
                for kind, own, measure in fitting
                if measure in query.units or (kind == "date" and until)
            ]
        if query.counted:
            # "How many boulders?" is not answered by "90 seconds" or "412 million euros".
            return any(
                not measure
                and (
                    not (noun := {t for t in own if not t.isdigit()})
                    or query.counted & noun
                    or query.counted & profile.tokens
                )
                for _, own, measure in fitting
            )
        return bool(fitting)

    def _blockers(self, query: Query, profile: _Profile) -> tuple[str, ...]:
        lexicon = self.lexicon
        # "Did the mayor say ...?" checks a speaker rather than naming what the fact is about: a
        # fact by someone else can still answer it (and the answer says who really said it).
        speakers = set(query.checked_speakers)
        if query.checks and lexicon.speech & set(query.tokens):
            # "Did the mayor make the sandbag comment?": the speaker checked stands apart.
            speakers |= {t for t in query.tokens if t in self.speakers}
        if query.attribution:
            # "Who said it, France or Germany?": candidate sources, not the subject.
            speakers |= {t for t in query.tokens if t in self.speakers}
        # "Was it France or Germany that ...?": the other name is only offered.
        offered = {name for name, other in query.either if other in profile.tokens}
        blockers = [
            token
            for token in query.tokens
            if token in lexicon.entities
            and token not in profile.tokens
            and token not in speakers
            and token not in query.soft
            and token not in offered
            and token not in profile.setting
        ]
        # "French troops fighting Berlin's forces": troops of a country the fact names may face
        # others; only troops of none of its countries make another question.
        matched_heads = {
            word for entity, word in query.pairs if entity in profile.heads.get(word, ())
        }
        for entity, word in query.pairs:
            qualifiers = profile.heads.get(word, frozenset())
            if (
                word in lexicon.heads
                and qualifiers
                and entity not in qualifiers
                and word not in matched_heads
            ):
                blockers.append(f"{entity} {word}")
            # "Did the Vatican confirm ...?": nobody in the article speaks for the Vatican.
            # "... in Halberg, who's claiming that?": Halberg is what is claimed about.
            subject = query.attribution and entity not in self.speakers
            if (
                word in lexicon.speech
                and entity not in profile.speakers
                and entity not in speakers
                and query.kind not in {"who", "name"}
                and not subject
            ):
                blockers.append(f"{entity} {word}")
        if profile.requires and not profile.requires & set(query.tokens):
            blockers.append("needs " + "/".join(sorted(profile.requires)))
        blockers += self._opposed(query, profile)
        return tuple(blockers)
