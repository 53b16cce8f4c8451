"""Draw the candidates for a question from the index: the facts (and gaps) it could be about.

question -> query -> **candidates** -> checks -> decision -> answer. Every fact and gap is
indexed once by its tokens; a question walks only the posting lists of its own tokens, so a
folder of 200 articles costs about as much as the facts sharing its words. A candidate is
scored on how much of the question it explains (IDF-weighted) and how much the question looks
like one of its phrasings; `checking.Checker` then says what rules it out whatever its score.
"""

from __future__ import annotations

import heapq
import logging
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from knowledge.checking import WRONG_KIND, Checker, Profile, ShortAnswer
from knowledge.lexicon import MARKERS, Lexicon
from knowledge.models import Fact, Gap, KnowledgeBase, Lead
from knowledge.normalizing import normalize
from knowledge.querying import ALIEN_WEIGHT, Query, QueryReader

log = logging.getLogger(__name__)

_MIN_CANDIDATE_EXPLAINED: Final = 0.34
_SPEAKER_EVIDENCE: Final = 1.0

_SOFT_WEIGHT: Final = 0.25
_TIE_DIGITS: Final = 9
_TIE_MARGIN: Final = 1e-9


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
    leads: tuple[ShortAnswer, ...] = ()
    """The fact's short answers, as the checks read them."""

    @property
    def blocked(self) -> bool:
        """True when something in the question rules this candidate out."""
        return bool(self.blockers)

    @property
    def kind_only(self) -> bool:
        """True when the kind of answer it gives is all that rules this candidate out."""
        return all(b.startswith(WRONG_KIND) for b in self.blockers)

    @property
    def right_kind(self) -> bool:
        """True unless the question wants another kind of answer than this fact gives."""
        return not any(b.startswith(WRONG_KIND) for b in self.blockers)


class FactIndex:
    """Every fact and gap of a fact base, ready to be ranked against questions."""

    def __init__(self, kb: KnowledgeBase, *, within: FactIndex | None = None) -> None:
        """Index `kb` for ranking.

        Args:
            kb: The fact base.
            within: The index of a larger fact base holding `kb`, whose lexicon and opposites
                serve this one too (so an index of one article of a folder builds in ms).
        """
        self.kb = kb
        gaps = [gap for article_gaps in kb.gaps.values() for gap in article_gaps]
        self.lexicon: Lexicon
        self.checker: Checker
        if within is not None:
            self.lexicon = within.lexicon
        else:
            self.lexicon = Lexicon(kb.vocabulary)
            self.lexicon.learn(text for fact in kb.facts for text in self._fact_texts(fact))
            self.lexicon.learn(text for gap in gaps for text in (*gap.questions, gap.note))
        # Articles whose facts carry short answers (as `kb add` writes them): there, a fact
        # without one names no one.
        briefed = {fact.article for fact in kb.facts if fact.spec.leads}
        self.items: list[tuple[Fact | None, Gap | None, Profile]] = [
            (
                fact,
                None,
                self._profile(
                    fact.spec.questions,
                    self._fact_texts(fact),
                    fact.spec.source,
                    requires=fact.spec.requires,
                    setting=fact.spec.setting,
                    expected=fact.spec.expected,
                    leads=fact.spec.leads,
                    sentence=fact.spec.answer,
                    briefed=fact.article in briefed,
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
        # Each article's own document frequencies, to judge a fact as if its article were alone.
        self._article_frequency: dict[str, Counter[str]] = {}
        self._article_items: Counter[str] = Counter()
        for fact, _, profile in self.items:
            if fact is not None:
                self._article_frequency.setdefault(fact.article, Counter()).update(profile.tokens)
                self._article_items[fact.article] += 1
        self.checker = Checker(
            self.lexicon,
            kb.facts,
            speakers=self.speakers,
            used=self.idf,
            opposites=within.checker.opposites if within is not None else None,
        )
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
        expected: Sequence[str] = (),
        leads: Sequence[Lead] = (),
        sentence: str = "",
        briefed: bool = False,
        quoted: bool = False,
    ) -> Profile:
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
        return Profile(
            # What a minister said, her government said: a question naming the US is about it too.
            tokens=tokens,
            phrasings=tuple(frozenset(lexicon.tokens(q)) for q in questions),
            # Its source, and whoever gives one of its figures ("while the union believes ...").
            speakers=frozenset(
                spoken
                for voice in (source, *(lead.voice for lead in leads))
                for t in lexicon.tokens(voice)
                if t in lexicon.entities
                for spoken in (t, *lexicon.speaks_for.get(t, ()))
            )
            | quoting,
            heads={head: frozenset(entities) for head, entities in heads.items()},
            requires=frozenset(t for word in requires for t in lexicon.tokens(word)),
            setting=frozenset(t for name in setting for t in lexicon.tokens(name)) - tokens,
            leads=ShortAnswer.all_of(leads, lexicon, sentence),
            briefed=briefed,
            expected=frozenset(t for word in expected for t in lexicon.tokens(word)),
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

    def misattributes(self, query: Query, candidate: Candidate) -> bool:
        """True when the question names a speaker who did not say what `candidate` says."""
        return self.checker.misattributes(query, candidate.speakers)

    def asks_unanswered(self, fact: Fact, query: Query) -> bool:
        """True when the question asks for a detail near `fact` that the article never gives.

        Such a question is declined with the fact's `unanswered` note ("what kind of drones?").
        """
        return self.checker.asks_unanswered(fact, query)

    def weight(self, token: str, query: Query) -> float:
        """IDF weight of a query token; soft words count for little."""
        base = self.idf.get(token, self.max_idf)
        return base * _SOFT_WEIGHT if token in query.soft else base

    def rank(self, query: Query, *, limit: int = 5, article: str = "") -> list[Candidate]:
        """Score every fact and gap against `query`, best first (at most `limit`).

        With `article`, only that article's facts are scored.

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
        # Items not yet checked, best first by an upper bound of their score (a max-heap:
        # negated). Checks cost far more than scoring, and the phrasing similarity more than
        # the bound, so each is computed only for the item on top: similarity first (the item
        # goes back with its exact score), then the checks, which only lower a score. Once
        # nothing waiting can enter the top, the rest is never looked at.
        waiting: list[tuple[float, int, float, float, float | None]] = []

        def check_down_to(bound: float) -> None:
            nonlocal cutoff
            while waiting and -waiting[0][0] >= bound:
                upper, index, explained, evidence, similarity = heapq.heappop(waiting)
                if -upper < cutoff - _TIE_MARGIN:
                    waiting.clear()  # nothing waiting can enter the top any more
                    return
                if similarity is None:
                    similarity = max(
                        self._similarity(weights, query_weight, phrasing, total)
                        for phrasing, total in self._phrasings[index]
                    )
                    score = 0.6 * explained + 0.4 * similarity
                    heapq.heappush(waiting, (-score, index, explained, evidence, similarity))
                    continue
                candidate = self._candidate(
                    query, index, explained=explained, evidence=evidence, similarity=similarity
                )
                candidates.append(candidate)
                if len(best) < limit:
                    heapq.heappush(best, candidate.score)
                else:
                    heapq.heappushpop(best, candidate.score)
                if len(best) >= limit:
                    cutoff = best[0]

        for explained, index, evidence, shared in self._coverage(query, weights, required, article):
            # Similarity adds at most 0.4: no later item can score above this bound, so what
            # waits above it is settled first.
            check_down_to(0.6 * explained + 0.4)
            # Past the cutoff no later item can enter the top. An item explaining less than a
            # third of the question is no candidate at all.
            if 0.6 * explained + 0.4 < cutoff or explained < _MIN_CANDIDATE_EXPLAINED:
                break
            # No phrasing shares more of the question than the whole item does.
            upper = 0.6 * explained + 0.4 * shared / query_weight
            if upper >= cutoff - _TIE_MARGIN:
                heapq.heappush(waiting, (-upper, index, explained, evidence, None))
        check_down_to(-1.0)
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
        self, query: Query, weights: dict[str, float], required: float, article: str = ""
    ) -> list[tuple[float, int, float, float]]:
        """Return (explained share, item, evidence, weight shared) for each possible candidate.

        An item explaining less than `_MIN_CANDIDATE_EXPLAINED` of the question is no candidate,
        so only items holding one of the question's weightiest words are gathered: once the
        words left could not lift a new item to that share, their long posting lists are not
        walked. The share and evidence of each item gathered are then summed over the whole
        question. Best first.
        """
        soft = query.soft
        # What a word can add to an item's share: a soft word also widens the denominator.
        lift = {
            t: w if t not in soft else w * (1 - _MIN_CANDIDATE_EXPLAINED)
            for t, w in weights.items()
        }
        left = sum(lift.values())
        # A margin so that rounding never drops an item sitting on the bar.
        bar = _MIN_CANDIDATE_EXPLAINED * required * (1 - 1e-6)
        gathered: set[int] = set()
        for token in sorted(weights, key=lambda t: -lift[t]):
            if left < bar:
                break
            gathered.update(self._postings.get(token, ()))
            gathered.update(self._setting.get(token, ()))
            left -= lift[token]
        if article:
            gathered = {
                i for i in gathered if (fact := self.items[i][0]) and fact.article == article
            }
        speakers = {e for e, word in query.pairs if word in self.lexicon.speech}
        coverage: list[tuple[float, int, float, float]] = []
        # Each word with what it weighs, read once: sums run in the question's word order.
        terms = [(t, w, self.idf.get(t, 0.0), t in soft) for t, w in weights.items()]
        items = self.items
        for index in gathered:
            profile = items[index][2]
            tokens, setting = profile.tokens, profile.setting
            matched = matched_soft = found = shared = 0.0
            for token, weight, idf, is_soft in terms:
                if token in tokens:
                    found += idf
                    shared += weight
                elif token not in setting:
                    continue
                matched += weight
                if is_soft:
                    matched_soft += weight
            if speakers & profile.speakers:
                # "What does Ukraine think?" names the fact's own source: that is evidence too.
                found += _SPEAKER_EVIDENCE
            # The same weights summed in another order must not fall short of 1.
            whole = required + matched_soft
            explained = 1.0 if whole - matched < _TIE_MARGIN * whole else matched / whole
            coverage.append((explained, index, found, shared))
        coverage.sort(key=lambda item: (-item[0], item[1]))
        return coverage

    def _candidate(
        self, query: Query, index: int, *, explained: float, evidence: float, similarity: float
    ) -> Candidate:
        """Score one item fully: its checks (blockers, answer-kind fit) on top of its match."""
        fact, gap, profile = self.items[index]
        blockers, factor = self.checker.check(query, profile, fact)
        score = (0.6 * explained + 0.4 * similarity) * factor
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
            leads=profile.leads,
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

    def uses(self, article: str, token: str) -> bool:
        """True when some fact of `article` uses `token`."""
        return token in self._article_frequency.get(article, ())

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
