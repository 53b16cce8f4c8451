"""What rules a fact out for a question, whatever its score: the checks stage.

question -> query -> candidates -> **checks** -> decision -> answer. A candidate drawn from
the index is ruled out when the question names someone or something it does not involve, a
speaker who did not say it, the opposite of what it says or another year; when it wants
another kind of answer ("how many" needs a figure, "how far" a distance, "how many boulders"
a count of boulders); or, for a curated fact, when it asks a detail next to it that the article
never gives (`unanswered_if`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Final

from knowledge.classifying import QuestionKind
from knowledge.dating import MONTHS, WEEKDAYS
from knowledge.lexicon import Lexicon, root
from knowledge.models import AnswerType, Fact, Lead
from knowledge.normalizing import normalize
from knowledge.quantities import (
    ASKING_WORDS,
    CLOCK,
    PEOPLE_WORDS,
    RATE,
    UNTIL_WORDS,
    currency_words,
    noun_before_verb,
    unit,
)
from knowledge.querying import (
    ANY_GROUP,
    ASKED_GROUP,
    GROUP_KINDS,
    ROLES_OF_GROUPS,
    YEAR,
    YES_NO,
    Query,
)

log = logging.getLogger(__name__)

# Kinds of question a fact of the wrong answer type can never answer ("how many" needs a number);
# for the other kinds a mismatch only lowers the score.
_TIMES: Final = frozenset(MONTHS) | frozenset(WEEKDAYS)
_HOW_MANY: Final = "how many"
# "What was the price before the drop?", "how many seats did it have before?", "in the last
# parliament": a figure as it was before what the article reports.
_BEFORE: Final = re.compile(
    r"\bbefore(?: (?:this|that|then|now))?\s*[?.!]*$"
    r"|\bbefore (?:the|this|that) (?:drop|fall|rise|deduction|cut|decision|ruling|announcement"
    r"|news|recall|merger|deal|increase|change|takeover|hike|election|vote)\b"
    r"|\b(?:previous|previously|prior to)\b|\bin the last parliament\b"
)
# What tells a figure as it was before: "up from 16 weeks", "the previous record", "had
# already lost", "a former teacher", "last year".
_PRIOR: Final = re.compile(
    r"\b(?:before|previous|previously|earlier|prior|already|ago|former|formerly|used to|outgoing"
    r"|compared with|compared to)\b|\b(?:up|down) from\b|\bfrom (?:about |around |a |an )?[\d$€£]"
    r"|\blast (?:year|month|week|season|time|term|parliament)\b|\bhad (?:about |around )?\d",
    re.IGNORECASE,
)
# "How big ...?" asks a size, an amount or a count, never a time or an age.
_SIZE_ASKED: Final = re.compile(r"\bhow (?:big|large|small|huge|massive)\b")
_NO_SIZE: Final = frozenset({"time", "clock", "age", "speed"})
# ... unless it is the size of a lead, a delay or a wait: "how big was her lead?", "12 seconds".
_TIMED: Final = re.compile(r"\b(?:leads?|delays?|gaps?|margins?|waits?|backlogs?|deficits?)\b")
# "How many schools does Brennick have (in total)?": all it has, not the ones something befell.
# "How much rain fell?" is no length of time; "how much longer is the wait?" and "how much was
# it delayed?" are.
_HOW_MUCH: Final = re.compile(r"\bhow much\b")
_MUCH_TIME: Final = re.compile(
    r"\bhow much (?:\w+ )?(?:longer|shorter|later|earlier|sooner|older|younger|faster|slower"
    r"|quicker|time)\b|\bhow much (?:more |extra |of an? )?(?:notice|warning|downtime|delay"
    r"|head start|wait|lead)\b|\bhow much (?:is|was|are|were) (?:\w+ ){0,3}?(?:lead|delay|wait)\b"
    r"|\b(?:delayed|waits?|waiting|extended|overdue|behind schedule)\b"
)
# "How many of the 48 jobs ...?", "how many tonnes of the 41 ...?", "how much did the software
# cost out of the 4.2 million?", "of the 41,000, how many are retirees?" ask for a part of a
# figure the article gives (`whole_asked`). Only a determiner makes a figure a whole: "under
# the age of 5", "as of 3 March" and "how many points out of 100" name none.
_OF_A_WHOLE: Final = (
    r"of (?:the|those|these|its|their|his|her|our|all the|all)(?: \w+)? (\d+(?:\.\d+)?)(?![.\d])"
    r"(?! percent\b)"
)
_PART_ASKED: Final = re.compile(r"\bhow (?:many|much)(?: \w+)? " + _OF_A_WHOLE)
_PART_ASKED_FIRST: Final = re.compile(
    r"(?:\w+ )?(?:out )?" + _OF_A_WHOLE + r".{0,40}\bhow (?:many|much)\b"
)
_PART_OUT_OF: Final = re.compile(r"\bhow (?:many|much)\b.*?\b(\w+) out " + _OF_A_WHOLE)
# "Moved out of the 12 tower blocks" leaves a place; it takes no part of a figure.
_LEAVING: Final = frozenset(
    {"get", "gets", "got", "go", "goes", "went", "come", "comes", "came", "move", "moves", "run",
     "runs", "ran", "walk", "walks", "drive", "drives", "drove", "fall", "falls", "fell", "take",
     "took", "taken", "break", "broke", "pull", "climb", "jump", "kick", "flee", "fled", "way",
     "back", "straight", "them", "it"}
)  # fmt: skip
# A figure between these is a year, no whole ("how much of the 2024 budget ...?").
_YEAR_FIGURES: Final = range(1900, 2101)
# A figure the article gives as a part: followed by "of" ("19 of the 48", "800 million crowns of
# the total", "three members of the party") or after "including", "of them", "of the 47 cases".
_PART_AFTER: Final = re.compile(r"(?: [^ ]+){0,3}? of\b")
_WHOLE_AFTER: Final = re.compile(r" (?:the |its |their |all )?(\d+)\b")
_PART_BEFORE: Final = re.compile(
    r"(?:\bincluding|\bof (?:them|whom|which|those|the \d+(?: \w+){0,3}))(?: [^ ]+){0,2} $"
)
# "How much water ...?" asks for an amount of a thing no sum of money measures.
_MUCH_OF_A_THING: Final = re.compile(
    r"\bhow much (?:more |extra |less |treated |drinking |fresh )?(?:water|rain|rainfall|snow"
    r"|snowfall|diesel|fuel|oil|gas|petrol|power|electricity|energy|land|space|food|waste"
    r"|sewage|data|ice|sand|soil|mud|milk|coal|steel|concrete|smoke|ash|lava|traffic|noise"
    r"|weight|ground|coral|forest|grain|wheat|fish|plastic)\b"
    # "How much food aid?", "how much oil revenue?" are sums of money.
    r"(?! (?:aid|revenues?|duty|duties|tax|taxes|subsid\w+|money|bills?|prices?|costs?|sales"
    r"|exports?|imports?|profits?|income|earnings|funding|spending|investment|levy))"
)
# The words of a person's title, no part of the name ("Westmarch chief executive Helena
# Marsh"); not "General" of "Ulmar General Hospital".
_TITLES: Final = frozenset(
    {"chief", "executive", "ceo", "director", "managing", "minister", "secretary", "spokesman"}
    | {"spokeswoman", "spokesperson", "president", "chairman", "chairwoman", "chair", "mayor"}
    | {"governor", "manager", "deputy", "senior", "former", "interim", "acting", "commissioner"}
)
_HELD: Final = re.compile(
    r"\bhow many\b.*\b(?:(?:does|do|did)\b.*\b(?:have|employ|own|operate|run|hold|keep"
    r"|maintain)|(?:has|have)(?: \w+){1,3} got)"
    # The verb ends the question: "... did police say have died?" is no question of having.
    r"(?: (?:in total|overall|altogether|in all|now|right now|today|these days|currently"
    r"|normally|usually|at the moment|then))?(?: (?:after|before|since) the \w+)?\s*[?.!]*$"
)
# Verbs a figure of what something has counts for ("" when it counts for none).
_HOLDING: Final = frozenset(
    {"", "have", "own", "employ", "operate", "run", "hold", "keep", "maintain", "consist",
     "comprise", "include", "number", "total", "serve", "count", "boast", "house", "contain",
     "be", "win", "represent", "reach", "record", "receive", "live", "seat", "accommodate",
     "register", "enrol", "enroll", "host", "list", "report", "get", "reside", "stand", "sit"}
)  # fmt: skip
# Verbs of what something has gathered ("the petition had gathered 52,000 signatures"); not of a
# turnout ("a meeting drew 300 residents" is no count of the town's).
_GATHERING: Final = frozenset({"gather", "collect", "amass", "garner"})
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
    "name": frozenset({"person", "place", "event"}),
    "where": frozenset({"place"}),
    "measure": frozenset({"measure"}),
    "duration": frozenset({"measure", "date"}),
}
"""Which short answers (`Lead.type`) answer which kind of question."""
# "Which *agency* ...?", "which *river* ...?": the kind of name asked for, which the name itself
# answers ("the Flood Response Authority", "the Tallis River"). Not a time, a share, a kind or a
# direction, which other checks read.
_WHICH: Final = re.compile(
    r"^(?:(?:so|ok|and|hey|wait|but|lol) )*which (?!(?:day|date"
    r"|year|month|week|time|way|direction|percentage|share|part|one|type|kind|sort|is|are|was"
    r"|were|s|did|does|do|will|would|has|have|had|can|could)\b)((?:\w+ ?){1,3})"
)
# "What's the name of the *port* ...?", "what are the names of the two *journalists*?": which
# port, which journalists.
# "What's the museum called?" asks the museum's name.
_CALLED: Final = re.compile(r"^what(?: is|s)? (?:the|this|that) (\w+(?: \w+)?) called\b")
_NAME_OF: Final = re.compile(
    r"\bnames? of (?:the |a |an |his |her |its |their |this |that )?(?:\d+ )?((?:(?!where\b|who\b"
    r"|that\b|which\b|in\b|at\b|on\b|of\b|for\b)\w+ ?){1,3})"
)
_NAMING: Final = frozenset({"person", "place", "role"})
# "What exact date ...?", "which day ...?": a month or a year does not say which day.
_DAY_ASKED: Final = re.compile(r"\bexact(?:ly)? (?:day|date)\b|\b(?:what|which|wat) (?:day|date)\b")
# "What was the date of the leak?", "what the day ...": a day, month or year, not an hour.
_DATE_ASKED: Final = re.compile(
    r"\b(?:what|which|wat|whats) (?:(?:was|is|s) )?(?:the )?(?:day|date)\b(?! and time)"
    r"|\bon what (?:day|date)\b(?! and time)"
)
_WEEKDAY_ASKED: Final = re.compile(r"\bday of the week\b|\b(?:what|which) weekday\b")
_WEEKDAY_SET: Final = frozenset(WEEKDAYS)
# "Did the council vote on a Tuesday?" checks a weekday: "in February" does not say.
_ON_A_WEEKDAY: Final = re.compile(
    r"^(?:\w+ ){0,3}?(?:did|was|were|is|are|has|had|does|do|will)\b.*\bon (?:a |the )?(?:"
    + "|".join(WEEKDAYS)
    + r")\b"
)
# A day the builder dated: "yesterday (june 3, 2025)".
_DATED: Final = re.compile(r"\(\w+ \d{1,2}, \d{4}\)")
# Words naming a day: a weekday, or a day told by the article's date ("this morning").
_DAY_WORDS: Final = frozenset(
    {"today", "yesterday", "tomorrow", "tonight", "morning", "afternoon", "evening", "night"}
) | frozenset(WEEKDAYS)
_LAST_DAY_OF_MONTH: Final = 31
_UNTIL: Final = re.compile(r"\b(last|lasts|until|till|remain|remains|stay|stays|continue)\b")
# A time told by which one it was, not by how long: "the first night", "the next day".
_WHICH_TIME: Final = re.compile(
    r"^(?:the |that |this )?(?:first|second|third|fourth|fifth|last|next|previous|final|same"
    r"|following)\b"
)
# An end a date gives: "until Friday", "till May", "at least early March".
_UNTIL_LEAD: Final = re.compile(rf"(?:{'|'.join(sorted(UNTIL_WORDS))}|at least)\b")
# "How long is the bridge going to be shut?": until when; "how long was it shut?" asks a time.
_UNTIL_STATE: Final = re.compile(
    r"\bhow long (?:is|are|will|s)\b.*\b(?:closed|shut|suspended|banned|off|out)\b"
)
# "Who is X?" (and "who's X?", which reads "who X") asks about X; "who founded X?" asks for
# someone else.
_WHO_IS: Final = re.compile(r"^(?:\w+ )?(?:who (?:is|was|are|were|s)|whos)\b")
_WHO_NAME: Final = re.compile(r"^(?:\w+ )?who (.+)$")
_OUTCOME: Final = re.compile(
    r"^(?:\w+ ){0,2}?did\b|^(?:(?:so|and|but|ok|wait) )?(?:has|have|had)\b"
    r"|\b(?:in the end|end up|ended up)\b"
    r"|\bwhat happened (?:at|in|during)\b"
    r"|\bwhat (?:was|were) the (?:outcome|result|results|verdict|decision|conclusion|findings)\b"
    r"|\bwhat (?:was|were) (?:decided|agreed|announced|found)\b"
    r"|\bhow did (?:\w+ ){1,4}go\b|\bwhat (?:came|has come) of\b"
    r"|\bwhat did (?:\w+ ){1,4}(?:show|find|found|reveal|decide|conclude)\b"
)
# "What is Lena's surname?": a name the question gives in part.
_FULL_NAME: Final = re.compile(r"\b(full|first|last|second|sur|maiden|family|given) ?names?\b")
# "Which neighbourhood ...?" is answered by a place, though the sentence never says what
# kind of place it is ("In Eastgate, ...").
_PLACE_KINDS: Final = frozenset(
    root(word)
    for word in (
        "neighbourhood", "neighborhood", "district", "town", "village", "city", "area",
        "region", "county", "province", "suburb", "country", "state", "street", "road",
        "place", "location", "island", "port", "settlement", "borough", "municipality",
        "ward", "constituency", "parish",
    )
)  # fmt: skip
# How the builder opens a time told from another event (`generating._RELATIVE_TIME`).
_RELATIVE_STARTS: Final = ("within ", "after ")
_RELATIVE: Final = re.compile(
    r"(?:step|grand|great|half)?(?:son|daughter|child|children|kid|kids|brother|sister|sibling"
    r"|father|mother|dad|mum|mom|parent|parents|wife|husband|spouse|partner|widow|widower"
    r"|fiance|fiancee|twin|uncle|aunt|nephew|niece|cousin|family|grandma|grandpa|granny)s?"
)
# "Could Russia end up helping?" asks what may happen; "could you tell me if ...?" asks as
# any question does.
_MAY_HAPPEN: Final = re.compile(
    r"^(?:\w+ )?(?:could|would|will|might|may|can|should) (?!(?:you|u)\b)"
)
# "What percent / what share of ...?" asks for a share: a percentage or a fraction.
_SHARE_ASKED: Final = re.compile(
    r"\b(?:what|which) (?:percent|percentage|proportion|fraction)\b|\b(?:what|which) share of\b"
)
_SHARES: Final = frozenset(
    {"percent", "half", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "tenth"}
)
_UNCHECKED_KINDS: Final = frozenset({"where", "name"})
NEAR_FIT_FACTOR: Final = 0.9
_MISMATCH_FACTOR: Final = 0.8
# A check's figure found elsewhere in the article: a small step, enough to settle near ties.
_OTHER_FIGURE_FACTOR: Final = 0.95
_AGE: Final = "age"
_VOTE: Final = "vote"
_AGE_WORDS: Final = frozenset({*ASKING_WORDS[_AGE], "year", "young"})
_SHORT_NAME: Final = 3  # a surname is longer: "Reinholt" stands for Tomas Reinholt


def _named_by(name: str, token: str) -> bool:
    """True when `token` is the name's token or its last word ("reinholt": tomasreinholt)."""
    return name == token or (len(token) > _SHORT_NAME and name.endswith(token))


# What the checks write into `Candidate.blockers`, which `knowledge.explaining` tells in words.
# Besides these: a bare token (a name the fact does not involve), and "<name> <head>" (troops of
# someone the fact is not about) or "<name> <verb of saying>" (words of someone it is not from).
WRONG_KIND: Final = "wrong kind: "
NO_LEAD: Final = "no "
"""After `WRONG_KIND`: the fact's sentence holds no answer of the kind asked for."""
OUTCOME_ASKED: Final = "asks how it turned out"
BEFORE_ASKED: Final = "asks how it was before"
NEEDS: Final = "needs "
ANOTHER_YEAR: Final = "another time than "
OPPOSITE_OF: Final = "opposite of "
UNTOLD: Final = "counts what it does not tell: "


@dataclass(frozen=True)
class ShortAnswer:
    """One short answer of a fact (`Lead`) as the checks read it."""

    kind: str
    """Its answer type."""
    tokens: frozenset[str]
    """Its own words ("about 3,500 residents")."""
    measure: str
    """What its figure measures (`quantities.unit`), "" for a plain count or a name."""
    about: frozenset[str] = frozenset()
    """The words it goes with ("were injured")."""
    words: frozenset[str] = frozenset()
    """The roots of its own words one by one ("tallis", "river" of "the Tallis River")."""
    head: str = ""
    """Its last word, the noun a figure counts ("homes" of "40 private homes")."""
    text: str = ""
    """Its words as the article writes them, lower-cased ("monday morning")."""
    verb: str = ""
    """The verb a figure counts for (`Lead.verb`): "close" of "will close two schools"."""
    counted: frozenset[str] = frozenset()
    """The words after its figure, what it counts ("residents" of "about 3,500 residents";
    nothing of "as high as 12,000")."""
    owner: frozenset[str] = frozenset()
    """The tokens of the name whose figure it is (`Lead.owner`), if the sentence says."""
    rivals: frozenset[str] = frozenset()
    """The tokens of the names whose other figures the sentence gives ("46,951 for Lesak")."""
    parties: frozenset[str] = frozenset()
    """The tokens of the other names its clause involves (`Lead.parties`)."""
    value: int | None = None
    """Its figure (800000000 of "800 million crowns"), if it has one."""
    part: bool = False
    """True when the sentence gives its figure as a part of a larger one ("19 of the 48
    positions", "including 40 at Marrow Hill")."""
    part_of: int | None = None
    """The figure it is a part of, where the sentence says (48 of "19 of the 48")."""
    figures: frozenset[int] = frozenset()
    """Every figure of its sentence."""

    @classmethod
    def all_of(
        cls, leads: Sequence[Lead], lexicon: Lexicon, sentence: str = ""
    ) -> tuple[ShortAnswer, ...]:
        """A fact's short answers as the checks read them, each with its figure's rivals.

        `sentence` is the fact's own sentence, which tells whether a figure is a part of another.
        """
        owners = [frozenset(lexicon.tokens(lead.owner)) & lexicon.entities for lead in leads]
        every = frozenset().union(*owners)
        written = normalize(sentence)
        figures = frozenset(int(word) for word in written.split() if word.isdigit())
        return tuple(
            cls.of(lead, lexicon, every - owner, owner=owner, sentence=written, figures=figures)
            for lead, owner in zip(leads, owners, strict=True)
        )

    @classmethod
    def of(
        cls,
        lead: Lead,
        lexicon: Lexicon,
        rivals: frozenset[str] = frozenset(),
        *,
        owner: frozenset[str] | None = None,
        sentence: str = "",
        figures: frozenset[int] = frozenset(),
    ) -> ShortAnswer:
        """A fact's short answer as the checks read it, in the tokens of `lexicon`.

        `rivals` are the tokens of the names owning the fact's other figures, `owner` those of
        its own (read from the lead when not given); `sentence` is the fact's sentence,
        normalised, and `figures` every figure of it.
        """
        words = normalize(lead.text).split()
        # "$448 million" is in dollars, though it never says so.
        named = " ".join((lead.text, *currency_words(lead.text)))
        tokens = frozenset(lexicon.tokens(named))
        figure = max((i for i, word in enumerate(words) if word.isdigit()), default=-1)
        if owner is None:
            owner = frozenset(lexicon.tokens(lead.owner)) & lexicon.entities
        return cls(
            lead.type,
            tokens,
            lead.measure,
            frozenset(lexicon.tokens(lead.about)),
            frozenset(root(lexicon.canonical_word(w)) for w in words),
            words[-1] if words else "",
            lead.text.lower(),
            lead.verb,
            frozenset(lexicon.tokens(" ".join(words[figure + 1 :])))
            if figure >= 0
            else frozenset(t for t in tokens if not t.isdigit()),
            owner,
            rivals,
            frozenset(
                t
                for name in lead.parties.split(";")
                for t in lexicon.tokens(name)
                if t in lexicon.entities
            ),
            int(words[figure]) if figure >= 0 else None,
            *(_given_as_part(" ".join(words), sentence) if figure >= 0 else (False, None)),
            figures if figure >= 0 else frozenset(),
        )


def _given_as_part(lead: str, sentence: str) -> tuple[bool, int | None]:
    """Whether `sentence` gives the figure `lead` as a part of a larger one, and of which figure.

    (True, 48) for "19" of "19 of the 48 positions"; (True, None) for "three members of the
    party"; (False, None) for a figure given as no part (both normalised).
    """
    # Whole words only: "40" is no part of "1400".
    found = re.search(rf"(?<!\S){re.escape(lead)}(?!\S)", sentence)
    if found is None:
        return False, None
    after = _PART_AFTER.match(sentence, found.end())
    if after is not None:
        whole = _WHOLE_AFTER.match(sentence, after.end())
        return True, int(whole.group(1)) if whole else None
    return _PART_BEFORE.search(sentence, 0, found.start()) is not None, None


@dataclass
class Profile:
    """What one fact or gap knows: its tokens, its phrasings' tokens and who qualifies what."""

    tokens: frozenset[str]
    phrasings: tuple[frozenset[str], ...]
    speakers: frozenset[str]
    heads: dict[str, frozenset[str]] = field(default_factory=dict)
    requires: frozenset[str] = frozenset()
    setting: frozenset[str] = frozenset()
    """Names the whole article is about that the fact itself does not use."""
    leads: tuple[ShortAnswer, ...] = ()
    """The fact's short answers."""
    briefed: bool = False
    """True when its article's facts carry short answers: then one without any names no one."""
    expected: frozenset[str] = frozenset()
    """Tokens of the words it uses only of what is expected (`FactSpec.expected`)."""

    @cached_property
    def roots(self) -> frozenset[str]:
        """The roots of its tokens and setting, read once ("contribut" of "contributed")."""
        return frozenset(root(t) for t in self.tokens | self.setting)


# Checks of who holds a role ("is called Samuel Okafor", "Helena Brandt is the OVEPA
# scientist", "was Lindqvist the one who led the survey?") and of who did a thing ("scored by
# Solberg").
_ROLE_CHECKED: Final = re.compile(
    r"\b(?:called|named)\b|\b(?:is|was|s)(?: \w+){0,2} the (?:one|person|man|woman|guy|lady)\b"
    r"|^(?:\w+ ){1,3}(?:is|was) the\b"
)
_DOER_CHECKED: Final = re.compile(r"\bby ((?:\w+ ){0,2}\w+)")
# "How many firefighters are volunteers?": the people a count is asked to be, last.
_COUNTED_AS: Final = re.compile(
    r"\bhow many (?:of (?:the|their|its|them) )?(?:\w+ ){1,3}(?:are|were|is|was) (\w+)$"
)


@lru_cache(maxsize=4096)
def _found(pattern: re.Pattern[str], normalized: str) -> bool:
    """True when `pattern` occurs in a question: asked once, for every short answer checked."""
    return pattern.search(normalized) is not None


def _a_part_if_asked(query: Query, lead: ShortAnswer) -> bool:
    """False for a figure that is not a part of the one a question asks for a part of.

    "How many of the 312 pupils have been vaccinated since?" is not answered by the 312 pupils
    themselves, nor by "two MMR doses": only by a smaller figure the article gives as a part
    ("19 of the 48 positions", "60 percent of the 48 positions"), or by a smaller count of the
    same thing beside the whole ("the club has 48 players, and 19 players are from abroad").
    """
    whole = whole_asked(query.normalized)
    if whole is None or lead.value is None:
        return True
    if lead.tokens & _SHARES:
        return lead.part_of == whole  # "60 percent of the 48", not "4 percent of its workforce"
    if lead.value >= whole:
        return False
    beside = whole in lead.figures and bool(lead.counted) and lead.counted <= set(query.tokens)
    return lead.part or beside


@lru_cache(maxsize=4096)
def whole_asked(normalized: str) -> float | None:
    """The figure a question asks for a part of (48 of "how many of the 48 jobs ...?"), or None.

    A year is no whole: "how much of the 2024 budget ...?" asks of a budget.
    """
    found = _PART_ASKED.search(normalized) or _PART_ASKED_FIRST.match(normalized)
    figure = found.group(1) if found else None
    out = None if found else _PART_OUT_OF.search(normalized)
    if out and out.group(1) not in _LEAVING and not out.group(1).endswith("ed"):
        figure = out.group(2)
    if figure is None:
        return None
    value = float(figure)
    return None if value.is_integer() and int(value) in _YEAR_FIGURES else value


@lru_cache(maxsize=4096)
def _period(normalized: str) -> str:
    """The period of a rate a question asks for ("day" of "how many cars a day"), or ""."""
    found = RATE.search(normalized)
    return found.group(1) if found else ""


@lru_cache(maxsize=4096)
def _starts(pattern: re.Pattern[str], normalized: str) -> bool:
    """True when a question starts with `pattern`: asked once, for every candidate checked."""
    return pattern.match(normalized) is not None


@lru_cache(maxsize=4096)
def _which_match(normalized: str, *, called: bool) -> re.Match[str] | None:
    """Where a question asks which one: read once, for every candidate checked.

    "Which river", "name of the", and with `called` "the museum called".
    """
    return (
        _WHICH.search(normalized)
        or ASKED_GROUP.search(normalized)
        or _NAME_OF.search(normalized)
        or (_CALLED.search(normalized) if called else None)
    )


def _a_place_of_its_own(kinds: set[str], lead: ShortAnswer) -> bool:
    """True for a place whose name says what kind of place it is, when asked for another kind.

    "What's the name of the store?" is not answered by "Marlow Street", where the store is,
    though the sentence speaks of the store; "which stadium?" still takes "the Lumen Arena".
    """
    return lead.kind == "place" and not kinds & _PLACE_KINDS and root(lead.head) in _PLACE_KINDS


def _one_of(kinds: set[str], words: Set[str]) -> bool:
    """True when a word is of one of the kinds ("regulator": "regulatory")."""
    return any(word.startswith(kind) for kind in kinds for word in words)


# The roots of the words by which a group's name says what kind of group it is, by kind.
_GROUP_NAMES: Final = {
    root(kind): frozenset(root(word) for word in words) for kind, words in GROUP_KINDS.items()
}
_ANY_GROUP_NAME: Final = frozenset(root(word) for word in ANY_GROUP)


def _a_group_of(kinds: set[str], lead: ShortAnswer) -> bool:
    """True when a name says it is a group of a kind asked for.

    "Which regulator ...?": the "Civil Protection Agency"; "which firm ...?": "Bremerhill
    Securities"; not the "Telvik Savings Bank" the regulator fined.
    """
    words = {root(word) for word in normalize(lead.text).split()}
    return (
        bool(kinds)
        and all(kind in _GROUP_NAMES for kind in kinds)
        and len(words) > 1
        and any(words & _GROUP_NAMES[kind] for kind in kinds)
    )


# "Who is the health minister?", "who was the academic they quoted?": the words after "who is".
_WHO_ROLE: Final = re.compile(r"^(?:\w+ ){0,3}?(?:who (?:is|was|s)|whos) (?:the |an? )?(.+)$")
_ROLE_WORDS: Final = 4


_SAY: Final = "say"
# What befalls people, as a question counting them asks it: "how many were *injured*?" is
# not answered by a count of those who walked off the job.
_FATES: Final = frozenset(
    {"injured", "wounded", "hurt", "killed", "dead", "arrested", "detained", "jailed",
     "charged", "convicted", "hospitalised", "hospitalized", "rescued", "evacuated",
     "displaced", "missing", "stranded", "trapped", "infected", "fired", "sacked", "laid",
     "sentenced", "deported", "released", "freed", "kidnapped", "abducted", "executed"}
)  # fmt: skip
# "How many (dockworkers) were *injured* ...?": what happened to those counted.
_COUNTED_HAPPENING: Final = re.compile(
    r"^(?:\w+ ){0,3}?how many (?:\w+ ){0,3}?(?:were|was|have been|has been|had been|got|get"
    r"|are being|were being|will be) (\w+)"
)
_YEARS: Final = re.compile(r"\b(?:19|20|21)\d\d\b")
# "What month in 2023 ...?", "when in 2023 ...?": the year the date asked for is in.
_IN_YEAR: Final = re.compile(
    r"\b(?:(?:what|which) (?:month|day|date|week)|when) (?:in|during|of) ((?:19|20|21)\d\d)\b"
)
# Words quoted: "“The minister keeps promising buildings,” she said" names no minister speaking.
_QUOTATION: Final = re.compile(r"[\"“”][^\"“”]*[\"“”]|‘[^‘’]*’|(?<!\w)'[^']*'(?!\w)")


# Words of a figure that say it is a rate or a share, not a count of things.
_RATES: Final = _SHARES | {"percentage", "point", "points", "basis"}


def _things(lead: ShortAnswer) -> frozenset[str]:
    """The things a figure counts ("syndicate" of "two syndicates"); none for a share or rate."""
    if lead.counted & _RATES:
        return frozenset()  # "a 9% fall", "two-thirds of the coral"
    return frozenset(t for t in lead.counted if not any(c.isdigit() for c in t))


_YEAR_ASKED: Final = re.compile(r"\b(?:what|which) year\b")
# A year as the article writes it: "2019", "the 1930s", "last year", "last year's".
_A_YEAR: Final = re.compile(r"\b(?:1[0-9]|20|21)\d(?:\d|0s)\b|\byear\b", re.IGNORECASE)


def _gives_a_year(lead: ShortAnswer) -> bool:
    """True when a date says its year as the article writes it, not only as resolved.

    "2019" and "last year" do; "Wednesday (October 15, 2025)" gives a year only because the
    article's date does.
    """
    written = lead.text.split(" (")[0]
    return _A_YEAR.search(written) is not None


def _a_group(lead: ShortAnswer) -> bool:
    """True when a name says it is a group ("Ministry of Education", "the health ministry").

    By its head word as written: "club chairman Oskar Hallberg" is a person with a title, and
    so are "Paul Banks" and "Sarah Chambers".
    """
    words = normalize(lead.text).split()
    return len(words) > 1 and (words[-1] in ANY_GROUP or (words[0] in ANY_GROUP and "of" in words))


def full_name(query: Query) -> bool:
    """True when a question asks for the whole of a name it gives in part ("Lena's surname")."""
    return _found(_FULL_NAME, query.normalized)


def _time_missing(query: Query, profile: Profile) -> str:
    """The part of a date the question asks for that the fact does not give: "day", "year".

    "What year did she first become mayor?" is not answered by "on Wednesday", though it
    falls in the article's year (`_gives_the_day` tells the day).
    """
    if not _gives_the_day(query, profile):
        return "day"
    # Curated facts have no short answers to read: their curator's types say more.
    if (
        profile.leads
        and _found(_YEAR_ASKED, query.normalized)
        and not any(_gives_a_year(lead) for lead in profile.leads if lead.kind == "date")
    ):
        return "year"
    return ""


def _gives_the_day(query: Query, profile: Profile) -> bool:
    """True unless "what exact date ...?" meets a sentence giving no day ("in March 2022").

    A day is a weekday, "yesterday" and its kin, or a day of the month; "did it happen on a
    Tuesday?" checks a weekday. Curated facts have no short answers to read, so they are not
    checked.
    """
    weekday = _found(_WEEKDAY_ASKED, query.normalized)
    checked_day = bool(_WEEKDAY_SET & set(query.checked)) or _found(_ON_A_WEEKDAY, query.normalized)
    if not profile.leads or not (weekday or checked_day or _found(_DAY_ASKED, query.normalized)):
        return True
    dates = [lead for lead in profile.leads if lead.kind == "date"]
    if not dates:
        return False
    # The date of what is asked: "the museum, which closed in March 2022, reopened on Monday"
    # gives no day for its closing.
    asked = {root(t) for t in query.tokens}
    # A date the question names in part is the one it asks about ("what exact day in March
    # 2027 ...?" of "said on Tuesday it will shut ... in March 2027").
    named = {t for t in query.tokens if t in _TIMES or t.isdigit()}
    meant = max(
        dates,
        # The day beside a time of day ("at 6 a.m. on Saturday") is the date meant.
        key=lambda lead: (
            len(named & lead.tokens),
            len(asked & {root(t) for t in lead.about}),
            lead.measure != "clock",
        ),
    )
    words = re.findall(r"\w+", meant.text)
    a_day = not _relative(meant) and _a_day(meant)
    if weekday or checked_day:
        # "What day of the week ...?" is not answered by "May 12", though it is by a day the
        # article names ("yesterday"), which comes with its date, and so its weekday; "did it
        # happen on a Tuesday?" is answered by the date too, which settles it.
        named_day = _WEEKDAY_SET & set(words) or (
            _DAY_WORDS & set(words) and _DATED.search(meant.text)
        )
        return bool(named_day) or (checked_day and a_day)
    return a_day


def _a_day(lead: ShortAnswer) -> bool:
    """True when a short answer names a day: a weekday, "yesterday", a day of the month.

    The hour of "at about 5:40 a.m." is no day of the month; "10:30 Wednesday morning" is a day.
    """
    text = _HOUR.sub(" ", CLOCK.sub(" ", lead.text))
    return any(
        word in _DAY_WORDS or (word.isdigit() and 1 <= int(word) <= _LAST_DAY_OF_MONTH)
        for word in re.findall(r"\w+", text.lower())
    )


_HOUR: Final = re.compile(r"\b\d{1,2} ?o'?clock\b", re.IGNORECASE)


def _relative(lead: ShortAnswer) -> bool:
    """True for a time told from another event ("within 30 days", "after 14 minutes")."""
    return lead.kind == "date" and lead.text.startswith(_RELATIVE_STARTS)


def asks_beyond(fact: Fact, query: Query) -> bool:
    """True when the question asks for the part of `fact` the article does not give.

    Such a question is answered with what the article does say, prefixed by the fact's
    `partial` note ("The article gives no exact date, only early August.").
    """
    words = f" {query.normalized} "
    return any(f" {normalize(phrase)} " in words for phrase in fact.spec.partial_if)


class Checker:
    """The checks of one fact base: who speaks for whom, opposites, details never given."""

    def __init__(
        self,
        lexicon: Lexicon,
        facts: Iterable[Fact],
        *,
        speakers: frozenset[str],
        used: Mapping[str, float],
        opposites: Mapping[str, frozenset[str]] | None = None,
    ) -> None:
        """Prepare the checks.

        Args:
            lexicon: The fact base's lexicon.
            facts: Its facts (for the details near them that the article never gives).
            speakers: Everyone the articles attribute something to.
            used: The tokens the fact base uses (opposites of other words never matter).
            opposites: The opposites table of a larger fact base holding this one, if any.
        """
        self.lexicon = lexicon
        self.speakers = speakers
        self._used = used
        facts = list(facts)
        # The titles the article gives each person, by surname ("mayor" for "Sand"); and who
        # the article names as a person: a name whose last word alone stands for it, as a
        # surname does ("Kemmler" of Dariusz Kemmler, where "commission" is no group's name).
        self._titles: dict[str, set[str]] = {}
        persons: set[str] = set()
        for fact in facts:
            for lead in fact.spec.leads:
                if lead.type == "person" and (words := normalize(lead.text).split()):
                    named = lexicon.tokens(lead.text)
                    self._titles.setdefault(words[-1], set()).update(named)
                    last = lexicon.canonical_word(words[-1])
                    persons.update(t for t in named if t == last and len(words) > 1)
        self._persons = frozenset(persons & lexicon.entities)
        # Everyday verbs a question may ask with ("take", "come"): see `_goes_with`.
        self._light = frozenset(lexicon.canonical_word(w) for w in lexicon.vocabulary.light)
        # Multi-word synonyms become one word on both sides: "killed or wounded" means
        # casualties, so it does not ask about the dead.
        self._unanswered = {
            fact.id: tuple(
                (text, phrase)
                for text, phrase in ((text, self._phrase(text)) for text in fact.spec.unanswered_if)
                if phrase
            )
            for fact in facts
        }
        # The nouns naming people, and the little words around a figure ("about").
        self._people = lexicon.vocabulary.people | PEOPLE_WORDS  # and "one person"
        self._title_parts: dict[str, tuple[frozenset[str], frozenset[str], frozenset[str]]] = {}
        self._little = lexicon.stopwords
        self.opposites: Mapping[str, frozenset[str]] = (
            opposites
            if opposites is not None
            else self._canonical_opposites(lexicon.vocabulary.opposites)
        )

    def check(
        self, query: Query, profile: Profile, fact: Fact | None
    ) -> tuple[tuple[str, ...], float]:
        """Return what rules the fact (or gap) out for `query`, and a factor for its score.

        The factor is below 1 when the fact fits the question less well without being ruled
        out: another speaker's figure for a checked one, a near kind of answer.
        """
        factor = 1.0
        checked = query.figures_checked_against
        if checked and fact is not None and not checked & profile.speakers:
            # "Did France say 10,000?" is best answered with what France did say.
            factor *= NEAR_FIT_FACTOR
        if query.figures_given and not query.figures_given & profile.tokens:
            # "Was it really 214 mm of rain?" is best answered by the sentence giving 214 mm.
            factor *= _OTHER_FIGURE_FACTOR
        blockers = self._blockers(query, profile)
        if profile.briefed and not self._counts_what_is_checked(query, profile):
            # "Is it true 2000 people were evacuated?" is best answered by the count of people
            # evacuated ("about 1,850 residents"), not by where the evacuees are housed.
            factor *= NEAR_FIT_FACTOR
        blockers += self._untold(query, profile, fact)
        if query.country and fact is not None and not self._names_a_country(profile):
            # "What country is Hallam in?" of a sentence naming the town and no country.
            blockers += (f"{WRONG_KIND}{NO_LEAD}country",)
        if fact is not None and self._role_elsewhere(query, fact.spec.source):
            blockers += (f"{WRONG_KIND}{NO_LEAD}{query.kind} the question does not name",)
        if fact is not None and not query.attribution:
            types = fact.spec.answer_types
            # A thing's name ("the drug, called Zelnorin") answers what it is called, though
            # the sentence is about its figures.
            named = query.kind == "name" and any(
                lead.kind == "event" and self._goes_with(query, lead) for lead in profile.leads
            )
            if query.kind in _STRICT and not types & _STRICT[query.kind] and not named:
                blockers += (f"{WRONG_KIND}{query.kind} question, {fact.spec.type} fact",)
            elif query.kind in _PREFERRED:
                best_fit, near_fit = _PREFERRED[query.kind]
                if not types & best_fit:
                    factor *= NEAR_FIT_FACTOR if types & near_fit else _MISMATCH_FACTOR
            if profile.leads and not self._gives_what_is_asked(query, profile):
                blockers += (f"{WRONG_KIND}{NO_LEAD}{query.kind} the question does not name",)
            elif not self._names_which(query, profile):
                blockers += (f"{WRONG_KIND}{NO_LEAD}name the question does not give",)
            elif missing := _time_missing(query, profile):
                blockers += (f"{WRONG_KIND}{NO_LEAD}{missing}",)
        return blockers, factor

    def _names_a_country(self, profile: Profile) -> bool:
        """True when the fact names one of the countries its article names."""
        return bool(profile.tokens & self.lexicon.nations)

    def _untold(self, query: Query, profile: Profile, fact: Fact | None) -> tuple[str, ...]:
        """What the question asks that the fact, though near, does not tell."""
        blockers: tuple[str, ...] = ()
        if (
            fact is not None
            and (fact.spec.ahead or self._asks_expected(query, profile))
            and self._asks_outcome(query)
        ):
            # "Did the first doses go out in October?" of "the first doses would be offered in
            # October": the article says what was expected, not how it turned out.
            blockers += (OUTCOME_ASKED,)
        if fact is not None and self._asks_before(query) and not _PRIOR.search(fact.spec.answer):
            # "What was the share price before the drop?" of "shares fell 12% to 18.30 euros".
            blockers += (BEFORE_ASKED,)
        if (
            profile.briefed
            and (done := self._counted_happening(query))
            and done not in (profile.tokens | profile.setting)
        ):
            # "How many dockworkers were injured?" of "2,300 dockworkers walked off the job": a
            # count of them, not of what befell them.
            blockers += (f"{UNTOLD}{done}",)
        if fact is not None and query.spoken_by and self._said_by_another(query, profile, fact):
            # "What did the minister say?" of a spokeswoman's words about the minister.
            blockers += (f"{query.spoken_by} {_SAY}",)
        return blockers

    def _counted_happening(self, query: Query) -> str:
        """What befell the people "how many ... were ...?" counts ("injured"), as a token.

        "" unless it is a fate (`_FATES`: hurt, killed, arrested, rescued ...): other verbs
        are often the asker's words for what the sentence tells ("how many bodies were
        pulled from the rubble?" of "rescuers recovered six bodies").
        """
        match = _COUNTED_HAPPENING.match(query.normalized)
        if match is None or match.group(1) not in _FATES:
            return ""
        token = self.lexicon.canonical_word(match.group(1))
        return token if token in query.tokens or token in query.aliens else ""

    def _said_by_another(self, query: Query, profile: Profile, fact: Fact) -> bool:
        """True when the role a question asks the words of is named only inside a quotation.

        Someone else is then speaking about them. A role named nowhere may be the speaker's
        in other words ("the union official" for "regional secretary Dana Morrow"). Only
        generated facts are read so: a curator's source says who speaks.
        """
        if not profile.briefed or query.spoken_by not in profile.tokens:
            return False
        outside = _QUOTATION.sub(" ", fact.spec.answer)
        told = set(self.lexicon.tokens(f"{outside} {fact.spec.source}"))
        # The speaker's title as the article gives it elsewhere ("Mayor Ivo Sand" before
        # "Sand told reporters").
        for surname in normalize(fact.spec.source).split()[-1:]:
            told |= self._titles.get(surname, set())
        if query.spoken_by in told:
            return False
        if query.spoken_by in self.lexicon.tokens(fact.spec.answer):
            return True
        # A word the builder gave the sentence for someone's title ("boss" for "chief
        # executive Lena Vogt"): the speaker's own when the speaker is the one named there.
        named = fact.spec.source.split()[-1:]
        return not (
            named
            and named[0].istitle()
            and re.search(rf"\b{re.escape(named[0])}\b", outside) is not None
        )

    def _names_which(self, query: Query, profile: Profile) -> bool:
        """True unless "which hospital ...?" meets a sentence naming no hospital, or no one.

        "Which" before a noun asks for a name the question does not give: "taken to hospital"
        does not say which.
        """
        # "What's the drug called?" asks for a name (`Query.kind`) without "which": the drug is
        # no kind of name to look for, and the name given to it ("the drug, called Zelnorin")
        # goes with it (`_goes_with`).
        which = _which_match(query.normalized, called=False)
        if query.kind != "name" and (query.kind != "open" or which is None):
            return True
        if not profile.leads:
            # A curated fact: its curator's answer types say more. A generated one names no one
            # ("ferry staff belong to a different union" does not say which).
            return not profile.briefed
        # "Which river ...?" is answered by "the Tallis River", or by a name in a sentence that
        # speaks of a river; "which party is Okafor from?" not by "Okafor, the minister".
        noun = noun_before_verb(which.group(1)) if which else ""
        kinds = self._kinds_named(noun)
        sentence = profile.roots
        # "Which university ...?" names a kind, though "university" may stand for the one
        # university of the article.
        asked = set(query.tokens) - set(self.lexicon.tokens(noun))
        # "Which journalists ...?" is answered by people, not by the town they were held in.
        people = (
            bool(kinds)
            and not kinds & _PLACE_KINDS
            and all(w in self._people and w not in ROLES_OF_GROUPS for w in noun.split()[-1:])
        )
        # The name of a thing ("Zelnorin", "the Data Act") answers what it is called, not
        # which of several things ("which platforms?" is not "the Meridian Cup final").
        naming = (
            _NAMING | {"event"}
            if query.kind == "name" and not _WHICH.search(query.normalized)
            else _NAMING
        )
        return any(
            lead.kind in naming
            and not (people and (lead.kind != "person" or _a_group(lead)))
            and not self._typed(query, lead)
            and (full_name(query) or not (lead.tokens <= asked or self._named_in(query, lead)))
            and (query.kind != "name" or self._goes_with(query, lead))
            and (
                not kinds
                or (
                    _one_of(kinds, sentence | lead.words | {root(t) for t in lead.about})
                    and not _a_place_of_its_own(kinds, lead)
                )
                or (lead.kind == "place" and bool(kinds & _PLACE_KINDS))
                or (lead.kind == "person" and _a_group_of(kinds, lead))
            )
            for lead in profile.leads
        )

    def names_the_kind(self, query: Query, leads: Iterable[ShortAnswer]) -> bool | None:
        """Whether a fact's own name for it is of the kind "which X ...?" asks for.

        "Which river flooded?" is best answered by "the Tallis River burst its banks" rather
        than by "the river gauge at Halloway Bridge"; None for other questions.
        """
        which = _which_match(query.normalized, called=True)
        if which is None or query.kind not in {"name", "open"}:
            return None
        # The noun itself, not what qualifies it: "what's the new drug called?" asks of a drug.
        kinds = self._kinds_named(" ".join(noun_before_verb(which.group(1)).split()[-1:]))
        if not kinds:
            return None
        return any(
            lead.kind in _NAMING and bool(kinds & lead.words) and not self._typed(query, lead)
            for lead in leads
        )

    def _which_kinds(self, query: Query) -> set[str]:
        """The kinds of name "which X" or "the name of the X" asks for, as `_kinds_named`."""
        which = _which_match(query.normalized, called=False)
        return self._kinds_named(noun_before_verb(which.group(1))) if which else set()

    def _kinds_named(self, noun: str) -> set[str]:
        """The roots of the noun after "which" ("rail", "company" of "which rail company").

        Names are no kinds: "which Microsoft products" asks for products.
        """
        tokens = (self.lexicon.canonical_word(word) for word in noun.split())
        return {
            root(token)
            for token in tokens
            if token and token not in self.lexicon.stopwords and token not in self.lexicon.entities
        }

    @staticmethod
    def _asks_before(query: Query) -> bool:
        """True when a question asks for a figure as it was before ("how many seats before?").

        Not when it asks when, where, who or whether: "has DFL had a derailment before?".
        """
        return (
            query.kind in {"number", "open"}
            and not _starts(YES_NO, query.normalized)
            and _found(_BEFORE, query.normalized)
        )

    def _asks_expected(self, query: Query, profile: Profile) -> bool:
        """True when the question asks of what the fact tells only as expected.

        "What did the board decide?" of "... and the board is expected to issue a decision".
        """
        return any(
            t in profile.expected
            for t in query.tokens
            if t not in query.soft and t not in self.lexicon.entities and not t.isdigit()
        )

    def _asks_outcome(self, query: Query) -> bool:
        """True when a question asks what happened ("did it rain?"), not what was said.

        "Could Russia end up helping?" asks what may happen.
        """
        return (
            _found(_OUTCOME, query.normalized)
            and not _starts(_MAY_HAPPEN, query.normalized)
            and not (self.lexicon.speech & set(query.tokens))
        )

    def misattributes(self, query: Query, speakers: frozenset[str]) -> bool:
        """True when the question names a speaker other than the fact's `speakers`."""
        return any(
            word in self.lexicon.speech and entity not in speakers for entity, word in query.pairs
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
        return any(phrase in words for _, phrase in self._unanswered.get(fact.id, ()))

    def unanswered_phrase(self, fact: Fact, query: Query) -> str:
        """Return the `unanswered_if` phrase of `fact` that the question uses ("" for none).

        As the facts file spells it ("how many died"), for telling a curator why.
        """
        words = f" {query.phrased} "
        return next(
            (text for text, phrase in self._unanswered.get(fact.id, ()) if phrase in words), ""
        )

    def _canonical_opposites(self, pairs: Iterable[tuple[str, str]]) -> dict[str, frozenset[str]]:
        """The opposites of every token the fact base uses, as the lexicon spells them."""
        canonical = self.lexicon.canonical_word
        speech = self.lexicon.speech
        opposites: dict[str, set[str]] = {}
        for word, opposite in pairs:
            token, other = canonical(word), canonical(opposite)
            if token in speech or other in speech:
                continue  # "forfeit"/"claim" are opposites, "lose" and "say" are not
            if token and other and token != other and other in self._used:
                opposites.setdefault(token, set()).add(other)
        return {token: frozenset(others) for token, others in opposites.items()}

    def _opposed(self, query: Query, profile: Profile) -> list[str]:
        """What the question asks that the fact says the opposite of, or of another year.

        "Demote" is against "promoted"; a year the question names that the fact does not is
        another time.

        A yes/no question claiming the opposite is answered with what the fact says instead;
        any other question asks about something the fact does not say.
        """
        if query.checks or query.claim or _starts(YES_NO, query.normalized):
            return []  # a claim to check may name the opposite: the answer says which holds
        # "Revenue for 2012?" is not answered by a sentence about 2011's.
        years = [
            f"{ANOTHER_YEAR}{t}"
            for t in query.tokens
            if YEAR.match(t) and t not in profile.tokens and t not in query.soft
        ]
        # "What was inflation in April?" is not answered by May's figure.
        if _TIMES & profile.tokens:
            years += [
                f"{ANOTHER_YEAR}{t}"
                for t in query.tokens
                if t in _TIMES and t not in profile.tokens and t not in query.soft
            ]
        # "North or south?" offers both: the one the fact gives answers it.
        return years + [
            f"{OPPOSITE_OF}{token}"
            for token in (*query.tokens, *query.aliens)
            if token not in profile.tokens
            and token not in query.soft
            and token not in query.offered
            and self.opposites.get(token, frozenset()) & profile.tokens
        ]

    def _gives_what_is_asked(self, query: Query, profile: Profile) -> bool:
        """True unless the question wants a kind of answer the fact's sentence does not hold.

        Only generated facts carry the short answers this is read from, and only kinds whose
        answers the parse finds reliably are checked ("where" is not: "the basement").
        """
        if query.kind not in LEAD_TYPES or query.kind in _UNCHECKED_KINDS:
            return True
        if query.kind == "who" and self._asks_who_is(query.normalized):
            asked = set(query.tokens) - query.soft
            if asked and all(t in self.lexicon.entities for t in asked):
                return True  # "who is Anika Droste?" asks about her, not for someone else
        if any(self._role_elsewhere(query, lead.text) for lead in profile.leads):
            return False  # "who is the Sentinels' coach?": "Red Tidewater head coach Ysolde Marrin"
        return any(self.lead_fits(query, lead, profile.tokens) for lead in profile.leads)

    def _asks_who_is(self, normalized: str) -> bool:
        """True for "who is X?", and for "who's X?" (which reads "who X") naming X alone."""
        if _WHO_IS.match(normalized):
            return True
        named = _WHO_NAME.match(normalized)
        return named is not None and len(self.lexicon.words(named.group(1))) == 1

    def lead_fits(  # noqa: PLR0911 - one return per kind of question
        self, query: Query, lead: ShortAnswer, fact: frozenset[str]
    ) -> bool:
        """True when a short answer of the fact is what the question asks for.

        "Who founded the company?" needs a person or group other than the company itself;
        "when ...?" a day; "how far ...?" a distance; "how many boulders?" a count that is not
        a time, a distance or a sum of money, and is of boulders if it says what it counts;
        "how long did the repairs take?" a length of time that goes with the repairs.

        Args:
            query: The question.
            lead: The short answer.
            fact: The tokens of the whole fact.
        """
        kind, own, measure = lead.kind, lead.tokens, lead.measure
        wanted = LEAD_TYPES.get(query.kind, frozenset())
        # "How long will the warning last?" may be answered by a day ("until Tuesday"); "how
        # long has she been mayor?" only by a length of time.
        until = "time" in query.units and bool(
            _found(_UNTIL, query.normalized) or _found(_UNTIL_STATE, query.normalized)
        )
        if until:
            wanted = wanted | {"date"}
        asked = set(query.tokens)
        # "Ulmar" is named in "who speaks for Ulmar General Hospital?".
        named = kind in _NAMING and (
            self._typed(query, lead) or (self._named_in(query, lead) and not full_name(query))
        )
        # "What is Vikström's full name?" is answered by the name it gives in part. A count of
        # one ("one person") is new to the asker though its "one", a stop word, is no token.
        given = own <= asked and lead.value != 1
        if kind not in wanted or (own and ((given and not full_name(query)) or named)):
            return False
        if kind == "person" and self._asks_a_person(query) and _a_group(lead):
            return False  # "who is the health minister?" is not answered by "the health ministry"
        if (
            query.kind == "name"
            and kind == "place"  # read the kinds asked only for a place, once per lead
            and _a_place_of_its_own(self._which_kinds(query), lead)
        ):
            return False  # "what's the store called?": not "Marlow Street"
        if kind == "date" and self._another_year(query, lead):
            return False  # "what month in 2023 ...?" is not answered by "October 2022"
        if until and kind == "date" and not _UNTIL_LEAD.match(lead.text):
            # "Shut at 6 a.m. on Saturday" says when it was shut, not until when.
            return False
        if measure == "clock" and _found(_DATE_ASKED, query.normalized) and not _a_day(lead):
            return False  # "what was the date of the leak?" is not "about 5:40 a.m."
        if query.kind == "duration" and _WHICH_TIME.match(lead.text):
            return False  # "how long did they spend in the cave?" is not "the first night"
        if (query.units and not (measure in query.units or (kind == "date" and until))) or (
            (query.kind == "duration" or _relative(lead))
            and not self._goes_with(query, lead)
            # "Closed until at least Friday" answers how long the highway stays closed.
            and not (kind == "date" and until and not _relative(lead))
        ):
            # "How far?" is not answered by "90 seconds"; "how long has she been mayor?" not by
            # "two years of record volumes".
            return False
        if (
            (measure == _AGE and _AGE in query.units and not self._whose_age(query, lead))
            or (_found(_SIZE_ASKED, query.normalized) and not self._a_size(query, lead))
            or not self._figure_fits(query, lead)
        ):
            # "How old is Aurel Dancu?" is not answered by Lindqvar's age, nor "how big were
            # the boulders?" by "90 seconds".
            return False
        if _found(_SHARE_ASKED, query.normalized):
            # "What share of the clinics closed?" is not answered by "46 clinics".
            return bool(own & _SHARES)
        if _HOW_MANY in query.normalized and not query.units:
            return self._counts_what_is_asked(query, lead, fact)
        return True

    def _role_elsewhere(self, query: Query, named: str) -> bool:
        """True when "who is the <group>'s <role>?" meets one holding that role in another group.

        A title before a name may say whose role it is ("Red Tidewater head coach Ysolde
        Marrin", as a short answer or as the fact's source); asked of the Sentinels, that is
        someone else's coach.
        """
        if query.kind != "who":
            return False
        names, groups, titles = self._title(named)
        if not groups:
            return False
        asked = set(query.tokens) - query.soft
        elsewhere = {t for t in asked if t in self.lexicon.entities} - names
        return bool(titles & asked) and bool(elsewhere) and not groups & asked

    def _title(self, named: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
        """The names, the groups and the other words of a titled name, read once per text.

        "Red Tidewater head coach Ysolde Marrin": both names, Red Tidewater (the last name is
        the person's own), and "head", "coach".
        """
        if named not in self._title_parts:
            words = self.lexicon.tokens(named)
            names = [t for t in words if t in self.lexicon.entities]
            self._title_parts[named] = (
                frozenset(names),
                frozenset(names[:-1]),
                frozenset(t for t in words if t not in self.lexicon.entities),
            )
        return self._title_parts[named]

    def _counts_what_is_asked(self, query: Query, lead: ShortAnswer, fact: frozenset[str]) -> bool:
        """True when a figure may be the count "how many ...?" asks for."""
        asked = set(query.tokens)
        # "How many boulders?" is not answered by "90 seconds", "412 million euros" or a
        # share, nor by "two schools" of a sentence that mentions boulders too; a bare
        # figure ("at least three were killed") may count anything the sentence names, and
        # "how many people?" (`Query.counted` empty) anyone.
        # "31 votes" counts those who cast them ("how many councillors voted against?").
        noun = set(lead.counted) - {_VOTE}
        # A share ("84 percent", "two-thirds") is no count, except of a whole asked about ("how
        # many of the 48 positions are filled?": "60 percent of the 48 positions").
        share_of_whole = lead.part_of is not None and lead.part_of == whole_asked(query.normalized)
        if lead.measure or (noun & _SHARES and not asked & _SHARES and not share_of_whole):
            return False
        if (
            _found(_HELD, query.normalized)
            and lead.verb not in _HOLDING | _GATHERING
            and root(lead.verb) not in {root(t) for t in asked}
        ):
            # "How many schools does Brennick have?" is not answered by the two it closes.
            return False
        if (period := _period(query.normalized)) and not set(self.lexicon.tokens(period)) <= fact:
            return False  # "how many crossings a day?" is not "six crossings a week"
        counted_as = _COUNTED_AS.search(query.normalized)
        if counted_as and counted_as.group(1) in self._people:
            # "How many divers were volunteers?" counts volunteers ("19 volunteers", or "four
            # of the victims were children"), not the divers ("46 divers") nor "one
            # firefighter, a volunteer".
            kind = self.lexicon.canonical_word(counted_as.group(1))
            return root(kind) in {root(t) for t in noun} or (lead.part and kind in fact)
        if query.people:
            return self._counts_people(lead)  # not "11 wagons"
        # A share's whole counts what is asked.
        return bool(
            (noun & _SHARES and share_of_whole)
            or not query.counted
            or query.counted & (noun or fact)
        )

    def _whose_age(self, query: Query, lead: ShortAnswer) -> bool:
        """True unless an age belongs to someone other than whom the question asks about.

        A person the question names must be the one the age goes with ("Tobias Lindqvar, 52");
        asked of no one by name ("how old is the mayor?"), the age must go with one of the
        question's words ("a 34-year-old nurse").
        """
        near = lead.about | lead.tokens
        asked = {t for t in query.tokens if t not in query.soft and not t.isdigit()}
        people = {t for t in asked if t in self.lexicon.entities}
        if people:
            # The age may name the person by surname alone ("Reinholt" of Tomas Reinholt), or
            # no one ("both patients, a 71-year-old man and ..."), but not someone else.
            named_here = {
                t
                for t in near
                if any(_named_by(e, t) for e in self.lexicon.entities)
                and not any(_named_by(q, t) for q in query.tokens)
            }
            # "How old is Morel's coach?" of "Morel's coach, Patrick Roux, 61": the title asked
            # goes with the age, though its owner's name does not.
            titles = {root(t) for t in asked - people - _AGE_WORDS} & {root(t) for t in near}
            return (
                all(any(_named_by(p, t) for t in near) for p in people)
                or bool(titles)
                or not named_here
            )
        return not asked or bool({root(t) for t in asked} & {root(t) for t in near})

    def _figure_fits(self, query: Query, lead: ShortAnswer) -> bool:
        """False for a figure of someone the question does not ask about, or of the wrong kind.

        "How much rain has Hallam had?" is not answered by "14 years" (a length of time is
        an answer to "how much" only when asked as one: "how much longer", "how much was it
        delayed?"), nor "what percentage did Lesak get?" by his rival's share.
        """
        if lead.measure == "money" and _found(_MUCH_OF_A_THING, query.normalized):
            return False  # "how much water will the system save?" is not "$45 million"
        if (
            lead.measure in _NO_SIZE
            and _found(_HOW_MUCH, query.normalized)
            and not query.units
            and not _found(_MUCH_TIME, query.normalized)
        ):
            return False
        if not _a_part_if_asked(query, lead):
            return False
        if (
            lead.kind == "number"
            and not lead.measure
            and _found(_HOW_MUCH, query.normalized)
            and {root(t) for t in _things(lead)} & {root(t) for t in query.tokens}
        ):
            # "How much did each syndicate get?" is not answered by "two syndicates": a count of
            # those the question asks about is no amount of theirs ("how much did the
            # population fall?" still takes "4,200 people", and shares count nothing).
            return False
        return lead.kind != "number" or lead.measure == _AGE or self._whose_figure(query, lead)

    def _whose_figure(self, query: Query, lead: ShortAnswer) -> bool:
        """True unless a figure is someone else's than the one the question asks about.

        "What percentage did Lesak get?" is not answered by Hrdinova's "50.1 percent", nor
        "how much did Denmark pledge?" by Norway's 2 billion crowns. Only a name of the same
        kind stands in the way, and of places only a country: "how much did rents rise under
        Lindqvist?" may be answered by Dunmere's rise, and "how much rain did Germany get?" by
        Munich's.
        """
        owner = lead.owner
        if not owner:
            return True
        asked = [t for t in query.tokens if t in self.lexicon.entities]
        located, nations = self.lexicon.located, self.lexicon.nations
        # "Fenlow" names "Fenlow Reservoir", "Dunmere Council" "Greater Dunmere Council"; of
        # countries only the whole name does ("Sudan" is not "South Sudan").
        if any(
            o.startswith(a) or a.startswith(o) or (not {a, o} <= nations and (a in o or o in a))
            for a in asked
            for o in owner
        ):
            return True
        if owner & located:
            # Munich's rain may be Germany's, but Norway's pledge is not Denmark's.
            others = [t for t in asked if owner & nations and t in nations]
        else:
            others = [t for t in asked if t not in located]
        if self.lexicon.speech & set(query.tokens):
            # "How much will be invested, according to Marsh?" names who says it.
            others = [t for t in others if t not in self.speakers]
        # Another name the figure's clause involves may be the figure's too ("Westmarch will
        # cut 450 jobs at Coastline Water"), unless the sentence gives it a figure of its own,
        # or the question asks it to do what the owner did ("how much will Greece lend?" of
        # "Germany will lend 5 billion euros to Greece").
        parties = frozenset() if self._same_verb(query, lead) else lead.parties
        return not any(t in lead.rivals or t not in parties for t in others)

    @staticmethod
    def _same_verb(query: Query, lead: ShortAnswer) -> bool:
        """True when the question asks with the verb the figure goes with ("lend")."""
        return bool(lead.verb) and root(lead.verb) in {root(t) for t in query.tokens}

    def _a_size(self, query: Query, lead: ShortAnswer) -> bool:
        """True unless a short answer cannot be the size "how big ...?" asks for.

        "How big were the boulders?" is not answered by "90 seconds" (unless it is the size
        of a lead or a wait), nor "how big is the bridge?" by "four other bridges".
        """
        measure = lead.measure
        if measure in _NO_SIZE:
            return measure == "time" and _found(_TIMED, query.normalized)
        # A count of the very things asked about, as the asker writes them: "a 400-bed
        # hospital" and "30,000 troops" (for "how big is the army?") are sizes.
        counted = {root(word) for word in self._noun(lead)}
        return (
            bool(measure)
            or "-" in lead.text
            or not counted & {root(word) for word in query.normalized.split()}
        )

    @staticmethod
    def _another_year(query: Query, lead: ShortAnswer) -> bool:
        """True when a date gives a year and the question asks in another ("in 2023").

        A year qualifying something else ("the report on the 2011 revenue") is not asked.
        """
        asked = set(_IN_YEAR.findall(query.normalized))
        given = set(_YEARS.findall(lead.text.split(" (")[0]))
        return bool(asked and given and not asked & given)

    def a_role(self, words: Sequence[str]) -> bool:
        """True when words name what a person or group may be, not a place.

        "Central bank governor", "private company"; not "capital of Marovia".
        """
        return not {root(word) for word in words} & _PLACE_KINDS and self.has_role_word(words)

    def has_role_word(self, words: Sequence[str]) -> bool:
        """True when a word names a person's or group's role ("minister", "association")."""
        return any(word in self._people for word in words) or bool(
            {root(word) for word in words} & (_ANY_GROUP_NAME - {root("capital")})
        )

    def _asks_a_person(self, query: Query) -> bool:
        """True when "who is the ...?" names a person by a role ("the health minister")."""
        role = _WHO_ROLE.match(query.normalized)
        words = role.group(1).split()[:_ROLE_WORDS] if role else []
        return any(w in self._people and w not in ROLES_OF_GROUPS for w in words) and not any(
            root(w) in _ANY_GROUP_NAME for w in words
        )

    def _typed(self, query: Query, lead: ShortAnswer) -> bool:
        """True when the question spells out every word of a name ("who speaks for Ulmar?").

        A title is no part of the name: "who was CEO before Helena Marsh?" names "Westmarch
        chief executive Helena Marsh" though it never writes "chief executive".
        """
        words = set(normalize(lead.text).split())
        named = words - _TITLES or words
        return named <= set(query.normalized.split())

    def _named_in(self, query: Query, lead: ShortAnswer) -> bool:
        """True when the question names the person a short answer names, by the surname.

        "Museum director Helena Marquardt" is named in "who was the director before Marquardt?".
        A person's name ends in a word that is no English word, and only that word counts: a
        title ("CPA chief executive"), a group's name ("Mozilla Corporation") and a first name
        two people share ("Anders Berg replaced Anders Holm") do not; nor does a surname beside
        a relative ("Oskelt's daughter" may be Lena Oskelt). A question asking for a full name
        ("what is Lena's surname?") wants it all the same (`full_name`).
        """
        words = normalize(lead.text).split()
        surname = words[-1] if words else ""
        if not surname.isalpha() or surname in self.lexicon.real_words:
            return False
        asked = query.normalized.split()
        return surname in asked and not any(_RELATIVE.fullmatch(word) for word in asked)

    def _counts_what_is_checked(self, query: Query, profile: Profile) -> bool:
        """True unless a check of a count ("were 2000 people evacuated?") meets no such count."""
        return not query.checked_count or any(
            self.counts_checked(query, lead) for lead in profile.leads
        )

    def counts_checked(self, query: Query, lead: ShortAnswer) -> bool | None:
        """Whether a figure counts what a check of a count puts up; None for other questions.

        The count is the figure the question puts up and the word after it, of people or of
        things or a measure ("2000 people", "12 schools", "32000 litres").
        """
        word = query.checked_count
        if not word:
            return None
        if measure := unit(word):
            return lead.measure == measure
        if lead.kind != "number" or lead.measure:
            return False
        if word in self._people or word == "people":
            return self.names_people(lead)
        # "About 86,000 (of its Glide 3 scooters)": what it counts may follow the figure.
        return bool(set(self.lexicon.tokens(word)) & (lead.tokens | lead.about))

    def _counts_people(self, lead: ShortAnswer) -> bool:
        """True when a figure counts people ("1,100 residents") or does not say what it counts."""
        return not self._noun(lead) or self.names_people(lead)

    def names_people(self, lead: ShortAnswer) -> bool:
        """True when a figure says it counts people ("1,100 residents"; not "1,100")."""
        return bool(self._noun(lead) & self._people)

    def _noun(self, lead: ShortAnswer) -> set[str]:
        """What a figure counts: "homes" of "40 private homes", nothing of "about 1,100"."""
        head = lead.head
        return set() if not head or head.isdigit() or head in self._little else {head}

    def _goes_with(self, query: Query, lead: ShortAnswer) -> bool:
        """True when a short answer goes with what the question asks about.

        Its own or its neighbouring words share a root with the question's words other than
        names: "how long has Morrow been with the *union*?" is not answered by "through two
        years of record volumes", which goes with the port's volumes.
        """
        named = {t for t in query.tokens if t not in self.lexicon.entities and not t.isdigit()}
        asked = named - query.soft
        if not asked:
            return True
        # A name written as one token ("Hollins Vale Action Group") goes with its words too;
        # a light verb goes with it too ("how long would draining it *take*?": "take six
        # weeks"), though no other soft word ("what is the *name* of ...?" is no "named").
        near = {root(t) for t in lead.about | lead.tokens} | lead.words
        return bool({root(t) for t in asked | (named & self._light)} & near)

    def _whom_it_was(self, query: Query, profile: Profile) -> bool:
        """True when a check of who someone is or who did it meets a fact naming another.

        "The winner was scored by Solberg, right?" of "Varenne scored the winner", "was
        Lindqvist the one who led the survey, right?" of "led by Dr Ilse Varga": the fact answers
        with whom it was. A doer is a person the fact tells of, not the one who tells it
        ("..., coach Maria Duval said"); and only a check of identity counts: "Solberg signed
        a new contract, right?" is not answered by Varenne's contract.
        """
        if not (query.claim or query.checks):
            return False
        if _found(_ROLE_CHECKED, query.normalized):
            # The one who holds the role may well be the one quoted.
            unlike = set(query.tokens)
        elif any(
            set(self.lexicon.tokens(doer)) & self._persons
            for doer in _DOER_CHECKED.findall(query.normalized)
        ):
            # "scored by Solberg", not "signed by January"
            unlike = set(query.tokens) | profile.speakers
        else:
            return False
        return any(
            lead.kind == "person" and lead.tokens & self._persons and not lead.tokens & unlike
            for lead in profile.leads
        )

    def _blockers(self, query: Query, profile: Profile) -> tuple[str, ...]:
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
        if self._whom_it_was(query, profile):
            offered |= {t for t in query.tokens if t in self._persons}
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
            blockers.append(NEEDS + "/".join(sorted(profile.requires)))
        blockers += self._opposed(query, profile)
        return tuple(blockers)
