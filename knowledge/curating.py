"""What a curator needs from the questions the engine declined: groups, nearest facts, edits.

The logic behind a curation report (`kb report`); reading the declined questions from storage
and printing are the front end's. Questions asked in other words are grouped
(`cluster_questions`), each group's representative gets the fact it came nearest
(`nearest_fact`) and, where a phrasing would help, the one-line edit to the facts file that
makes the engine answer it, checked on an engine built with that edit (`suggest_edit`).
"""

from __future__ import annotations

import functools
import json
import math
import tomllib
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final

from rapidfuzz import fuzz, process

from knowledge.answering import Engine
from knowledge.checking import WRONG_KIND
from knowledge.deciding import Decision, DeclineReason, only_thanks
from knowledge.explaining import first_fact, nearest, unknown_kind
from knowledge.lexicon import Lexicon
from knowledge.loading import VOCABULARY_DIRECTORY, load_vocabulary
from knowledge.matching import Candidate
from knowledge.models import Fact, KnowledgeBase
from knowledge.normalizing import normalize

DEFAULT_THRESHOLD: Final = 70.0
"""How alike (0-100) two questions must be to be grouped (`cluster_questions`)."""
MAX_TRIED: Final = 3
"""How many facts `suggest_edit` tries a phrasing on (each try builds an engine)."""

# Declines a phrasing must not undo: the article is known not to say it, or nothing was asked.
_SETTLED: Final[frozenset[DeclineReason]] = frozenset(
    {"instruction", "remark", "opinion", "gap", "unanswered", "time checked"}
)
# Unknown words that settle a decline too: a name the article never mentions, another time.
_SETTLING_UNKNOWNS: Final = frozenset({"name", "time", "figure", "afterwards", "earlier"})
_RANK_LIMIT: Final = 5
_TYPO_LENGTH: Final = 5
_TYPO_SIMILARITY: Final = 85.0


@dataclass(frozen=True)
class Asked:
    """One question as first typed, and how many times it was asked (in any case or spacing)."""

    question: str
    count: int


@dataclass(frozen=True)
class Cluster:
    """Questions asking the same thing in other words, the most asked first."""

    representative: str
    """The most asked of them (the first asked, on a tie)."""
    questions: tuple[Asked, ...]

    @property
    def count(self) -> int:
        """How many times any of them was asked."""
        return sum(asked.count for asked in self.questions)


@dataclass(frozen=True)
class Edit:
    """A phrasing to add to a fact's `questions` in its facts file."""

    file: str
    """The facts file, relative to the knowledge folder ("facts/<article>.toml")."""
    article: str
    fact_id: str
    """The fact's namespaced id ("<article>/<id>"); the file names it by the part after "/"."""
    phrasing: str
    verified: bool
    """True when an engine built with the edit answers the question from this fact."""

    def line(self) -> str:
        """Render the edit as one line, e.g. `facts/a.toml, fact b: add to questions "…"`."""
        fact = self.fact_id.removeprefix(f"{self.article}/")
        quoted = json.dumps(self.phrasing, ensure_ascii=False)  # a valid TOML string too
        line = f"{self.file}, fact {fact}: add to questions {quoted}"
        return line if self.verified else f"{line} (not enough on its own: it still declines)"


def question_words(engine: Engine | None = None) -> Callable[[str], str]:
    """Return a processor giving a question's content words, the way `engine` reads them.

    Synonyms become one token ("boats", "vessels"), typos of the article's words are
    corrected and stop words are dropped, so that "how many boats were sent?" and "how many
    vessels did they send" compare alike. Without an engine, the general English vocabulary
    does this (an article's own names and shorthand are then left as typed).
    """
    lexicon = engine.index.lexicon if engine is not None else _general_lexicon()
    # Typos are corrected into an article's words only: general English alone would take
    # words it does not list for typos ("paying" for "playing").
    spell = lexicon.spell if engine is not None else str

    def words(question: str) -> str:
        # Everyday words stay: to the engine "paying" or "deny" say little about which fact is
        # meant, but they tell one declined question from another.
        tokens = (
            lexicon.canonical_word(word)
            for word in lexicon.words(spell(normalize(question)))
            if word not in lexicon.stopwords
        )
        return " ".join(dict.fromkeys(t for t in tokens if t and t not in lexicon.stopwords))

    return words


@functools.cache
def _general_lexicon() -> Lexicon:
    """The lexicon of the general vocabulary alone (read once, about 0.1 s)."""
    return Lexicon(load_vocabulary(VOCABULARY_DIRECTORY / "synonyms.toml"))


def cluster_questions(
    questions: Sequence[str],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    processor: Callable[[str], str] | None = None,
) -> list[Cluster]:
    """Group questions that ask the same thing in other words, the largest group first.

    Repeats (equal after `normalize`) count as one question asked several times. Questions are
    compared on their content words (`processor`), each word weighted by how rare it is among
    the questions: "died" tells more than the name of the town most of them ask about. A
    word matches its typo (`fuzz.ratio`). The most asked question leads a group; each other
    question joins the group whose leader it is most like, or leads a new one. Only leaders are
    compared, so no chain of small steps joins unrelated questions; the same input gives the
    same groups.

    Args:
        questions: The questions, e.g. every declined one, repeats included.
        threshold: How alike, 0-100, a question must be to a group's leader to join it: the
            weighted share of both questions' words that the other has too.
        processor: What to compare of each question; None is `question_words()` (general
            English), `question_words(engine)` reads them as the engine does.

    Returns:
        The groups, largest (most asked) first; on a tie, the one asked first.
    """
    words = processor if processor is not None else question_words()
    first: dict[str, str] = {}
    counts: Counter[str] = Counter()
    for question in questions:
        key = normalize(question)
        if key:
            first.setdefault(key, question.strip())
            counts[key] += 1
    order = {key: i for i, key in enumerate(first)}
    keys = sorted(first, key=lambda key: (-counts[key], order[key]))
    # "thanks!" has no content words: it is compared whole.
    words_of = {key: words(key).split() or [key] for key in keys}
    spelled = _typos(Counter(word for bag in words_of.values() for word in set(bag)))
    bags = {key: frozenset(spelled.get(w, w) for w in bag) for key, bag in words_of.items()}
    frequency = Counter(word for bag in bags.values() for word in bag)
    weight = {word: math.log(1 + len(keys) / n) for word, n in frequency.items()}
    totals = {key: sum(weight[w] for w in bag) for key, bag in bags.items()}
    # Two questions this far apart in weight cannot share enough of it.
    share = min(max(threshold, 1.0), 100.0) / 100
    narrow, wide = share / (2 - share), (2 - share) / share
    leaders: list[str] = []
    members: list[list[str]] = []
    postings: dict[str, list[int]] = {}
    for key in keys:
        bag, total = bags[key], totals[key]
        best, best_score = -1, threshold
        for i in sorted(
            {i for word in _telling(bag, weight, share) for i in postings.get(word, ())}
        ):
            leader = leaders[i]
            if not total * narrow <= totals[leader] <= total * wide:
                continue
            shared = 2 * sum(weight[w] for w in bag & bags[leader])
            score = 100 * shared / (total + totals[leader])
            if score > best_score or (best < 0 and score >= best_score):
                best, best_score = i, score
        if best >= 0:
            members[best].append(key)
            continue
        for word in bag:
            postings.setdefault(word, []).append(len(leaders))
        leaders.append(key)
        members.append([key])
    clusters = [
        Cluster(
            representative=first[group[0]],
            questions=tuple(Asked(first[key], counts[key]) for key in group),
        )
        for group in members
    ]
    return sorted(clusters, key=lambda c: (-c.count, order[normalize(c.representative)]))


def _typos(frequency: Mapping[str, int]) -> dict[str, str]:
    """Map each long word to a more frequent word it is a typo of ("okafr": "okafor")."""
    spelled: dict[str, str] = {}
    seen: dict[str, list[str]] = {}
    for word in sorted(frequency, key=lambda word: (-frequency[word], word)):
        if len(word) < _TYPO_LENGTH:
            continue
        same_start = seen.setdefault(word[0], [])
        found = process.extractOne(
            word, same_start, scorer=fuzz.ratio, processor=None, score_cutoff=_TYPO_SIMILARITY
        )
        if found is None:
            same_start.append(word)
        else:
            spelled[word] = found[0]
    return spelled


def _telling(bag: frozenset[str], weight: Mapping[str, float], share: float) -> list[str]:
    """The heaviest words of `bag`, of which a question alike enough must share one.

    Whatever shares none of them shares at most the rest of the weight, too little to reach
    `share`: only leaders sharing one of these need comparing.
    """
    total = sum(weight[word] for word in bag)
    telling: list[str] = []
    covered = 0.0
    for word in sorted(bag, key=lambda word: (-weight[word], word)):
        telling.append(word)
        covered += weight[word]
        if covered > total * (1 - share / 2):
            break
    return telling


def nearest_fact(engine: Engine, question: str) -> tuple[str, float] | None:
    """Return the fact `question` came nearest and its score, even when the engine declines.

    The fact that answers; else the one the decline rests on or the best ranked; else, when
    words the article never uses kept every fact away ("... in Paris?"), the best ranked
    without them. None when the question names nothing the article has.
    """
    candidate = _nearest_candidate(engine, question)
    if candidate is None or candidate.fact is None:
        return None
    return candidate.fact.id, candidate.score


def suggest_edit(
    engine: Engine, question: str, *, files: Mapping[str, str] | None = None
) -> Edit | None:
    """Return the phrasing to add to a fact so that `engine` answers a question it declines.

    The question itself is added to the `questions` of the facts it came nearest, one fact at
    a time (at most `MAX_TRIED`), and an engine is built with each edit until one answers the
    question from that fact. Whether the fact truly answers it is the curator's call.

    Args:
        engine: The engine that declined.
        question: A declined question (a cluster's representative).
        files: Each article id's facts file, relative to the knowledge folder (`facts_files`);
            by default `facts/<article id>.toml`.

    Returns:
        The edit (`verified` false when no try made the engine answer: the nearest fact's), or
        None when the engine answers it already, when nothing was asked (an instruction, a
        remark, a judgement), when the article is known not to say it (a note on what it does
        not give, a name it never mentions, a time it does not cover), or when no fact is near.
    """
    phrasing = " ".join(question.split())
    if not phrasing:
        return None
    traced = engine.trace(phrasing)
    if traced.answer.answered or traced.verdict is None:
        return None
    decision = traced.verdict.decisions[0]
    query = decision.query
    if (
        decision.why in _SETTLED
        or only_thanks(phrasing, query)
        or any(unknown_kind(engine, query, a) in _SETTLING_UNKNOWNS for a in query.aliens)
    ):
        return None
    tried = _to_try(engine, decision)
    if not tried:
        return None
    for fact in tried:
        edited = Engine(_with_phrasing(engine.kb, fact, phrasing))
        answer = edited.answer(phrasing)
        if answer.answered and answer.fact_ids[:1] == (fact.id,):
            return _edit(fact, phrasing, files, verified=True)
    return _edit(tried[0], phrasing, files, verified=False)


def facts_files(directory: Path) -> dict[str, str]:
    """Return each article id's facts file in a knowledge folder, relative to it.

    A curated file may be named otherwise than its article's id (`article = ...` inside
    says which article it holds).
    """
    files: dict[str, str] = {}
    for path in sorted((directory / "facts").glob("*.toml")):
        with path.open("rb") as handle:
            article = tomllib.load(handle).get("article")
        if isinstance(article, str):
            files.setdefault(article, f"facts/{path.name}")
    return files


def _nearest_candidate(engine: Engine, question: str) -> Candidate | None:
    traced = engine.trace(question)
    if traced.verdict is None:
        return None
    decisions = traced.verdict.decisions
    if traced.answer.answered:
        answering = next((d for d in decisions if d.fact is not None), decisions[0])
        return nearest(answering)
    decision = decisions[0]
    found = nearest(decision)
    if found is not None:
        return found
    return first_fact(_ranked_without_unknowns(engine, decision))


def _ranked_without_unknowns(engine: Engine, decision: Decision) -> list[Candidate]:
    """Rank the facts for a question as if it used no word the article never uses."""
    query = decision.query
    if not query.aliens or not query.has_content:
        return []
    return engine.index.rank(replace(query, aliens=(), alien_weight=0.0), limit=_RANK_LIMIT)


def _to_try(engine: Engine, decision: Decision) -> list[Fact]:
    """The facts to add a phrasing to, nearest first: never one of another kind of answer.

    A phrasing cannot make a fact give a number it does not hold.
    """
    candidates = [nearest(decision), *decision.ranked]
    if all(c is None or c.fact is None for c in candidates):
        candidates = list(_ranked_without_unknowns(engine, decision))
    facts: dict[str, Fact] = {}
    for candidate in candidates:
        if candidate is None or candidate.fact is None:
            continue
        if any(b.startswith(WRONG_KIND) for b in candidate.blockers):
            continue
        facts.setdefault(candidate.fact.id, candidate.fact)
    return list(facts.values())[:MAX_TRIED]


def _with_phrasing(kb: KnowledgeBase, fact: Fact, phrasing: str) -> KnowledgeBase:
    """`kb` with `phrasing` added to the questions of `fact` (nothing else changed)."""
    spec = fact.spec.model_copy(update={"questions": (*fact.spec.questions, phrasing)})
    edited = fact.model_copy(update={"spec": spec})
    facts = tuple(edited if f.id == fact.id else f for f in kb.facts)
    return kb.model_copy(update={"facts": facts})


def _edit(fact: Fact, phrasing: str, files: Mapping[str, str] | None, *, verified: bool) -> Edit:
    file = (files or {}).get(fact.article, f"facts/{fact.article}.toml")
    return Edit(
        file=file, article=fact.article, fact_id=fact.id, phrasing=phrasing, verified=verified
    )
