"""The answering policy: answer from one fact, answer each part of a message, or decline.

question -> query -> candidates -> checks -> **decision** -> answer. Declining is the default:
a fact answers only when it explains nearly all of the question, names enough and nothing in
the question rules it out. A message holding several questions is decided part by part.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Final, Literal

from knowledge.checking import whole_asked
from knowledge.matching import Candidate, FactIndex
from knowledge.models import Fact, KnowledgeBase
from knowledge.normalizing import normalize
from knowledge.querying import PUT_UP_AT_LEAST, ROLE_ASKED, Query

_ANSWER_THRESHOLD: Final = 0.5
_MIN_EXPLAINED: Final = 0.72
# A claim put up for checking ("the new shifts are 10 hours, right?") carries the asker's own
# details, right or wrong: the fact it is about explains less of it.
_CLAIM_THRESHOLD: Final = 0.4
_CLAIM_EXPLAINED: Final = 0.5
# A check putting up a figure of its own ("did turnout hit 70%?") is asked in the asker's words.
_PUT_UP_EXPLAINED: Final = 0.6
_NEAR_RATIO: Final = 3.0
_FIGURES: Final = re.compile(r"\d+(?:\.\d+)?")
# A question naming only something common ("what about Russia?") is too vague to answer.
_MIN_EVIDENCE: Final = 1.2
_FALLBACK_MARGIN: Final = 0.12
_GAP_MARGIN: Final = 0.05
# A message with no question form and at most this many content words is a remark, not a question.
_REMARK_TOKENS: Final = 1
# "Is Rafael Ostrand the central bank governor?" is answered by who he is.
_IDENTITY_CHECK: Final = re.compile(
    r"^(?:(?:so|ok|okay|wait|and|hey|sorry) )*(?:is|was) (\w+(?: (?!really\b|actually\b)\w+)?)"
    r" (?:really |actually )?(?:the|an?) (\w+(?: \w+){0,4})$"
)
# Words that judge rather than name a role: "is Ostrand the best finance minister?"
_JUDGING: Final = frozenset(
    {"best", "worst", "greatest", "good", "bad", "great", "better", "worse", "right", "wrong"}
)
# How far from a name its title or apposition is looked for ("Renata Vos, health spokeswoman
# for the opposition Citizens' Alliance"; "Finance Minister Rafael Ostrand").
_TITLE_BEFORE: Final = 5
_APPOSITION: Final = 16
# Where a role's own words end: "chief executive" of "chief executive of the bank".
_ROLE_HEAD: Final = re.compile(r" (?:of|for|at|in|from|on|with|to)\b")
# "Who is Ostrand?", "what's ERRA", "what does CPA stand for?": who or what a name is ("who's
# the mayor?" reads "who the mayor").
_IDENTITY: Final = re.compile(
    r"^(?:(?:so|ok|okay|wait|and|hey|sorry) )*(?:who|what) (?:is|s|are|was|were) (?:the |an? )?"
    r"\w+(?: \w+){0,3}(?<!doing)(?<!saying)(?<!about)\s*$|^whos \w+(?: \w+){0,3}$"
    r"|^who the \w+(?: \w+){0,3}$"
    r"|^whats \w+(?: \w+){0,3}(?<!doing)(?<!saying)(?<!about)$"
    r"|^what (?:does|do|did) \w+(?: \w+){0,3} stand for\b"
    r"|^what (?:title|position|job|role|post|office) (?:does|did|do) \w+(?: \w+){0,3}"
    r" (?:hold|holds|have|has|had|held)$"
)
_NAME_ALONE: Final = range(2, 6)  # "what" and a name of up to four words
# Words giving a title as held before or after: "former finance minister", "ex-mayor".
FORMERLY: Final = frozenset({"former", "ex", "then", "outgoing", "previous", "late", "incoming"})
# How many words before a title may say so ("former regional finance minister").
_TITLE_WORDS: Final = 3
# How many of the facts naming it are looked through for the one that introduces it.
_INTRODUCTIONS: Final = 20
# Words that only ask whose word something is ("according to whom?"): they name no subject.
_ASKING_WHO: Final = "according"
OPINION_NOTE: Final = (
    "It reports what was said and estimated, not whether it was right: that judgement is yours."
)
# Where one message holds several questions, or a question and chit-chat: sentence ends (not
# the dot of "Dr. Osterby"), emoji, "; + & /", "but does ...", "and who ...".
_HOW_MANY_OR_MUCH: Final = re.compile(r"\bhow (?:many|much)\b")
_SPLIT: Final = re.compile(
    r"(?<=[.!?:])(?<!\bdr\.)(?<!\bmr\.)(?<!\bms\.)(?<!\bmrs\.)(?<!\bst\.)(?<!\bprof\.)"
    r"(?<!\bgen\.)(?<!\bsen\.)(?<!\bgov\.)(?<!\bcapt\.)(?<!\bno\.)(?<!\bvs\.)(?<!\bu\.s\.)"
    r"\s+(?=\S)|;\s*|\s[+&/\-\u2013\u2014]\s|[\U0001F000-\U0001FAFF\u2600-\u27BF]+"
    r"|\s\d[).]\s"
    r"|\s+but\s+(?=(?:does|do|did|is|are|was|were|what|who|when|where|why|how|can|could|will)\b)"
    r"|,\s+(?:like\s+)?(?=(?:how many|how much|who|what|whats|when|where|why)\b)"
    r"|,\s+(?=(?:sounds|seems|so sad|so crazy|what a|crazy|wild|wow|lol|lmao|ugh|omg|yikes|smh"
    r"|haha|insane|unreal|scary|brutal|nuts)(?:\s+(?!or\b|and\b)\w+){0,2}\s*[.!?]*$)"
    r"|,?\s+(?:and|also|plus|&|,)\s+(?:also\s+)?(?=(?:(?:on|in|at|by|for|from|since|with)\s+)?"
    r"(?:who|whom|whose|what|whats|when|where|why"
    r"|how|which|did|does|do|is|are|was|were|has|have|will|can|could|according|about)\b)",
    re.IGNORECASE,
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
# A statement with a tag asks whether it holds: "halden was founded in 1960, wasn't it".
_TAGGED: Final = re.compile(
    r"\b(?:isnt|arent|wasnt|werent|dont|doesnt|didnt|hasnt|havent|hadnt|wont|wouldnt|cant"
    r"|couldnt)(?: (?:it|they|he|she|there|we|you|i|that|this))?$"
    r"|\b(?:right|correct|true|innit|yeah|yes or no)$"
)
# ... unless the tag word is the claim itself, an opinion: "lind is right", "she's so right".
_JUDGED: Final = re.compile(
    r"\b(?:is|s|are|was|were|be|am|so|shes|hes|its|thats|theyre|youre|im|good|bad|great|fair"
    r"|wrong|totally|absolutely|completely|quite|very|exactly|100) (?:right|correct|true)$"
)


DeclineReason = Literal[
    "",
    "instruction",
    "no content",
    "remark",
    "opinion",
    "nothing near",
    "all ruled out",
    "better ruled out",
    "too weak",
    "another article",
    "gap",
    "time checked",
    "unanswered",
]
"""Why no fact answers a question: what `Decision.why` holds ("" when one does).

"all ruled out": every candidate is ruled out by a check; "better ruled out": the facts that
fit best are, and the next fits much worse; "too weak": the best scores, explains or names too
little; "another article": it answers only thanks to another article's words; "time checked":
a yes/no question checks a time and the fact gives no date; "unanswered": it asks a detail near
a fact that the article never gives (the note says which).
"""


def asks_who_someone_is(query: Query, entities: frozenset[str]) -> bool:
    """True for "who is Henrik Saalo?" ("what is Henrik Saalo's job?"): who someone named is.

    The sentence introducing them answers it; another name in that sentence does not.
    """
    return (
        bool(query.tokens)
        and bool(_IDENTITY.match(query.normalized))
        and all(t in entities for t in query.tokens if t not in query.soft)
    )


def only_thanks(text: str, query: Query) -> bool:
    """True when a message only thanks the bot ("thanks bot!"), asking nothing."""
    return bool(_THANKS.match(query.normalized)) and "?" not in text


def _asks(text: str, query: Query) -> bool:
    """True when a piece of a message is a question rather than chit-chat around one."""
    return (
        "?" in text
        or query.attribution
        or query.kind != "open"
        or bool(_QUESTION_WORD.search(query.normalized))
        or bool(_TAGGED.search(query.normalized) and not _JUDGED.search(query.normalized))
    )


@dataclass(frozen=True)
class Decision:
    """What the policy decided for one question or one part of it."""

    query: Query
    best: Candidate | None
    ranked: tuple[Candidate, ...]
    note: str = ""
    why: DeclineReason = ""
    """Why no fact answers ("" when one does): kept for explaining a decline."""
    cause: Candidate | None = None
    """The candidate a decline rests on: the gap matched, the fact ruled out or too weak."""

    @property
    def fact(self) -> Fact | None:
        """The fact that answers, if any."""
        return self.best.fact if self.best is not None else None


@dataclass(frozen=True)
class Verdict:
    """What the policy decided for a whole message: one decision, or one for each part."""

    decisions: tuple[Decision, ...]
    whole_note: str = ""
    """The note the whole message got, which parts answered together may keep."""
    parts: bool = False


class Policy:
    """Decides, for one fact base, which fact answers a question, or that none does."""

    def __init__(self, kb: KnowledgeBase, index: FactIndex) -> None:
        """Decide with `index`, the candidates and checks of `kb`."""
        self.kb = kb
        self.index = index
        self._asking_who = frozenset(index.lexicon.tokens(_ASKING_WHO))

    def decide(self, text: str) -> Verdict:
        """Decide a whole message: as one question, or part by part when it holds several.

        Chit-chat around a question is no part; a part may overrule a note on the whole only by
        fitting at least as well; "are they there to fight or is it a show?" is decided by its
        first option when the whole finds nothing.
        """
        whole = self.decide_one(text)
        identity = self._identity_checked(whole)
        if identity is not None:
            return Verdict((identity,))
        parts = [
            one for part in _SPLIT.split(text) if normalize(part) for one in self._distributed(part)
        ]
        if whole_asked(whole.query.normalized) is not None:
            # "Of the 41,000, how many are retirees and how many still work?": the later count
            # asks of the 41,000 too, though it does not say so; it is no question of its own.
            parts = [part for part in parts if not _a_count_of_the_same(part)]
        # A judgement or an outcome asked of the whole message is not answered part by part.
        settled = whole.query.opinion or whole.query.afterwards
        if len(parts) > 1 and not self._instruction(whole.query) and not settled:
            decisions = [self.decide_one(part) for part in parts]
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
            # A declined whole is not answered by its question alone when what was left out of
            # it gives a year or a figure: "as of late 2010, what share ...?" asks of 2010.
            unqualified = whole.fact is None and not any(
                t.isdigit() and t not in d.query.soft
                for d in dropped
                for t in (*d.query.tokens, *d.query.aliens)
            )
            if strong and (len(distinct) > 1 or (distinct and (unqualified or follow_up or aside))):
                return Verdict(tuple(decisions), whole_note=whole.note, parts=True)
        if whole.best is None and not whole.note and not whole.query.opinion:
            first = self._first_alternative(text, whole.query)
            if first is not None:
                return Verdict((first,))
        return Verdict((whole,))

    def _identity_checked(self, whole: Decision) -> Decision | None:
        """Decide "is Rafael Ostrand the central bank governor?" as "who is Rafael Ostrand?".

        The sentence introducing him by a title says what he is, which confirms or corrects
        the check. None when the question checks no one's identity, when the sentence found
        for the whole question names the role asked about ("in 2019 he was the bank's chief
        executive"), or when the article gives the person no title.
        """
        query = whole.query
        found = _IDENTITY_CHECK.match(query.normalized)
        if found is None or query.opinion:
            return None
        lexicon = self.index.lexicon
        name, role = found.group(1), found.group(2).split()
        named = lexicon.tokens(name)
        if (
            not named
            or not set(named) <= lexicon.entities
            or any(word in lexicon.stopwords for word in name.split())
            or _JUDGING & set(role)
            or not self.index.checker.a_role(role)
        ):
            return None
        # The sentence found for the whole says it in so many words: "in 2019 he was the chief
        # executive of ..." answers "was Ostrand the chief executive of the bank?".
        title = " ".join(_ROLE_HEAD.split(" ".join(role))[0].split())
        if whole.fact is not None and title in normalize(whole.fact.spec.quotes[0]):
            return None
        decision = self.decide_one(f"who is {name}")
        fact = decision.fact
        if fact is None or not self._titles(fact, name.split()[-1], set(named)):
            return None
        return decision

    def _titles(self, fact: Fact, surname: str, named: set[str]) -> bool:
        """True when a sentence gives a person a title or an apposition, and is no place's.

        "Finance Minister Rafael Ostrand welcomed ...", "Renata Vos, health spokeswoman for
        ..."; not "Rafael Ostrand said the cut would help", nor "TELMAR — ...".
        """
        tokens = self.index.lexicon.tokens
        if any(
            lead.type == "place" and named <= set(tokens(lead.text)) for lead in fact.spec.leads
        ):
            return False
        quote = fact.spec.quotes[0]
        at = re.search(rf"\b{re.escape(surname)}\b(,| is\b| was\b)?", quote, re.IGNORECASE)
        if at is None:
            return False
        before = normalize(quote[: at.start()]).split()[-_TITLE_BEFORE:]
        after = normalize(quote[at.end() :].split(".")[0]).split()[:_APPOSITION]
        checker = self.index.checker
        return checker.has_role_word(before) or (
            at.group(1) is not None and checker.has_role_word(after)
        )

    @staticmethod
    def _distributed(part: str) -> list[str]:
        """Ask "who are Brel and Okafor?" as "who is Brel?" and "who is Okafor?"."""
        found = _WHO_BOTH.match(part.strip())
        if found is None:
            return [part]
        return [f"who is {found.group(2)}?", f"who is {found.group(3)}?"]

    def _first_alternative(self, text: str, query: Query) -> Decision | None:
        """Decide "are they there to fight or is it a show of support?" by its first option.

        The other option is the asker's guess at what else might be true: words of it that
        the article never uses must not make the whole question look unanswered.
        """
        found = _OR_ELSE.search(text)
        if found is None or not _YES_NO_START.match(query.normalized):
            return None
        decision = self.decide_one(text[: found.start()])
        return decision if decision.best is not None else None

    def decide_one(self, text: str) -> Decision:
        """Decide one question (or one part of a message)."""
        query = self.index.query(text)
        named = set(query.tokens) - self.index.lexicon.speech - self._asking_who
        if not query.has_content and query.attribution and named:
            # "What's the source of the article?" with nothing before it to follow up on: its
            # soft words are all it names, so they count in full.
            query = replace(query, soft=frozenset())
        elif asks_nothing := self._asks_nothing(text, query):
            return Decision(query, None, (), why=asks_nothing)
        ranked = tuple(self.index.rank(query, limit=5))
        if query.opinion:
            return Decision(query, None, ranked, note=OPINION_NOTE, why="opinion")
        best, why, cause = self._acceptable(ranked, query)
        # Several articles: the one answering must answer as it would on its own.
        several = len(self.kb.articles) > 1
        if (
            best is not None
            and several
            and self.index.explained_alone(query, best) < _MIN_EXPLAINED
        ):
            best, why, cause = None, "another article", best
        if best is None:
            note, detail = self._unanswered_detail(query, ranked)
            if detail is not None:
                why, cause = "unanswered", detail
            return Decision(query, None, ranked, note=note, why=why, cause=cause)
        if best.gap is not None:
            rival = self._acceptable(tuple(c for c in ranked if c.fact is not None), query)[0]
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
                return Decision(query, None, ranked, note=best.gap.note, why="gap", cause=best)
            best = rival
        ruled_out = self._ruled_out(query, ranked, best)
        if ruled_out is not None:
            why, note, cause = ruled_out
            return Decision(query, None, ranked, note=note, why=why, cause=cause)
        return Decision(query, self._introducing(query, best), ranked)

    def _introducing(self, query: Query, best: Candidate) -> Candidate:
        """Answer "who is X?" or "what does X stand for?" where the article introduces X.

        Every sentence naming Ostrand explains "who is Ostrand?" in full; the first one says
        who he is ("Finance Minister Rafael Ostrand said ..."), the later ones what he said.
        """
        # "What position does Ostrand hold?" names Ostrand; the rest asks for his role.
        role = ROLE_ASKED.match(query.normalized)
        tokens = self.index.lexicon.tokens
        named = set(query.tokens) - {
            t for word in (role.groups() if role else ()) if word for t in tokens(word)
        }
        if best.fact is None or not named:
            return best
        if self._names_the_kind(query, best) is False:
            # "Which river flooded?": a sentence naming "the Tallis River", if one fits as well.
            alike = self._answering_alike(
                query,
                best,
                lambda c: (
                    c.score >= best.score - _FALLBACK_MARGIN
                    and bool(self._names_the_kind(query, c))
                    and self._ruled_out(query, (c,), c) is None
                ),
            )
            return alike[0] if alike else best
        if named & query.soft:
            return best
        entities = named <= self.index.lexicon.entities
        if not (_IDENTITY.match(query.normalized) or (entities and self._a_name_alone(query))):
            return best
        if not entities:
            return self._titled(query, best, named)
        naming = self._answering_alike(query, best, lambda c: named <= c.tokens)
        return min(
            naming,
            key=lambda c: (not self._spells_out(c, named), min(c.fact.sentences) if c.fact else 0),
            default=best,
        )

    def _names_the_kind(self, query: Query, candidate: Candidate) -> bool | None:
        """Whether a fact's own name is of the kind a "which X ...?" question asks for."""
        return self.index.checker.names_the_kind(query, candidate.leads)

    def _a_name_alone(self, query: Query) -> bool:
        """True for "what's ERRA?" (read "what erra"): "what" and a name, nothing else."""
        words = query.normalized.split()
        lexicon = self.index.lexicon
        if len(words) not in _NAME_ALONE or words[0] != "what":
            return False
        tokens = set(lexicon.tokens(" ".join(words[1:])))
        return (
            bool(tokens)
            and tokens <= lexicon.entities
            and not any(word in lexicon.stopwords for word in words[1:])
        )

    def _titled(self, query: Query, best: Candidate, role: set[str]) -> Candidate:
        """Answer "who is the finance minister?" where a name is given that title.

        "Finance Minister Rafael Ostrand welcomed the decision" answers it, rather than a
        quotation of his that ranks higher for naming him by his role as its speaker.
        """
        if query.kind != "who" or best.fact is None or self._gives_title(best.fact, role):
            return best
        titled = self._answering_alike(
            query, best, lambda c: c.fact is not None and self._gives_title(c.fact, role)
        )
        # The best fitting; of those fitting alike, the first the article gives.
        return min(
            titled,
            key=lambda c: (-round(c.score, 2), min(c.fact.sentences) if c.fact else 0),
            default=best,
        )

    def _answering_alike(
        self, query: Query, best: Candidate, fits: Callable[[Candidate], bool]
    ) -> list[Candidate]:
        """The facts of `best`'s article among the first ranked that answer as well and fit.

        Each is not ruled out and sufficient on its own; looked for among `_INTRODUCTIONS`.
        """
        article = best.fact.article if best.fact is not None else ""
        return [
            c
            for c in self.index.rank(query, limit=_INTRODUCTIONS, article=article)
            if c.fact is not None and not c.blocked and self._sufficient(c, query) and fits(c)
        ]

    def _gives_title(self, fact: Fact, role: set[str]) -> bool:
        """True when a fact names a person with the title asked about, as held now."""
        tokens = self.index.lexicon.tokens
        return any(
            lead.type == "person"
            and role <= set(tokens(lead.text))
            and not _formerly(fact.spec.quotes[0], lead.text)
            for lead in fact.spec.leads
        )

    def _spells_out(self, candidate: Candidate, named: set[str]) -> bool:
        """True when the fact writes a name asked about in full.

        "Rafael Ostrand", "National Reserve Bank of Marovia (NRBM)"; not a short form only
        ("Ostrand said", "NRBM").
        """
        fact = candidate.fact
        if fact is None:
            return False
        tokens = self.index.lexicon.tokens
        return any(
            " " in name and name in fact.spec.quotes[0] and bool(named & set(tokens(name)))
            for name in fact.spec.entities
        )

    def _asks_nothing(self, text: str, query: Query) -> DeclineReason:
        """Return why a message asks nothing of the article, or "" when it asks something."""
        if self._instruction(query):
            return "instruction"
        if not query.has_content:
            return "no content"
        return "remark" if self._remark(text, query) else ""

    def _ruled_out(
        self, query: Query, ranked: tuple[Candidate, ...], best: Candidate
    ) -> tuple[DeclineReason, str, Candidate] | None:
        """Return why the best fact must not answer after all, its note and the fact, or None."""
        if query.checked and best.fact is not None and "date" not in best.fact.spec.answer_types:
            # "Did they lose ground in September?" checks a time only a date can answer.
            return "time checked", "", best
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
                return "unanswered", fact.spec.unanswered, candidate
        return None

    def _unanswered_detail(
        self, query: Query, ranked: tuple[Candidate, ...]
    ) -> tuple[str, Candidate | None]:
        """Return the note of a leading fact if the question asks a detail it lacks, and the fact.

        ("", None) when it asks none.

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
                return candidate.fact.spec.unanswered, candidate
        return "", None

    @staticmethod
    def _remark(text: str, query: Query) -> bool:
        """True for a short remark that asks nothing ("this server is dead today", "thanks!")."""
        if only_thanks(text, query):
            return True
        content = {t for t in query.tokens if t not in query.soft}
        return len(content) <= _REMARK_TOKENS and not _asks(text, query)

    @staticmethod
    def _words(query: Query) -> int:
        """How many words of content a question has (soft words and small numbers aside)."""
        return sum(t not in query.soft for t in query.tokens)

    def _chit_chat(self, query: Query) -> bool:
        """True when a part names nothing of the article's: no person, place or figure.

        Nor a year or figure of its own: "as of late 2010" qualifies the question beside it.
        """
        return not any(
            t in self.index.lexicon.entities or (t.isdigit() and t not in query.soft)
            for t in query.tokens
        ) and not any(t.isdigit() for t in query.aliens)

    def _instruction(self, query: Query) -> bool:
        """True when the message tells the bot to do something ("write a poem", "ignore ...")."""
        return _ADDRESS.sub("", query.normalized).startswith(self.index.lexicon.instructions)

    @staticmethod
    def _acceptable(
        ranked: tuple[Candidate, ...], query: Query
    ) -> tuple[Candidate | None, DeclineReason, Candidate | None]:
        """Return the best candidate if it is good enough to answer (or to decline as a gap).

        Returns:
            The candidate ("" and None beside it); or None, why not and the candidate that
            reason rests on.
        """
        usable = [c for c in ranked if not c.blocked]
        if not usable:
            return None, ("all ruled out" if ranked else "nothing near"), next(iter(ranked), None)
        best = usable[0]
        if not Policy._sufficient(best, query):
            # Ahead only on common words ("which one is the American number?"), or a gap that
            # explains less of the question than a fact just behind it: a close rival that is
            # good enough on its own is what is meant.
            best = next(
                (
                    c
                    for c in usable[1:]
                    if Policy._sufficient(c, query) and c.score >= best.score - _GAP_MARGIN
                ),
                best,
            )
        fitting = next(c for c in ranked if c.right_kind)
        if fitting.score - best.score > _FALLBACK_MARGIN:
            # The facts that fit best are ruled out, and the next one fits much worse: the
            # question is about something the article does not cover.
            return None, "better ruled out", fitting
        return (best, "", None) if Policy._sufficient(best, query) else (None, "too weak", best)

    @staticmethod
    def shortfall(candidate: Candidate, query: Query) -> str:
        """Say what a candidate has too little of to answer by itself ("" when it has enough).

        In words, for explaining a decline: "explains 69% of the question (72% needed)".
        """
        threshold, explained = _bar(query, candidate)
        # Rounded down, so that 71.9% is never shown as the 72% it falls short of.
        if candidate.explained < explained:
            return (
                f"explains {int(candidate.explained * 100)}% of the question"
                f" ({explained:.0%} needed)"
            )
        if candidate.score < threshold:
            score = int(candidate.score * 100) / 100
            return f"scores {score:.2f} ({threshold:.2f} needed)"
        if candidate.evidence < _MIN_EVIDENCE:
            return "names too little that is particular to the article"
        return ""

    @staticmethod
    def _sufficient(candidate: Candidate, query: Query) -> bool:
        """True when a candidate scores, explains and names enough to answer by itself."""
        threshold, explained = _bar(query, candidate)
        return (
            candidate.score >= threshold
            and candidate.explained >= explained
            and candidate.evidence >= _MIN_EVIDENCE
        )


def _a_count_of_the_same(part: str) -> bool:
    """True for a part asking "how many ...?" of no figure of its own ("how many still work?")."""
    normalized = normalize(part)
    return (
        _HOW_MANY_OR_MUCH.search(normalized) is not None
        and whole_asked(normalized) is None
        and not any(word.isdigit() for word in normalized.split())
    )


def _formerly(quote: str, titled: str) -> bool:
    """True when a sentence gives a name its title as held before ("former finance minister")."""
    at = quote.lower().find(titled.lower())
    before = normalize(quote[: max(at, 0)]).split()[-_TITLE_WORDS:]
    return at >= 0 and bool(FORMERLY & set(before))


def _bar(query: Query, candidate: Candidate) -> tuple[float, float]:
    """The score and the share of the question a fact must reach to answer it."""
    if query.claim:
        return _CLAIM_THRESHOLD, _CLAIM_EXPLAINED
    if query.puts_up and _near_figure(query, candidate):
        return _CLAIM_THRESHOLD, _PUT_UP_EXPLAINED
    return _ANSWER_THRESHOLD, _MIN_EXPLAINED


def _near_figure(query: Query, candidate: Candidate) -> bool:
    """True when the fact gives a figure near one the question puts up (68.2% for "70%?").

    A figure put up wrongly is most often near the right one; "did the factory cost 60
    million?" is no check of "250 jobs".
    """
    if candidate.fact is None:
        return False
    put_up = [float(t) for t in query.tokens if t.isdigit() and float(t) >= PUT_UP_AT_LEAST]
    given = [
        float(n)
        for lead in candidate.fact.spec.leads
        if lead.type in {"number", "measure"}
        for n in _FIGURES.findall(normalize(lead.text))
    ]
    return any(1 / _NEAR_RATIO <= g / p <= _NEAR_RATIO for p in put_up for g in given if g > 0)
