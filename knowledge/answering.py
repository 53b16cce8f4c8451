"""The engine, and the last stage: the answer a user sees, with its citations.

question -> query -> candidates -> checks -> decision -> **answer**. `Engine` runs the stages
for each question (`querying`, `matching`, `checking`, `deciding`) and words the result: a
fact's answer led by the short answer asked for, what was said by whom, the notes of partial
answers, the parts of a message answered together, or a decline with suggestions.
"""

from __future__ import annotations

import logging
import re
from collections import OrderedDict
from collections.abc import Set
from dataclasses import dataclass
from typing import Final

from rapidfuzz import fuzz, process

from knowledge.checking import ShortAnswer, asks_beyond
from knowledge.deciding import (
    FORMERLY,
    Decision,
    Policy,
    Verdict,
    asks_who_someone_is,
    only_thanks,
)
from knowledge.lexicon import root
from knowledge.matching import Candidate, FactIndex
from knowledge.models import ARTICLE_VOICE, Answer, Citation, Fact, KnowledgeBase, Lead
from knowledge.normalizing import normalize
from knowledge.quantities import PEOPLE_WORDS, UNTIL_WORDS, currency_names
from knowledge.querying import Query

log = logging.getLogger(__name__)

MAX_ANSWER_CHARS: Final = 400
MAX_QUESTION_CHARS: Final = 2_000
MAX_SUGGESTIONS: Final = 3

_AUTOCOMPLETE_CUTOFF: Final = 60
_SUGGESTION_THRESHOLD: Final = 0.15
_CONFIDENCE_SCALE: Final = 0.85
# Engines over one article each, for conversations that stay on one (most recent kept).
_ARTICLE_ENGINES_KEPT: Final = 64
# How much naming a figure's voice counts in picking it, beyond any of its words.
_NAMED_VOICE: Final = 100
_VOICING: Final = "say think believe estimate reckon claim put"
_SEVERAL: Final = 2
# Words by which a question asks whose figure it is ("what figure does the union put on it?";
# not "number" alone: "what is the number of officers on duty?" asks no one's word).
_ASKS_A_VOICE: Final = frozenset({"according", "put", "puts", "estimate"})
# Confidence with which another article's answer wins over the talked-about article's decline.
_CONFIDENT_ELSEWHERE: Final = 0.6


DECLINE_TEXT: Final = "The article doesn't say."
EMPTY_TEXT: Final = "I can only answer questions about the article."
THANKS_TEXT: Final = "You're welcome! Ask me anything else about the article."


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


def _new_to_the_asker(own: frozenset[str], asked: set[str], query: Query) -> bool:
    """False for a short answer the asker cannot want.

    That is a figure the question itself names ("over what period did the 214 mm fall?").
    """
    figures = {t for t in own if t.isdigit()}
    return not (figures and figures <= asked)


def clip(text: str, limit: int = MAX_ANSWER_CHARS) -> str:
    """Shorten `text` to at most `limit` characters at a word boundary, marking the cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


@dataclass(frozen=True)
class Trace:
    """An answer with the verdict it words, for explaining it (`Engine.trace`)."""

    answer: Answer
    verdict: Verdict | None = None
    """The policy's verdict; None for a follow-up about the previous answer or a failure."""
    follow_up: bool = False
    """True when the answer tells the source of the previous answer ("according to whom?")."""


# "When will the repairs be finished?" is answered by "until at least early March".
_ENDING: Final = frozenset(root(word) for word in ("end", "finish", "complete", "over", "done"))


class Engine:
    """Answers questions from a `KnowledgeBase`; deterministic and never raising."""

    def __init__(self, kb: KnowledgeBase, *, within: Engine | None = None) -> None:
        """Answer from `kb`; `within`: an engine over a folder holding `kb`, to share with."""
        self.kb = kb
        # A fact the article states in its own voice is credited to nobody in a short answer.
        self._unattributed = frozenset(
            {ARTICLE_VOICE, *(a.meta.outlet for a in kb.articles.values() if a.meta.outlet)}
        )
        self.index: FactIndex = FactIndex(kb, within=within.index if within is not None else None)
        self.policy = Policy(kb, self.index)
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
        self._article_engines: OrderedDict[str, Engine] = OrderedDict()
        self._title_words = {
            article_id: frozenset(self.index.lexicon.tokens(article.meta.title))
            for article_id, article in kb.articles.items()
        }
        # The words by which a question asks whose word a figure is ("do the organisers say").
        self._voicing = frozenset(self.index.lexicon.tokens(_VOICING))
        self._voicing_roots = frozenset(root(t) for t in self._voicing)

    def answer(self, question: str, *, previous: Answer | None = None) -> Answer:
        """Answer `question` from the fact base, or decline with suggestions.

        Args:
            question: Anything a user typed.
            previous: The answer this user got last, if the front end keeps a conversation:
                a bare follow-up ("according to whom?", "source?") is answered from it.

        Returns:
            An `Answer`: answered with citations, or a decline (``answered`` false).
        """
        return self.trace(question, previous=previous).answer

    def trace(self, question: str, *, previous: Answer | None = None) -> Trace:
        """Answer `question` as `answer` does, keeping the verdict the answer words.

        Args:
            question: Anything a user typed.
            previous: The answer this user got last, as for `answer`.

        Returns:
            The answer `answer` gives, with the decisions behind it (`knowledge.explaining`
            tells them in plain words).
        """
        try:
            if previous is not None and previous.answered:
                follow_up = self._follow_up(question, previous)
                if follow_up is not None:
                    return Trace(follow_up, follow_up=True)
            traced = self._trace(question)
            if previous is not None and previous.answered and len(self.kb.articles) > 1:
                return self._in_conversation(question, traced, previous)
            return traced
        except Exception:  # pragma: no cover - a bug must cost one answer, not the bot
            log.exception("failed to answer %r", question[:200])
            return Trace(
                Answer(
                    question=question,
                    answered=False,
                    text=DECLINE_TEXT,
                    confidence=0.0,
                    suggestions=tuple(self._suggestions[:MAX_SUGGESTIONS]),
                )
            )

    def _in_conversation(self, question: str, traced: Trace, previous: Answer) -> Trace:
        """Keep a conversation on the article it is about.

        With several articles, "how many were evacuated?" after an answer from the flood report
        is about the flood, even if the fire report answers it too, or answers nothing because
        two articles share its words. The article last answered from answers (or declines) as it
        would on its own, unless the question names something only another article has, or
        another article answers it with confidence where this one cannot.
        """
        answer = traced.answer
        talked = previous.citations[0].article if previous.citations else ""
        if talked not in self.kb.articles:
            return traced
        elsewhere = answer.citations[0].article if answer.answered and answer.citations else ""
        if not elsewhere or elsewhere == talked:
            return traced if elsewhere else self._article_engine(talked)._trace(question)
        if self._names_elsewhere(question, talked, elsewhere):
            return traced  # "and the launch, how much did it cost?" moves to that article
        alone = self._article_engine(talked)._trace(question)
        if alone.answer.answered or answer.confidence < _CONFIDENT_ELSEWHERE:
            # "How much did it cost?" about the flood is not answered by what the launch cost.
            return alone
        return traced

    def _names_elsewhere(self, question: str, talked: str, elsewhere: str) -> bool:
        """True when `question` names what article `elsewhere` is about and `talked` is not.

        A name (a person, place or group), a figure or a word of that article's title, which
        `talked` never uses and `elsewhere` does: "how much did the *launch* cost?" leaves a
        talk about a flood for the launch report.
        """
        lexicon = self.index.lexicon
        title = self._title_words.get(elsewhere, frozenset()) - self._title_words.get(
            talked, frozenset()
        )
        subjects = lexicon.entities | (title - lexicon.general - lexicon.soft)
        tokens = self.index.query(question[:MAX_QUESTION_CHARS]).tokens
        return any(
            (t in subjects or t.isdigit())
            and self.index.uses(elsewhere, t)
            and not self.index.uses(talked, t)
            for t in tokens
        )

    def for_article(self, article: str) -> Engine:
        """The engine answering from `article` alone (an id of this fact base).

        Raises:
            KeyError: The fact base has no such article.
        """
        if article not in self.kb.articles:
            raise KeyError(article)
        if len(self.kb.articles) == 1:
            return self
        return self._article_engine(article)

    def _article_engine(self, article: str) -> Engine:
        """An engine over `article` alone (built on first use, a few kept)."""
        engine = self._article_engines.get(article)
        if engine is None:
            kb = self.kb
            alone = KnowledgeBase.model_construct(
                articles={article: kb.articles[article]},
                facts=tuple(f for f in kb.facts if f.article == article),
                gaps={article: kb.gaps.get(article, ())},
                vocabulary=kb.vocabulary,
            )
            engine = self._article_engines[article] = Engine(alone, within=self)
            if len(self._article_engines) > _ARTICLE_ENGINES_KEPT:
                self._article_engines.popitem(last=False)
        self._article_engines.move_to_end(article)
        return engine

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
        elif not who and (short := self._lead(candidate, fact, query)):
            text = f"{short}: {text}"
        return text

    def _lead(self, candidate: Candidate, fact: Fact, query: Query) -> str:
        """The short answer to lead with ("About 3,500 residents"), or "" when none fits.

        Only one that is what the question asks for (`Checker.lead_fits`: "how old" is not
        "2.4 meters"); of several, the one whose neighbouring words the question uses.
        """
        tokens = self.index.lexicon.tokens
        if asks_who_someone_is(query, self.index.lexicon.entities):
            # "Who is Henrik Saalo?": the sentence introducing him says it; a name beside his
            # ("Maren Okafor-Bell", or a group someone else belongs to) would mislead.
            return ""
        asked = set(query.tokens)
        # The words next to a figure are inflected as the article wrote them ("contributed"),
        # the question's as the asker did ("contribute"): compare their roots.
        asked_roots = {root(t) for t in asked}
        if query.people:
            # "How many people had to leave their homes?": what befell them tells the figure,
            # not "people", which "at least three people were killed" says too.
            asked_roots -= {root(t) for t in tokens(" ".join(PEOPLE_WORDS))}
        fits = self.index.checker.lead_fits
        named = self._voices_named(fact, query)
        best, best_type, best_overlap, best_at = "", "", -1, -1
        best_voice = ""
        # The index read each lead once (`Candidate.leads`, in the fact's order).
        shorts = (
            candidate.leads
            if len(candidate.leads) == len(fact.spec.leads)
            else ShortAnswer.all_of(fact.spec.leads, self.index.lexicon, fact.spec.answer)
        )
        for at, (lead, short) in enumerate(zip(fact.spec.leads, shorts, strict=True)):
            # A sum's currency is no sign of which sum is asked about (`_converted` is).
            own = short.tokens - set(tokens(" ".join(currency_names(lead.text))))
            # "What do the organisers say?" is not answered by the police's 25,000, nor by a
            # figure of theirs about something else.
            if not self._voice_answers(lead, fact, named, asked_roots, own) or not fits(
                query, short, candidate.tokens
            ):
                continue
            if not _new_to_the_asker(own, asked, query):
                continue
            if self.index.checker.counts_checked(query, short) is False:
                continue  # "were 2000 people evacuated?": "about 1,850 residents", no other
            if FORMERLY & set(normalize(lead.about).split()) - set(query.normalized.split()):
                continue  # "who is the mayor?": not "the city's former mayor, Ivo Sand"
            if (
                query.kind == "when"
                and UNTIL_WORDS & set(normalize(lead.text).split()[:1])
                and not asked_roots & _ENDING
            ):
                continue  # "closed until the end of March" does not say when it closed
            # The words the figure goes with count most: "how many were injured?" is "17" in
            # "two people died and 17 were injured".
            about = {root(t) for t in tokens(lead.about)}
            # Asked for a name, its own words count too ("the school": Greve Primary School).
            named_by = len(asked_roots & short.words) if query.kind == "name" else 0
            overlap = 2 * (2 * len(asked_roots & about) + len(asked & own) + named_by)
            if query.people and self.index.checker.names_people(short):
                overlap += 1  # "how many people?": "6,240 visitors" before a bare "three"
            # The voice asked about comes before any figure's words.
            overlap += _NAMED_VOICE * bool(named and lead.voice)
            if overlap > best_overlap:
                best, best_type, best_overlap, best_at = lead.text, lead.type, overlap, at
                best_voice = lead.voice
        best = self._converted(best, best_at, fact, asked) if best else best
        if not best or normalize(fact.spec.answer).startswith(normalize(best)):
            return ""  # "Mayor Petra Lindqvist told reporters ..." leads with it already
        # A figure nobody gives in a sentence of several voices is credited to none of them.
        voiced = any(lead.voice for lead in fact.spec.leads)
        source = best_voice or ("" if voiced else fact.spec.source)
        in_answer = set(tokens(best)) & set(tokens(source))
        unsaid = not source or source in self._unattributed or in_answer
        credit = "" if unsaid else f", according to {source}"
        published = self.kb.articles[fact.article].meta.date
        if credit and published and best_type != "date":
            # "About 8,000, according to the US government (October 31, 2024)": as of when.
            credit += f" ({published:%B} {published.day}, {published.year})"
        return best[:1].upper() + best[1:] + credit

    def _voices_named(self, fact: Fact, query: Query) -> set[str]:
        """The voices of the fact's figures that the question asks after, as the leads write them.

        "Police estimated the crowd at 25,000, while organisers put it at 40,000": "how many
        do the organisers say came?" and "how many came, according to the organisers?" name
        the organisers. Only a question asking whose word it is names a voice: "how many
        police were on duty?" does not ask what the police said.
        """
        tokens = self.index.lexicon.tokens
        asked = set(query.tokens)
        if not (asked & self._voicing or _ASKS_A_VOICE & set(query.normalized.split())):
            return set()
        soft = self.index.lexicon.soft
        return {
            lead.voice
            for lead in fact.spec.leads
            if lead.voice and {t for t in tokens(lead.voice) if t not in soft} & asked
        }

    def _voice_answers(
        self, lead: Lead, fact: Fact, named: set[str], asked_roots: set[str], own: Set[str]
    ) -> bool:
        """True unless the question names a voice and `lead` is not that voice's answer.

        Of several figures of the voice named, one must go with the question's other words:
        "how many were hurt, according to the minister?" is not answered by the minister's
        death toll when he gives both.
        """
        if not named:
            return True
        if lead.voice not in named:
            return False
        if sum(other.voice == lead.voice for other in fact.spec.leads) < _SEVERAL:
            return True  # "..., while the union believes it was 60,000": the union's one figure
        tokens = self.index.lexicon.tokens
        voice = {root(t) for t in tokens(lead.voice)}
        about = {root(t) for t in tokens(lead.about)} | {root(t) for t in own}
        return bool((asked_roots - voice - self._voicing_roots) & about)

    def _converted(self, best: str, at: int, fact: Fact, asked: set[str]) -> str:
        """The sum in the currency asked for, where the article converts it.

        "How much is the fine in dollars?" of "a 412 million mark ($46 million) fine": the
        conversion right after the sum. A sum the article does not convert stays as it is.
        """
        tokens = self.index.lexicon.tokens
        leads = fact.spec.leads
        if asked & set(tokens(" ".join(currency_names(best)))) or at + 1 >= len(leads):
            return best
        after = leads[at + 1].text
        return after if asked & set(tokens(" ".join(currency_names(after)))) else best

    def _names_source(self, text: str, fact: Fact) -> bool:
        """True when `text` already says who the fact's source is."""
        tokens = self.index.lexicon.tokens
        return set(tokens(fact.spec.source)) <= set(tokens(text))

    def _confidence(self, candidate: Candidate) -> float:
        return round(min(1.0, candidate.score / _CONFIDENCE_SCALE), 3)

    def _trace(self, question: str) -> Trace:
        verdict = self.policy.decide(question[:MAX_QUESTION_CHARS])
        if verdict.parts:
            answer = self._combine(question, list(verdict.decisions), whole_note=verdict.whole_note)
        else:
            answer = self._render(question, verdict.decisions[0])
        return Trace(answer, verdict)

    def _suggest_for(self, decision: Decision) -> tuple[str, ...]:
        picks = [
            c.fact.spec.questions[0]
            for c in decision.ranked
            if c.fact is not None and c.score >= _SUGGESTION_THRESHOLD
        ]
        nearest = next((c.fact.article for c in decision.ranked if c.fact is not None), None)
        picks += self._article_suggestions.get(nearest or "", self._suggestions)
        return tuple(dict.fromkeys(picks))[:MAX_SUGGESTIONS]

    def _render(self, question: str, decision: Decision) -> Answer:
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

    def _decline(self, question: str, decision: Decision) -> Answer:
        if decision.note:
            text = f"{DECLINE_TEXT} {decision.note}"
        elif only_thanks(question, decision.query):
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

    def _combine(self, question: str, decisions: list[Decision], *, whole_note: str = "") -> Answer:
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
