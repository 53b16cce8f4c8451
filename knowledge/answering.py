"""The answering policy: answer from one fact, answer each part of a question, or decline.

Declining is the default: a fact answers only when it explains nearly all of the question and
nothing in the question rules it out. A decline is a normal `Answer` with suggestions of
questions the fact base can answer.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from typing import Final

from rapidfuzz import fuzz, process

from knowledge.checking import LEAD_TYPES, asks_beyond
from knowledge.matching import Candidate, FactIndex
from knowledge.models import Answer, Citation, Fact, KnowledgeBase
from knowledge.normalizing import normalize
from knowledge.querying import Query

log = logging.getLogger(__name__)

MAX_ANSWER_CHARS: Final = 400
MAX_QUESTION_CHARS: Final = 2_000
MAX_SUGGESTIONS: Final = 3

_ANSWER_THRESHOLD: Final = 0.5
_MIN_EXPLAINED: Final = 0.72
# A question naming only something common ("what about Russia?") is too vague to answer.
_MIN_EVIDENCE: Final = 1.2
_FALLBACK_MARGIN: Final = 0.12
_GAP_MARGIN: Final = 0.05
_AUTOCOMPLETE_CUTOFF: Final = 60
# A message with no question form and at most this many content words is a remark, not a question.
_REMARK_TOKENS: Final = 1
_SUGGESTION_THRESHOLD: Final = 0.15
_CONFIDENCE_SCALE: Final = 0.85
# Words that only ask whose word something is ("according to whom?"): they name no subject.
_ASKING_WHO: Final = "according"


DECLINE_TEXT: Final = "The article doesn't say."
OPINION_NOTE: Final = (
    "It reports what was said and estimated, not whether it was right: that judgement is yours."
)
EMPTY_TEXT: Final = "I can only answer questions about the article."
THANKS_TEXT: Final = "You're welcome! Ask me anything else about the article."

# Where one message holds several questions, or a question and chit-chat: sentence ends,
# emoji, "; + & /", "but does ...", "and who ...".
_SPLIT: Final = re.compile(
    r"(?<=[.!?:])\s+(?=\S)|;\s*|\s[+&/\-\u2013\u2014]\s|[\U0001F000-\U0001FAFF\u2600-\u27BF]+"
    r"|\s\d[).]\s"
    r"|\s+but\s+(?=(?:does|do|did|is|are|was|were|what|who|when|where|why|how|can|could|will)\b)"
    r"|,\s+(?:like\s+)?(?=(?:how many|how much|who|what|whats|when|where|why)\b)"
    r"|,?\s+(?:and|also|plus|&|,)\s+(?:also\s+)?(?=(?:(?:on|in|at|by|for|from|since|with)\s+)?"
    r"(?:who|whom|whose|what|whats|when|where|why"
    r"|how|which|did|does|do|is|are|was|were|has|have|will|can|could|according|about)\b)",
    re.IGNORECASE,
)


# The yes or no an answer opens with ("Yes, the signs point that way:", "Not yet:",
# "Unlikely,"): right for the question the fact was written for, wrong for its opposite.
_POLARITY_LEAD: Final = re.compile(
    r"^(?:Yes|No|Not yet|Unlikely|Likely)(?:, the signs point that way)?[,:]\s*"
)
# Words by which a question asks the opposite, or a narrower claim, of what a fact says.
_CONTRARY: Final = re.compile(
    r"\b(only|just|merely|instead|rather than|away from|out of|stay out|keep out|kept out|avoid"
    r"|behind the lines|in the rear|not|never|no longer|stop|stopped|hasnt|havent|wont|isnt"
    r"|arent|didnt|doesnt|dont)\b"
)
# "bot, write ...", "hey bot generate ...": the bot addressed before an instruction.
_ADDRESS: Final = re.compile(r"^((hey|hi|yo|ok|okay|please|pls|plz) )*(bot|newsbot) ")
# "thanks bot", "appreciate the quick summaries": gratitude, not a question.
_THANKS: Final = re.compile(r"^(thanks|thank you|thx|ty|tysm|appreciate|cheers|much appreciated)\b")
# "Who are Brel and Okafor?": the same question about two names.
_WHO_BOTH: Final = re.compile(
    r"^(who (?:is|are|were|was|s)) ((?:\w+ ){0,2}\w+) and ((?:\w+ ){0,2}\w+)\s*[?.!]*$",
    re.IGNORECASE,
)
# Words a yes/no question may open with before its verb ("so are they fighting already?").
_LEAD_IN: Final = r"^((so|ok|okay|wait|but|and|hey|yo|lol|hmm|um|well|then|right|also) )*"
# "... or is it more of a prediction?", "... or just weapons": a second option offered.
_OR_ELSE: Final = re.compile(r",?\s+or\s+(?!\d)", re.IGNORECASE)
_YES_NO_START: Final = re.compile(
    _LEAD_IN + r"(is|are|was|were|do|does|did|has|have|had|will|would|can|could)\b"
)
_QUESTION_WORD: Final = re.compile(
    r"\b(who|whom|whose|what|whats|when|where|why|how|which|according|tell|explain|give"
    r"|summari[sz]e|summary|tldr|gist|rundown|overview|list|show|describe|recap"
    r"|whos|hows|wheres|whens|whys)\b"
    r"|" + _LEAD_IN + r"(is|are|was|were|do|does|did|has|have|had|will|would|can|could|should)\b"
)


def _thanks(text: str, query: Query) -> bool:
    """True when a message only thanks the bot ("thanks bot!"), asking nothing."""
    return bool(_THANKS.match(query.normalized)) and "?" not in text


def _asks(text: str, query: Query) -> bool:
    """True when a piece of a message is a question rather than chit-chat around one."""
    return (
        "?" in text
        or query.attribution
        or query.kind != "open"
        or bool(_QUESTION_WORD.search(query.normalized))
    )


@dataclass(frozen=True)
class _Decision:
    """What the policy decided for one question or one part of it."""

    query: Query
    best: Candidate | None
    ranked: tuple[Candidate, ...]
    note: str = ""

    @property
    def fact(self) -> Fact | None:
        return self.best.fact if self.best is not None else None


def clip(text: str, limit: int = MAX_ANSWER_CHARS) -> str:
    """Shorten `text` to at most `limit` characters at a word boundary, marking the cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


class Engine:
    """Answers questions from a `KnowledgeBase`; deterministic and never raising."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        # A fact the article states in its own voice is credited to nobody in a short answer.
        self._unattributed = frozenset(
            {"the article", *(a.meta.outlet for a in kb.articles.values() if a.meta.outlet)}
        )
        self.index = FactIndex(kb)
        self._asking_who = frozenset(self.index.lexicon.tokens(_ASKING_WHO))
        self._facts = {fact.id: fact for fact in kb.facts}
        # Default suggestions lead with one question per topic, so they show the article's range.
        leads = {fact.spec.topic: fact.spec.questions[0] for fact in reversed(kb.facts)}
        ordered = [leads[topic] for topic in dict.fromkeys(f.spec.topic for f in kb.facts)]
        self._suggestions = list(
            dict.fromkeys([*ordered, *(f.spec.questions[0] for f in kb.facts)])
        )
        # With several articles, a decline suggests questions about the one it came nearest.
        self._article_suggestions = {
            article: [q for q in self._suggestions if q in firsts]
            for article in kb.articles
            if (firsts := {f.spec.questions[0] for f in kb.facts if f.article == article})
        }
        self._autocomplete = list(
            dict.fromkeys(question for fact in kb.facts for question in fact.spec.questions)
        )

    def answer(self, question: str, *, previous: Answer | None = None) -> Answer:
        """Answer `question` from the fact base, or decline with suggestions.

        Args:
            question: Anything a user typed.
            previous: The answer this user got last, if the front end keeps a conversation:
                a bare follow-up ("according to whom?", "source?") is answered from it.

        Returns:
            An `Answer`: answered with citations, or a decline (``answered`` false).
        """
        try:
            if previous is not None and previous.answered:
                follow_up = self._follow_up(question, previous)
                if follow_up is not None:
                    return follow_up
            return self._answer(question)
        except Exception:  # pragma: no cover - a bug must cost one answer, not the bot
            log.exception("failed to answer %r", question[:200])
            return Answer(
                question=question,
                answered=False,
                text=DECLINE_TEXT,
                confidence=0.0,
                suggestions=tuple(self._suggestions[:MAX_SUGGESTIONS]),
            )

    def _follow_up(self, question: str, previous: Answer) -> Answer | None:
        """Answer "who said that?" about `previous`; None when `question` is a new question."""
        query = self.index.query(question[:MAX_QUESTION_CHARS])
        facts = [self._facts[i] for i in previous.fact_ids if i in self._facts]
        if query.has_content or not query.attribution or not facts:
            return None
        sources = list(dict.fromkeys(fact.spec.source for fact in facts))
        said = " and ".join(sources)
        return Answer(
            question=question,
            answered=True,
            text=clip(f"According to {said}: " + " ".join(fact.spec.answer for fact in facts)),
            confidence=previous.confidence,
            citations=previous.citations,
            fact_ids=previous.fact_ids,
        )

    def suggest(self, partial: str, limit: int = 25) -> list[str]:
        """Return answerable questions that resemble what the user has typed so far.

        Args:
            partial: The text typed so far (may be empty).
            limit: The most questions to return.
        """
        if limit <= 0:
            return []
        typed = normalize(partial[:MAX_QUESTION_CHARS])
        if not typed:
            return self._suggestions[:limit]
        # First the questions of the facts the engine itself finds for the text ("uk" means
        # the United Kingdom), closest wording first; then plain fuzzy matches on the wording.
        query = self.index.query(typed)
        ranked = self.index.rank(query, limit=limit) if query.has_content else []
        picks: list[str] = []
        for candidate in ranked:
            if candidate.fact is not None and not candidate.blocked:
                questions = candidate.fact.spec.questions
                picks.extend(
                    match[0]
                    for match in process.extract(
                        typed, questions, scorer=fuzz.token_set_ratio, processor=normalize, limit=3
                    )
                )
        picks.extend(
            match[0]
            for match in process.extract(
                typed,
                self._autocomplete,
                scorer=fuzz.token_set_ratio,
                processor=normalize,
                limit=limit,
                score_cutoff=_AUTOCOMPLETE_CUTOFF,
            )
        )
        return list(dict.fromkeys(picks))[:limit]

    def topics(self) -> dict[str, list[str]]:
        """Return each topic with the lead question of every fact in it, in file order."""
        grouped: dict[str, list[str]] = {}
        for fact in self.kb.facts:
            grouped.setdefault(fact.spec.topic, []).append(fact.spec.questions[0])
        return grouped

    def _answer(self, question: str) -> Answer:
        text = question[:MAX_QUESTION_CHARS]
        whole = self._decide(text)
        parts = [
            one for part in _SPLIT.split(text) if normalize(part) for one in self._distributed(part)
        ]
        # A judgement or an outcome asked of the whole message is not answered part by part.
        settled = whole.query.opinion or whole.query.afterwards
        if len(parts) > 1 and not self._instruction(whole.query) and not settled:
            decisions = [self._decide(part) for part in parts]
            # Chit-chat around a question ("this is wild. when did ...? thanks!") is not a part.
            asks = [_asks(part, d.query) for d, part in zip(decisions, parts, strict=True)]
            asking = [d for d, question in zip(decisions, asks, strict=True) if question]
            # Words of pure chit-chat ("I'm new here") must not steer the answer to the question
            # beside it; a remark naming what the question is about ("Paris and the Germans,
            # what do they estimate?") is part of it.
            dropped = [d for d, question in zip(decisions, asks, strict=True) if not question]
            aside = bool(asking and dropped) and all(self._chit_chat(d.query) for d in dropped)
            decisions = asking or decisions
            distinct = {d.fact.id for d in decisions if d.fact is not None}
            follow_up = any(d.query.attribution and not d.query.has_content for d in decisions)
            # A part may overrule a confident gap or note only by fitting at least as well.
            gap_score = (
                next((c.score for c in whole.ranked if not c.blocked), 0.0) if whole.note else 0.0
            )
            # ...or when another part carries that very note, so the answer keeps it.
            noted = bool(whole.note) and any(d.note == whole.note for d in decisions)
            strong = any(
                d.best is not None
                and (
                    not gap_score
                    # A one-word part ("train? ship?") is no rival to a note on the whole.
                    or (self._words(d.query) > 1 and (noted or d.best.score >= gap_score))
                )
                for d in decisions
            )
            if strong and (
                len(distinct) > 1 or (distinct and (whole.fact is None or follow_up or aside))
            ):
                return self._combine(question, decisions, whole_note=whole.note)
        if whole.best is None and not whole.note and not whole.query.opinion:
            first = self._first_alternative(text, whole.query)
            if first is not None:
                return self._render(question, first)
        return self._render(question, whole)

    @staticmethod
    def _distributed(part: str) -> list[str]:
        """Ask "who are Brel and Okafor?" as "who is Brel?" and "who is Okafor?"."""
        found = _WHO_BOTH.match(part.strip())
        if found is None:
            return [part]
        return [f"who is {found.group(2)}?", f"who is {found.group(3)}?"]

    def _first_alternative(self, text: str, query: Query) -> _Decision | None:
        """Decide "are they there to fight or is it a show of support?" by its first option.

        The other option is the asker's guess at what else might be true: words of it that
        the article never uses must not make the whole question look unanswered.
        """
        found = _OR_ELSE.search(text)
        if found is None or not _YES_NO_START.match(query.normalized):
            return None
        decision = self._decide(text[: found.start()])
        return decision if decision.best is not None else None

    def _decide(self, text: str) -> _Decision:
        query = self.index.query(text)
        named = set(query.tokens) - self.index.lexicon.speech - self._asking_who
        if not query.has_content and query.attribution and named:
            # "What's the source of the article?" with nothing before it to follow up on: its
            # soft words are all it names, so they count in full.
            query = replace(query, soft=frozenset())
        elif self._instruction(query) or not query.has_content or self._remark(text, query):
            return _Decision(query, None, ())
        ranked = tuple(self.index.rank(query, limit=5))
        if query.opinion:
            return _Decision(query, None, ranked, note=OPINION_NOTE)
        best = self._acceptable(ranked)
        # Several articles: the one answering must answer as it would on its own.
        several = len(self.kb.articles) > 1
        if (
            best is not None
            and several
            and self.index.explained_alone(query, best) < _MIN_EXPLAINED
        ):
            best = None
        if best is None:
            return _Decision(query, None, ranked, note=self._unanswered_detail(query, ranked))
        if best.gap is not None:
            rival = self._acceptable(tuple(c for c in ranked if c.fact is not None))
            # A gap wins through something in the question that the fact cannot explain
            # ("which *towns*"), or by fitting clearly better; never by a hair.
            distinctive = set(query.tokens) & (best.tokens - rival.tokens) if rival else set()
            # "Who says the US will announce more aid?" asks for a source, which facts have.
            # "59 billion in aid, is that right?" checks a figure a fact gives: the fact says.
            if rival is None or (
                not query.attribution
                and not (
                    query.checks and any(t.isdigit() and t in rival.tokens for t in query.tokens)
                )
                # A gap explaining less of the question than the fact is no better guess.
                and best.explained >= rival.explained
                and (distinctive or best.score - rival.score > _GAP_MARGIN)
            ):
                return _Decision(query, None, ranked, note=best.gap.note)
            best = rival
        note = self._ruled_out(query, ranked, best)
        if note is not None:
            return _Decision(query, None, ranked, note=note)
        return _Decision(query, best, ranked)

    def _ruled_out(
        self, query: Query, ranked: tuple[Candidate, ...], best: Candidate
    ) -> str | None:
        """Return why the best fact must not answer after all ("" for no note), else None."""
        if query.checked and best.fact is not None and "date" not in best.fact.spec.answer_types:
            # "Did they lose ground in September?" checks a time only a date can answer.
            return ""
        # The detail asked for may belong to a fact ruled out only by the kind of answer it gives,
        # when the question names something of that fact's that the best one lacks ("on what
        # date did the mayor make her *earlier* statement?" is about the earlier statement).
        for candidate in ranked:
            fact = candidate.fact
            if candidate.score < best.score - _FALLBACK_MARGIN:
                break
            if candidate is not best:
                own = (set(query.tokens) - self.index.lexicon.speech) & (
                    candidate.tokens - best.tokens
                )
                # A fact ahead by a clear margin is what the question is about, even without
                # a word of its own ("when was the AP *founded*?").
                clearly_ahead = candidate.score - best.score > _GAP_MARGIN
                if not (own or clearly_ahead) or (
                    candidate.score < best.score and candidate.right_kind
                ):
                    continue
            if fact is not None and self.index.asks_unanswered(fact, query):
                return fact.spec.unanswered
        return None

    def _unanswered_detail(self, query: Query, ranked: tuple[Candidate, ...]) -> str:
        """Return the note of a leading fact if the question asks a detail it lacks, else "".

        The fact may be ruled out only by the kind of answer it gives ("on what date did the mayor
        make her earlier statement?" asks a date of a quote).
        """
        for candidate in ranked:
            if candidate.score < ranked[0].score - _FALLBACK_MARGIN:
                break
            if (
                candidate.fact is not None
                and candidate.explained >= _MIN_EXPLAINED
                and (candidate.kind_only or not candidate.blocked)
                and self.index.asks_unanswered(candidate.fact, query)
            ):
                return candidate.fact.spec.unanswered
        return ""

    @staticmethod
    def _remark(text: str, query: Query) -> bool:
        """True for a short remark that asks nothing ("this server is dead today", "thanks!")."""
        if _thanks(text, query):
            return True
        content = {t for t in query.tokens if t not in query.soft}
        return len(content) <= _REMARK_TOKENS and not _asks(text, query)

    @staticmethod
    def _words(query: Query) -> int:
        """How many words of content a question has (soft words and small numbers aside)."""
        return sum(t not in query.soft for t in query.tokens)

    def _chit_chat(self, query: Query) -> bool:
        """True when a part names nothing of the article's: no person, place or figure."""
        return not any(
            t in self.index.lexicon.entities or (t.isdigit() and t not in query.soft)
            for t in query.tokens
        )

    def _instruction(self, query: Query) -> bool:
        """True when the message tells the bot to do something ("write a poem", "ignore ...")."""
        return _ADDRESS.sub("", query.normalized).startswith(self.index.lexicon.instructions)

    @staticmethod
    def _acceptable(ranked: tuple[Candidate, ...]) -> Candidate | None:
        """Return the best candidate if it is good enough to answer (or to decline as a gap)."""
        usable = [c for c in ranked if not c.blocked]
        if not usable:
            return None
        best = usable[0]
        if not Engine._sufficient(best):
            # Ahead only on common words ("which one is the American number?"), or a gap that
            # explains less of the question than a fact just behind it: a close rival that is
            # good enough on its own is what is meant.
            best = next(
                (
                    c
                    for c in usable[1:]
                    if Engine._sufficient(c) and c.score >= best.score - _GAP_MARGIN
                ),
                best,
            )
        fitting = next(c for c in ranked if c.right_kind)
        if fitting.score - best.score > _FALLBACK_MARGIN:
            # The facts that fit best are ruled out, and the next one fits much worse: the
            # question is about something the article does not cover.
            return None
        return best if Engine._sufficient(best) else None

    @staticmethod
    def _sufficient(candidate: Candidate) -> bool:
        """True when a candidate scores, explains and names enough to answer by itself."""
        return (
            candidate.score >= _ANSWER_THRESHOLD
            and candidate.explained >= _MIN_EXPLAINED
            and candidate.evidence >= _MIN_EVIDENCE
        )

    def _fact_text(self, candidate: Candidate, query: Query) -> str:
        fact = candidate.fact
        if fact is None:  # pragma: no cover - only called for facts
            return ""
        text = fact.spec.answer
        lead = _POLARITY_LEAD.match(text)
        if lead and _CONTRARY.search(query.normalized):
            # "Will Russia use them only behind the lines?" must not be answered "Yes, …
            # frontline combat": the question's claim runs against the fact's, so the fact
            # is told without its yes or no.
            rest = text[lead.end() :]
            text = rest[:1].upper() + rest[1:]
        if fact.spec.partial and asks_beyond(fact, query):
            text = f"{fact.spec.partial} {text}"
        who = query.attribution or self.index.misattributes(query, candidate)
        if who and not self._names_source(text, fact):
            text = f"According to {fact.spec.source}: {text}"
        elif not who and (short := self._lead(fact, query)):
            text = f"{short}: {text}"
        return text

    def _lead(self, fact: Fact, query: Query) -> str:
        """The short answer to lead with ("About 3,500 residents"), or "" when none fits.

        Of several figures (or names, or days) the one whose neighbouring words the question
        uses is meant; one the question itself names is not what it asks for.
        """
        wanted = LEAD_TYPES.get(query.kind, frozenset())
        tokens = self.index.lexicon.tokens
        asked = set(query.tokens)
        best, best_overlap = "", -1
        for lead in fact.spec.leads:
            own = set(tokens(lead.text))
            if lead.type not in wanted or (own and own <= asked):
                continue
            # The words the figure goes with count most: "how many were injured?" is "17" in
            # "two people died and 17 were injured".
            overlap = 2 * len(asked & set(tokens(lead.about))) + len(asked & own)
            if overlap > best_overlap:
                best, best_overlap = lead.text, overlap
        if not best or normalize(fact.spec.answer).startswith(normalize(best)):
            return ""  # "Mayor Petra Lindqvist told reporters ..." leads with it already
        source = fact.spec.source
        named = set(tokens(best)) & set(tokens(source))
        credit = "" if source in self._unattributed or named else f", according to {source}"
        return best[:1].upper() + best[1:] + credit

    def _names_source(self, text: str, fact: Fact) -> bool:
        """True when `text` already says who the fact's source is."""
        tokens = self.index.lexicon.tokens
        return set(tokens(fact.spec.source)) <= set(tokens(text))

    def _confidence(self, candidate: Candidate) -> float:
        return round(min(1.0, candidate.score / _CONFIDENCE_SCALE), 3)

    def _suggest_for(self, decision: _Decision) -> tuple[str, ...]:
        picks = [
            c.fact.spec.questions[0]
            for c in decision.ranked
            if c.fact is not None and c.score >= _SUGGESTION_THRESHOLD
        ]
        nearest = next((c.fact.article for c in decision.ranked if c.fact is not None), None)
        picks += self._article_suggestions.get(nearest or "", self._suggestions)
        return tuple(dict.fromkeys(picks))[:MAX_SUGGESTIONS]

    def _render(self, question: str, decision: _Decision) -> Answer:
        if decision.best is None or decision.fact is None:
            return self._decline(question, decision)
        fact = decision.fact
        return Answer(
            question=question,
            answered=True,
            text=clip(self._fact_text(decision.best, decision.query)),
            confidence=self._confidence(decision.best),
            citations=fact.citations,
            fact_ids=(fact.id,),
        )

    def _decline(self, question: str, decision: _Decision) -> Answer:
        if decision.note:
            text = f"{DECLINE_TEXT} {decision.note}"
        elif _thanks(question, decision.query):
            text = THANKS_TEXT
        elif not decision.query.has_content and not decision.query.aliens:
            text = EMPTY_TEXT
        else:
            text = DECLINE_TEXT
        return Answer(
            question=question,
            answered=False,
            text=clip(text),
            confidence=0.0,
            suggestions=self._suggest_for(decision),
        )

    def _combine(
        self, question: str, decisions: list[_Decision], *, whole_note: str = ""
    ) -> Answer:
        texts: list[str] = []
        citations: list[Citation] = []
        fact_ids: list[str] = []
        scores: list[float] = []
        missing = False
        notes: list[str] = []
        previous: Fact | None = None
        for decision in decisions:
            fact = decision.fact
            if fact is None and decision.query.attribution and previous is not None:
                if not self._names_source(" ".join(texts), previous):
                    texts.append(f"That comes from {previous.spec.source}.")
                continue
            if fact is None or decision.best is None:
                if decision.note:
                    notes.append(decision.note)
                elif decision.query.has_content or decision.query.aliens:
                    # A part naming nothing ("what are their jobs?") leans on the others.
                    missing = True
                continue
            previous = fact
            if fact.id in fact_ids:
                continue
            texts.append(self._fact_text(decision.best, decision.query))
            citations.extend(c for c in fact.citations if c not in citations)
            fact_ids.append(fact.id)
            scores.append(decision.best.score)
        if not fact_ids:
            return self._decline(question, decisions[0])
        if missing and whole_note:
            # The part left over is what the note on the whole message is about.
            notes.append(whole_note)
            missing = False
        texts.extend(dict.fromkeys(notes))
        if missing:
            texts.append("The article doesn't answer the rest of your question.")
        return Answer(
            question=question,
            answered=True,
            text=clip(" ".join(texts)),
            confidence=round(min(1.0, min(scores) / _CONFIDENCE_SCALE), 3),
            citations=tuple(citations),
            fact_ids=tuple(fact_ids),
        )
