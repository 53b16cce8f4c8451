"""Read a question once: normalised text, canonical tokens, unknown words, kind and intent.

The first stage of answering (question -> query). Everything the later stages need to know
about a question is worked out here, once, and passed forward in a frozen `Query`: the
candidates drawn from the index, the checks that rule facts out and the policy that decides.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from knowledge.classifying import (
    QuestionKind,
    asks_afterwards,
    asks_for_attribution,
    asks_opinion,
    question_kind,
)
from knowledge.dating import MONTHS, WEEKDAYS
from knowledge.lexicon import MARKERS, UNKNOWN_NAME, Lexicon
from knowledge.models import Article
from knowledge.normalizing import normalize
from knowledge.quantities import (
    CLOCK,
    OLDEST,
    PEOPLE_WORDS,
    asked_units,
    counted_words,
    unit,
)

# "What country is Hallam in?", "which country's ministers ...?": a country is asked for.
_ASKS_COUNTRY: Final = re.compile(r"\b(?:what|which|wat|wich) country\b")
# A question checking a claim: "did the mayor say ...?", "was it Okafor who ...", "is it true
# ...", "..., right?", "the mayor said 40 pumps were sent?".
_CHECKS_CLAIM: Final = re.compile(
    r"^(did|didnt|does|has|had|was it|wasnt it|is it true)\b|\b(right|correct|true)$"
    r"|^(?!(who|what|whats|when|where|why|how|which)\b)(\w+ ){1,3}(said|says|claimed|claims)\b"
)
ALIEN_WEIGHT: Final = 1.8
_QUALIFIER_FACTOR: Final = 2.0
_WH_WORDS: Final = frozenset({"which", "what", "whats"})
_ALTERNATIVES: Final = re.compile(r"\b(\w+) or (\w+)\b")
# "Did it start in July?" checks a date the article gives (early August): a yes/no question may
# name a weekday or a month up to the article's own, and is answered with what the article says.
YES_NO: Final = re.compile(r"^(did|was|were|is|are|does|do|has|have|had)\b")
# "The last strike was in 2021, right?": a claim put up for checking.
_TAG_QUESTION: Final = re.compile(
    r"(?<!\bthe )\b(right|correct|true|yeah|innit|yea"
    r"|(isnt|wasnt|arent|werent|didnt|doesnt|dont|hasnt|havent|wont) (it|they|he|she|there))\s*$"
)
_WEEKDAYS: Final = frozenset(WEEKDAYS)
# "What's 2.4 million crowns in dollars?", "how far is that in miles?": a figure asked for in
# a unit of its own, at the question's end.
_IN_UNIT: Final = re.compile(r"\bin (?:us |american |british )?(\w+)(?: pls| please)?$")
_CONVERTIBLE: Final = frozenset({"money", "distance", "mass", "temperature", "area", "volume"})
# Enough that no fact explains a question asking for a conversion the article never gives.
_UNCONVERTED_WEIGHT: Final = 4 * ALIEN_WEIGHT
# A person's age put up for checking: "is Orlova 46?", "isn't Holloway 62?", "Orlova is 46,
# correct?" (the name is checked to be a person of the article's in `_age_checked`).
_AGE_CHECKED: Final = re.compile(
    r"^(?:is|isnt|was|wasnt) ((?:\w+ ){1,3})(\d{1,3})(?: years? old| yrs old| yo)?$"
    r"|^((?:\w+ ){1,3})(?:is|was|s|isnt|wasnt) (\d{1,3})(?: years? old| yrs old| yo)?"
    r"(?: right| correct| yeah| true| isnt (?:he|she)| wasnt (?:he|she))?$"
)
_OTHER_TIME_WEIGHT: Final = 10.0
# "US" in capitals is the country; "us" is the asker ("tell us more"). Told apart before
# everything is lower-cased ("US dollars" are dollars).
_UNITED_STATES: Final = re.compile(r"\bU\.?S\.?(?:A\.?)?(?![\w.$])(?![\s-]*(?i:dollars?)\b)")
# "What is Henrik Saalo's job?", "what did Edgar do for a living?": who the person is, which
# the sentence introducing them says ("Deputy Governor Henrik Saalo said ..."). A role or a
# title only of a full name ("Ilsa Marenkova's role"): "the inspectorate's role", "Rydo's
# role" ask what part a group plays; a position may be a stance ("the Greens' position").
_WHAT_IS: Final = r"^\s*what(?:'s|’s|s| is| was)\s+"
_POSSESSIVE: Final = r"(?:'s|’s|(?<=s)'|(?<=s)’)\s+"  # "Saalo's", "Voss'" (the s is the name's)
_JOB: Final = re.compile(
    rf"{_WHAT_IS}(?P<who>(?!the\b)[^?]+?){_POSSESSIVE}"
    r"(?:job(?: title)?|occupation|profession)(?: (?:at|with|for) \w+)?\s*\??\s*$"
    rf"|{_WHAT_IS}(?P<named>(?!the\b)[a-z]+ [a-z]+){_POSSESSIVE}(?:role|title)\s*\??\s*$"
    r"|^\s*what (?:does|did) (?P<doer>[^?]+?) do for (?:a living|work)\??\s*$",
    re.IGNORECASE,
)
_MENTIONED: Final = re.compile(r"\b(mentioned|cited|quoted|stated|given|reported|listed)$")
_SET_ASIDE: Final = re.compile(
    r"\bnot (?:just|only) (?:in )?(\w+)|\b(\w+) alone\b"
    r"|\b(?:besides|apart from|other than|except) (?:the )?(\w+)"
)
# "What time did it land?": the kind of answer asked for, which a time explains without the word.
_ASKED_KIND: Final = re.compile(
    r"\b(?:what|which|wat|wht) (time of day|day of the week|time|day|date|year|month|hour)\b"
)
# "How *big* is the fee?": the adjective after "how" says what kind of answer is wanted (not
# "how old", "how hot": an age or a temperature is what the article must give).
_HOW_ADJECTIVE: Final = re.compile(
    r"\bhow (big|large|small|high|tall|low|deep|wide|heavy|fast|quick|bad|serious|severe"
    r"|expensive|costly|strong)\b"
    # Not one qualifying a noun: "how *small* businesses were hit" asks about small businesses.
    r"(?=\s*$| (?:is|was|are|were|will|would|could|can|did|do|does|has|have|had|a|an|the|it"
    r"|they|enough)\b)"
)
# "How long will the cheaper fare *last*?": the verb, ending the question, only repeats that a
# duration is asked. Not in a question that says "last" twice: "how long did the last strike
# last?" (nor "how long was the last closure?", where it is no verb).
_HOW_LONG_LAST: Final = re.compile(
    r"^(?!(?:.*\blast(?:s|ed|ing)?\b){2}).*?"
    r"\b(?:how long|until when|till when|til when|how many (?:days|weeks|months|years))"
    r" (?:\w+ ){0,6}?(last|lasts|lasted|lasting|run|runs|ran|running)"
    r"(?: for| then| exactly| again)?$"
)
# "Where does Coastline Water *operate*?": the verb only repeats that a place is asked.
_WHERE_AT: Final = re.compile(r"^where (?:\w+ ){1,5}?(operate|operates|located|situated)$")
# "How many days did the teams *spend* at sea?": the verb only repeats that a length of time is
# asked. (Not "take": "how long would the repairs take?" meets "would take two years".)
_HOW_LONG_SPENT: Final = re.compile(
    r"\b(?:how long|how many (?:days|weeks|months|years|hours|minutes|nights))\b"
    r"(?: \w+){0,6}? (spend|spends|spent|spending)\b"
)
# "How many *thousand* fans ...?" asks how many fans, in thousands (`normalize` writes digits).
_MAGNITUDE_ASKED: Final = re.compile(
    r"\bhow many (?:100|1000|1000000|1000000000|hundreds|thousands|millions|billions)(?: of)?\b"
)
# "What is Ostrand's *job*?", "what *position* does Ostrand *hold*?": a person's role asked
# (not "what is the union's position?", a stance, nor "the report's title").
ROLE_ASKED: Final = re.compile(
    r"^(?:what|whats|which) (?:is |s |was )?(?:\w+ ){1,4}(job|occupation|profession)$"
    r"|^what (title|position|job|role|post|office) (?:does|did|do) (?:\w+ ){1,4}"
    r"(hold|holds|have|has|had|held)$"
)
ANY_GROUP: Final = (
    "authority", "agency", "office", "ministry", "department", "commission", "committee",
    "council", "board", "court", "tribunal", "bureau", "inspectorate", "service", "company",
    "corporation", "corp", "inc", "ltd", "plc", "holdings", "group", "securities", "partners",
    "capital", "bank", "insurance", "airlines", "association", "union", "federation", "alliance",
    "party", "league", "foundation", "trust", "institute", "university", "society", "network",
    "coalition", "front", "chamber", "club", "fund", "organisation", "organization", "police",
)  # fmt: skip
# Nouns naming someone that a company or an agency may be as well: "Orbitalia SA, the
# manufacturer", "Northwind Foods Inc, the maker".
ROLES_OF_GROUPS: Final = frozenset(
    {
        "maker", "manufacturer", "lender", "carrier", "operator", "provider", "insurer",
        "supplier", "producer", "owner", "buyer", "seller", "employer", "developer", "publisher",
        "retailer", "distributor", "exporter", "importer", "broker", "partner", "sponsor", "one",
        "organiser", "organizer", "investigator", "regulator", "rival", "competitor", "parent",
        "shareholder", "investor", "creditor", "member", "client", "customer", "contractor",
        "builder", "winner", "loser", "leader", "host", "holder", "bidder", "backer", "target",
        "champion", "champions", "subsidiary", "newcomer", "watchdog", "successor", "sponsors",
        "bidders", "owners", "buyers", "contractors", "suppliers", "partners", "rivals",
        "lenders", "insurers", "makers", "operators", "providers", "investors", "members",
    }
)  # fmt: skip
GROUP_KINDS: Final[dict[str, tuple[str, ...]]] = {
    "regulator": ("authority", "agency", "inspectorate", "commission", "regulator", "watchdog",
                  "office", "board", "bureau", "ombudsman"),
    "watchdog": ("authority", "agency", "inspectorate", "commission", "regulator", "watchdog",
                 "office", "board", "bureau", "ombudsman"),
    "firm": ("company", "corporation", "corp", "inc", "ltd", "plc", "sa", "ag", "gmbh",
             "holdings", "group", "securities", "partners", "capital", "associates", "llp"),
    "company": ("company", "corporation", "corp", "inc", "ltd", "plc", "sa", "ag", "gmbh",
                "holdings", "group", "airlines", "lines", "bank", "insurance", "telecom",
                "systems", "technologies", "software", "labs", "networks", "communications",
                "media", "motors", "foods", "energy", "pharma", "pharmaceuticals", "biologics",
                "mobility", "airways", "industries", "enterprises"),
    "operator": ("company", "corporation", "transit", "lines", "airlines", "railways", "rail",
                 "services", "authority", "group"),
    "party": ("party", "alliance", "front", "union", "league", "coalition", "forum", "movement",
              "democrats", "greens", "left", "bloc", "list"),
    "union": ("union", "federation", "association", "confederation", "guild"),
    "bank": ("bank", "savings", "credit"),
    "lender": ("bank", "savings", "credit", "building", "finance", "lending"),
    "insurer": ("insurance", "insurers", "assurance", "mutual"),
    "court": ("court", "tribunal"),
    "council": ("council", "assembly"),
    "committee": ("committee", "board", "commission", "panel", "council"),
    "ministry": ("ministry", "department"),
    "department": ("department", "ministry", "office"),
    "agency": ("agency", "authority", "office", "service", "bureau", "inspectorate",
               "administration", "commission"),
    "authority": ("authority", "agency", "office", "commission", "administration"),
    "charity": ("foundation", "trust", "fund", "charity", "relief", "network", "society",
                "aid", "association"),
    **dict.fromkeys(("organisation", "organization", "group", "association", "institution",
                     "ngo"), ANY_GROUP),
}  # fmt: skip
"""The kinds of group a question asks for ("which *regulator* ...?"), each with the words by
which a group's name says it is one of them ("the National Data Protection *Authority*"):
such a name answers it, though the sentence never calls the group a regulator."""
ASKED_GROUP: Final = re.compile(
    r"\b(?:which|what) ("
    + "|".join(f"{k[:-1]}ies|{k}" if k.endswith("y") else f"{k}s|{k}" for k in GROUP_KINDS)
    + r")\b"
)
"""A question asking which group ("which regulator", "what party", "which companies")."""
_WHOSE_PEOPLE: Final = re.compile(r"\b(?:people|ppl|folks)['’]s\b", re.IGNORECASE)
_EARLIER: Final = re.compile(
    r"\b(a|an|1|2|3|4|5|6|7|8|9|10|few|couple of|several) (days?|weeks?|months?|years?)"
    r" (before|earlier|ago|prior)\b"
)
_NOISE_LENGTH: Final = 2
YEAR: Final = re.compile(r"^(19|20|21)\d\d$")
_CAPITALISED: Final = re.compile(r"\b[A-Z][a-z]+\b")
_ACCORDING_TO: Final = re.compile(r"\baccording to ((?:\w+ ){0,2}\w+)")
# "..., says the US?": the speaker named after the question.
_SAYS_WHO: Final = re.compile(
    r",\s*(?:says|said|claims|reckons) (?:the )?((?:\w+ )?\w+)\s*[?.!]*\s*$", re.IGNORECASE
)
_SAY: Final = "say"
# How near the end a closing "mentioned" or "says the US" stands, in words.
_CLOSING_WORDS: Final = 4
# "Is it 8,000 or 10,000?": figures offered as alternatives, only one of which a fact can hold.
_CHOICE: Final = re.compile(r"\b(\d+) (?:\w+ ){0,4}?or (?:\w+ ){0,2}?(\d+)\b")
# A light verb and its particle ("came back", "take off", "go home"): a phrasal verb.
_PARTICLES: Final = frozenset(
    {"back", "home", "off", "away", "down", "out", "up", "in", "on", "over", "under", "through",
     "forward", "around"}
)  # fmt: skip
_PARTICLE_REACH: Final = 3  # "got *their power* back"
# Numbers this small ("2 years") are too common to identify a fact on their own.
_SIGNIFICANT_NUMBER: Final = 100
# The least figure a check puts up as its claim: "did turnout hit 70%?" (not "two schools").
PUT_UP_AT_LEAST: Final = 10
_PUT_UP: Final = re.compile(r"\b(\d{2,})\b")
# A word of at least 7 letters may stand for a known one sharing all but its last 4 letters.
_DERIVED_MIN: Final = 7
_DERIVED_PREFIX: Final = 6
_DERIVED_ENDING: Final = 4


# Words between a speaker and the verb that change nothing: "what did the minister *actually* say?"
_SAYING_ADVERBS: Final = frozenset(
    {"actually", "really", "exactly", "even", "just", "also", "then"}
)


@dataclass(frozen=True)
class Query:
    """A question as the matcher sees it."""

    text: str
    normalized: str
    phrased: str
    """`normalized` with each multi-word synonym or filler phrase replaced by its token."""
    tokens: tuple[str, ...]
    soft: frozenset[str]
    aliens: tuple[str, ...]
    alien_weight: float
    pairs: frozenset[tuple[str, str]]
    kind: QuestionKind
    attribution: bool
    checked: tuple[str, ...] = ()
    """Times a yes/no question checks ("did it start in *July*?"): only a date may answer it."""
    opinion: bool = False
    """True when it asks the bot to judge ("is it good that ...?")."""
    afterwards: bool = False
    """True when it asks how things turned out after the article ("did they end up ...?")."""
    checked_speakers: frozenset[str] = frozenset()
    """Who a yes/no question checks said something ("did *Ukraine* say 10,000?")."""
    checks: bool = False
    """True when it checks a claim ("did ...", "is it true ...", "..., right?")."""
    claim: bool = False
    """True for a claim put up for checking ("the new shifts are 10 hours, right?"): the asker's
    own details in it, right or wrong, need not all be the article's."""
    units: frozenset[str] = frozenset()
    """What a "how far / how long / how heavy" question measures (`quantities.unit`)."""
    counted: frozenset[str] = frozenset()
    """The tokens of what "how many" counts ("how many *boulders*")."""
    people: bool = False
    """True when "how many" counts people ("how many people ...?"), in whatever words."""
    figures_checked_against: frozenset[str] = frozenset()
    """Who a check of a figure names ("did *Ukraine* say 10,000?"): their facts come first."""
    either: frozenset[tuple[str, str]] = frozenset()
    """Names offered as alternatives ("France or Germany"), both ways round."""
    offered: frozenset[str] = frozenset()
    """Every word offered as an alternative ("north or south?"), as the lexicon spells it."""
    puts_up: bool = False
    """True when a check puts up a figure of its own ("did turnout hit 70%?"): the sentence
    giving the article's figure explains less of it."""
    checked_count: str = ""
    """What the figure a check puts up counts ("people" of "were 2000 people evacuated?")."""
    spoken_by: str = ""
    """Whom by role a question asks the words of ("what did the *minister* say?"), as a token."""
    figures_given: frozenset[str] = frozenset()
    """The figures a check puts up that the fact base gives ("was it really *214* mm?")."""
    country: bool = False
    """True when it asks which country ("what country is Hallam in?")."""

    @property
    def has_content(self) -> bool:
        """True when the question names something beyond soft words and small numbers."""
        return any(
            t not in self.soft
            and (not t.isdigit() or (int(t) >= _SIGNIFICANT_NUMBER and not YEAR.match(t)))
            for t in self.tokens
        )


def _checked_count(normalized: str) -> str:
    """What the first figure a check puts up counts ("people" of "were 2000 people ...?")."""
    figure = _PUT_UP.search(normalized)
    return counted_after(figure.group(1), normalized) if figure else ""


def counted_after(number: str, normalized: str) -> str:
    """The plural a figure of a question counts ("people" of "2000 people were evacuated").

    "" when the word after it is no plural noun ("in 2019 as demand fell", "1950 was").
    """
    match = re.search(rf"\b{re.escape(number)} ([a-z]+)\b", normalized)
    word = match.group(1) if match else ""
    plural = (
        len(word) > _SHORTEST_PLURAL
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is"))
        and word not in _NOT_PLURALS
    )
    return word if word in PEOPLE_WORDS or plural else ""


_SHORTEST_PLURAL: Final = 3  # "has", "was", "his", "its" are none
_NOT_PLURALS: Final = frozenset(
    {"this", "thus", "versus", "always", "perhaps", "whereas", "across", "unless", "besides",
     "towards", "afterwards", "sometimes", "news", "does", "goes", "yes", "whereabouts"}
)  # fmt: skip


def _times_outside(normalized: str, *, afterwards: bool) -> list[str]:
    """Return markers for the times a question asks about that the article does not cover.

    "Did they end up fighting?" asks how things turned out after the article; "how many were
    there a week before?" asks about a time before it.
    """
    return [
        marker
        for marker, asked in (
            ("afterwards", afterwards),
            ("earlier", bool(_EARLIER.search(normalized))),
        )
        if asked
    ]


class QueryReader:
    """Turns questions into `Query` objects for one fact base."""

    def __init__(
        self,
        lexicon: Lexicon,
        articles: Iterable[Article],
        *,
        known: frozenset[str],
        idf: Mapping[str, float],
        speakers: frozenset[str],
        said_by: Callable[[str, set[str]], bool],
    ) -> None:
        """Prepare to read questions about `articles`.

        Args:
            lexicon: The fact base's lexicon (typos, synonyms, stop words).
            articles: The articles, for the months and weekdays they name and their dates.
            known: Every token the fact base uses.
            idf: The fact base's token weights (a figure it uses is one of its tokens).
            speakers: Everyone the articles attribute something to.
            said_by: Whether a figure is given by these speakers alone.
        """
        articles = list(articles)
        self.lexicon = lexicon
        self.known = known
        self.idf = idf
        self.speakers = speakers
        self._said_by = said_by
        # The months and weekdays the articles name ("Thursday", "early August"): capitalised,
        # so that "Russia may provide" names no month.
        named = {w.lower() for a in articles for w in _CAPITALISED.findall(a.text)}
        self._article_months = named & frozenset(MONTHS)
        self._article_times = named & (frozenset(MONTHS) | _WEEKDAYS)
        latest = max((a.meta.date for a in articles if a.meta.date), default=None)
        # Times a yes/no question may check against the article's dates, not times after it.
        self._checkable = _WEEKDAYS | frozenset(MONTHS[: latest.month if latest else 0])
        # "tldr", "what happened": the token of asking for the gist of the whole article.
        self._summary = lexicon.canonical_word("summary")
        # Where the articles name the United States, "us" is theirs already, in any case.
        self._us_named = "us" in lexicon.name_spellings()
        self._latest_year = latest.year if latest else 0
        self._untimed = (
            frozenset() if any(CLOCK.search(a.text) for a in articles) else frozenset({"time"})
        )
        # Known words by their first letters, to find a word's relatives ("evacuation").
        self._by_start: dict[str, list[str]] = {}
        for token in sorted(known):  # sorted: the same relative in every process
            if token.isalpha() and len(token) >= _DERIVED_PREFIX:
                self._by_start.setdefault(token[:_DERIVED_PREFIX], []).append(token)

    def _derived(self, token: str) -> str | None:
        """A known word sharing all but the ending of an unknown one, or None.

        "Evacuated" finds "evacuation", "hydrology" finds "hydrologist". Only words of seven
        letters or more, so that short ones keep their own meaning.
        """
        # A listed name ("evacuation" is on the list of things an article may not mention)
        # that the article uses in another form is no stranger; a day or a month stays a time.
        token = token.removeprefix(UNKNOWN_NAME)
        if (
            not token.isalpha()
            or len(token) < _DERIVED_MIN
            or token in _WEEKDAYS
            or token in MONTHS
        ):
            return None
        best, best_shared = None, 0
        for other in self._by_start.get(token[:_DERIVED_PREFIX], ()):
            shared = 0
            while shared < min(len(token), len(other)) and token[shared] == other[shared]:
                shared += 1
            if shared >= max(len(token), len(other)) - _DERIVED_ENDING and shared > best_shared:
                best, best_shared = other, shared
        return best

    def _spelled(self, text: str) -> str:
        """`text` normalised, with shorthand spelled out and typos corrected."""
        if not self._us_named and not text.isupper():  # "TELL US" is shouted, not the US
            text = _UNITED_STATES.sub("United States", text)
        if job := _JOB.match(text):
            text = f"who is {job.group('who') or job.group('named') or job.group('doer')}?"
        return _MAGNITUDE_ASKED.sub("how many", self.lexicon.spell(normalize(text)))

    @staticmethod
    def _puts_up(tokens: Sequence[str]) -> bool:
        """True when a check puts up a figure of its own ("did turnout hit 70%?")."""
        return any(t.isdigit() and int(t) >= PUT_UP_AT_LEAST for t in tokens)

    def _spoken_by(self, normalized: str) -> str:
        """The role whose words a question asks for ("what did the minister say?"), or "".

        A person named by role right before a verb of saying: "the mayor said", "did police
        tell". Named people are `Query.pairs`.
        """
        words = [w for w in normalized.split() if w not in _SAYING_ADVERBS]
        people = self.lexicon.vocabulary.people
        for word, verb in itertools.pairwise(words):
            if word in people and self.lexicon.canonical_word(verb) in self.lexicon.speech:
                return self.lexicon.canonical_word(word)
        return ""

    def read(self, text: str) -> Query:
        """Analyse a question: tokens (typos corrected), unknown words, kind and intent."""
        normalized = self._spelled(text)
        words = self.lexicon.words(normalized)
        sequence = self.lexicon.analyse(normalized, words)
        attribution = asks_for_attribution(normalized)
        # "In August or September?": the other time is only offered; "what *year*": the kind
        # of answer asked for, which any date gives. Neither counts against a fact that does
        # not use the word. ("What *time*" does, where the articles give no time of day.)
        kind_words = self._kind_words(normalized)
        offered = self._offered_times(normalized) | (kind_words - self._untimed)
        # A yes/no question, or a claim put up for checking, may name the article's times.
        checkable = (
            self._checkable
            if YES_NO.match(normalized) or _TAG_QUESTION.search(normalized)
            else frozenset()
        )
        # "Is it 2,000 or 8,000?": figures offered as choices are figures, not years.
        choices = {
            number
            for choice in _CHOICE.finditer(normalized)
            if all(int(n) >= _SIGNIFICANT_NUMBER for n in choice.groups())
            for number in choice.groups()
        }
        checked: list[str] = []
        tokens: list[str] = []
        aliens: list[str] = []
        soft: set[str] = set()
        alien_weight = 0.0
        for position, token in enumerate(sequence):
            if not token or token in MARKERS:
                continue
            if token in self.known:
                tokens.append(token)
                # Small numbers ("two officials", "2 years") say little about which fact is meant.
                small = token.isdigit() and int(token) < _SIGNIFICANT_NUMBER
                if token in self.lexicon.soft or small:
                    soft.add(token)
            elif token.removeprefix(UNKNOWN_NAME) in offered or token in offered:
                soft.add(token)
            elif token.removeprefix(UNKNOWN_NAME) in checkable or self._checked_year(
                token, text, checking=bool(checkable)
            ):
                # "Did it start in July?" checks the date the article gives.
                checked.append(token.removeprefix(UNKNOWN_NAME))
            elif token in choices:
                tokens.append(token)
                soft.add(token)
            elif related := self._derived(token):
                # "hydrology" in an article that says "hydrologist": a word of the same stem.
                tokens.append(related)
            else:
                unknown = self._unknown(token, position, sequence, normalized, attribution)
                if unknown is None:
                    # A figure the article does not use ("are there 20,000?") still asks about
                    # the figure it does use.
                    tokens.append(token)
                    soft.add(token)
                elif unknown[1]:
                    aliens.append(unknown[0])
                    alien_weight += unknown[1]
        soft.update(choices & set(tokens), self._set_aside(normalized, tokens), kind_words)
        says_who = _SAYS_WHO.search(text)
        pairs = frozenset(
            self.lexicon.qualified(self._unmentioned(sequence, normalized, closing=bool(says_who)))
            | self._according_to(normalized, says_who)
        )
        named = {e for e, word in pairs if word in self.lexicon.speech and e in self.speakers}
        is_check = bool(_CHECKS_CLAIM.search(normalized))
        checks = bool(named) and is_check
        soft.update(self._checked_figures(tokens, named) if is_check else ())
        afterwards = asks_afterwards(normalized)
        aged = self._age_checked(normalized)
        outside = _times_outside(normalized, afterwards=afterwards)
        aliens.extend(outside)
        alien_weight += _OTHER_TIME_WEIGHT * len(outside)
        return Query(
            text=text,
            normalized=normalized,
            phrased=" ".join(words),
            tokens=tuple(dict.fromkeys(tokens)),
            soft=frozenset(soft) - self._phrasal(normalized),
            aliens=tuple(dict.fromkeys(aliens)),
            alien_weight=alien_weight + self._unconverted(normalized, aliens),
            pairs=pairs,
            kind=self._kind(normalized, tokens, is_check=is_check, aged=aged),
            attribution=attribution,
            checked=tuple(checked),
            opinion=asks_opinion(normalized),
            afterwards=afterwards,
            checked_speakers=frozenset(named) if checks else frozenset(),
            checks=is_check,
            claim=bool(_TAG_QUESTION.search(normalized)),
            puts_up=is_check and self._puts_up(tokens),
            checked_count=_checked_count(normalized) if is_check else "",
            figures_checked_against=(
                frozenset(named)
                if checks and any(t.isdigit() and t in soft for t in tokens)
                else frozenset()
            ),
            either=self._either(" ".join(words)),
            spoken_by=self._spoken_by(normalized),
            country=bool(_ASKS_COUNTRY.search(normalized)),
            # A year names a time ("did the 2025 budget ...?"), unless it counts something.
            figures_given=frozenset(
                t
                for t in tokens
                if is_check
                and t.isdigit()
                and t in soft
                and t in self.idf
                and not (YEAR.match(t) and not counted_after(t, normalized))
            ),
            offered=frozenset(
                self.lexicon.canonical_word(word)
                for found in _ALTERNATIVES.finditer(" ".join(words))
                for word in found.groups()
            ),
            units=frozenset({"age"}) if aged else asked_units(normalized),
            counted=self._counted(normalized),
            # "how many people's homes?" counts homes.
            people=bool(PEOPLE_WORDS & set(counted_words(normalized).split()))
            and not _WHOSE_PEOPLE.search(text),
        )

    def _unconverted(self, normalized: str, aliens: Sequence[str]) -> float:
        """The weight of a unit asked for that the article never uses ("... in dollars?").

        The article gives its figures in its own units; converting them is no answer it can
        cite, so such a question is declined rather than answered with the figure unconverted.
        """
        asked = _IN_UNIT.search(normalized)
        if asked is None or unit(asked.group(1)) not in _CONVERTIBLE:
            return 0.0
        token = self.lexicon.canonical_word(asked.group(1))
        return _UNCONVERTED_WEIGHT if token in aliens else 0.0

    def _offered_times(self, normalized: str) -> set[str]:
        """The other time of "in August or September?", only offered as an alternative."""
        return {
            other
            for pair in _ALTERNATIVES.finditer(normalized)
            for time, other in (pair.groups(), pair.groups()[::-1])
            if time in self._article_times
        }

    def _checked_year(self, token: str, text: str, *, checking: bool) -> bool:
        """True for a year a yes/no question checks ("was it built in 1905?").

        Only a year written as one ("two thousand" is a count) up to the article's own, and
        not one counting the word after it ("were 2000 people evacuated?").
        """
        return (
            checking
            and bool(YEAR.match(token))
            and int(token) <= self._latest_year
            and token in text
            and not counted_after(token, text)
        )

    def _counted(self, normalized: str) -> frozenset[str]:
        """What "how many" counts: the words after it, less the names qualifying them.

        Nothing in particular for "how many people?", counted in residents, fans or workers.
        """
        words = counted_words(normalized)
        if PEOPLE_WORDS & set(words.split()):
            return frozenset()
        tokens = [t for t in self.lexicon.tokens(words) if t not in self.lexicon.entities]
        # "How many places?" counts what "a 420-place school" has, though "places" is a word of
        # its own beside the soft "place" ("cases" is no mere "case"): the base is counted too.
        tokens += [
            base
            for word in words.split()
            if (base := self.lexicon.bases.get(word, "")) in self.lexicon.soft
        ]
        # The noun counted is asked for even when it is an everyday one ("how many air
        # monitoring *locations*?").
        head = tokens[-1:] if tokens and not tokens[-1].isdigit() else []
        return frozenset(
            t for t in tokens if not t.isdigit() and t not in self.lexicon.soft
        ) | frozenset(head)

    def _kind(
        self, normalized: str, tokens: Sequence[str], *, is_check: bool, aged: bool
    ) -> QuestionKind:
        """Return the kind of answer wanted.

        Checking a figure the article never gives ("my friend says 100,000, is that right?")
        wants the article's figure; checking someone's age (`aged`), their age.
        """
        kind = question_kind(normalized, self.lexicon.places)
        foreign = any(
            t.isdigit() and int(t) >= _SIGNIFICANT_NUMBER and t not in self.idf for t in tokens
        )
        if kind == "open" and aged:
            return "measure"  # "is Orlova 46?" is answered by her age, whatever it is
        return "number" if kind == "open" and is_check and foreign else kind

    def _phrasal(self, normalized: str) -> frozenset[str]:
        """The light verbs a question uses with a particle ("how many divers came *back*?").

        Such a verb is one of its own, never soft.
        """
        words = normalized.split()
        return frozenset(
            self.lexicon.canonical_word(word)
            for at, word in enumerate(words)
            if word in self.lexicon.vocabulary.light
            and _PARTICLES.intersection(words[at + 1 : at + 1 + _PARTICLE_REACH])
        )

    def _age_checked(self, normalized: str) -> bool:
        """True when a question checks the age of someone the article names ("is Orlova 46?")."""
        found = _AGE_CHECKED.search(normalized)
        if found is None:
            return False
        named, figure = found.group(1, 2) if found.group(1) else found.group(3, 4)
        tokens = self.lexicon.tokens(named)
        # A name, maybe after a title ("Mayor Holloway"), but not "Holloway's son", "Orlova's
        # crew" nor "Norway".
        places = self.lexicon.nations | self.lexicon.located
        return (
            int(figure) <= OLDEST
            and bool(tokens)
            and tokens[-1] in self.lexicon.entities
            and tokens[-1] not in places
        )

    def _either(self, phrased: str) -> frozenset[tuple[str, str]]:
        """Return the names offered as alternatives ("was it France or Germany ...")."""
        offered: set[tuple[str, str]] = set()
        for found in _ALTERNATIVES.finditer(phrased):
            first, second = (self.lexicon.canonical_word(word) for word in found.groups())
            if first in self.lexicon.entities and second in self.lexicon.entities:
                offered |= {(first, second), (second, first)}
        return frozenset(offered)

    def _kind_words(self, normalized: str) -> set[str]:
        """The words by which a question says what kind of answer it wants ("what *time*")."""
        return {
            token
            for found in (
                *_ASKED_KIND.finditer(normalized),
                *ASKED_GROUP.finditer(normalized),
                *_HOW_ADJECTIVE.finditer(normalized),
                *_HOW_LONG_LAST.finditer(normalized),
                *_HOW_LONG_SPENT.finditer(normalized),
                *_WHERE_AT.finditer(normalized),
            )
            for token in self.lexicon.tokens(found.group(1))
        } | {
            token
            for found in ROLE_ASKED.finditer(normalized)
            for word in found.groups()
            if word
            for token in (word, *self.lexicon.tokens(word))
        }

    def _set_aside(self, normalized: str, tokens: Sequence[str]) -> set[str]:
        """Return what a question sets aside ("how many overall, not just in *Halberg*?").

        After "besides" only a named party is set aside: "besides the US, who ...?" asks about
        the others, while "besides uniforms" still asks about uniforms. "What happened to the
        Petrel probe?" asks about the probe, not for the gist of the article.
        """
        aside: set[str] = set()
        if any(t != self._summary and t not in self.lexicon.soft for t in tokens):
            aside.add(self._summary)
        for found in _SET_ASIDE.finditer(normalized):
            named = self.lexicon.tokens(found.group(1) or found.group(2) or found.group(3))
            if found.group(3) is None or all(t in self.lexicon.entities for t in named):
                aside.update(named)
        return aside

    def _checked_figures(self, tokens: Sequence[str], named: set[str]) -> set[str]:
        """Return the figures a yes/no check offers, which may be the wrong ones.

        "Did Germany say 8,000?" is answered with what Germany did say; "did the article
        say 12,000 live in Halberg?" with the figure the article gives for Halberg.
        """
        return {t for t in tokens if t.isdigit() and not (named and self._said_by(t, named))}

    def _unknown(  # noqa: PLR0911 - one return per kind of unknown word
        self,
        token: str,
        position: int,
        sequence: Sequence[str],
        normalized: str,
        attribution: bool,
    ) -> tuple[str, float] | None:
        """Weigh a word nothing in the fact base knows: (the word, its weight against every fact).

        None means a figure to keep as a (soft) token; a weight of 0 means noise to ignore.
        """
        if token.startswith(UNKNOWN_NAME):
            # A place, person or group the article never mentions: about something else.
            return token[1:], _OTHER_TIME_WEIGHT
        if token in self.lexicon.other_times or (
            token.isdigit() and YEAR.match(token) and not counted_after(token, normalized)
        ):
            # A year or month the article never mentions is another time, usually after it.
            return token, _OTHER_TIME_WEIGHT
        if token.isdigit():
            if self._article_months & set(sequence[max(0, position - 1) : position + 2]):
                # A day of a month the article does not mention ("October 29") is another time.
                return token, _OTHER_TIME_WEIGHT
            if attribution and int(token) >= _SIGNIFICANT_NUMBER:
                # "Whose estimate is 20,000?" asks about that very figure, which nobody gave.
                return token, ALIEN_WEIGHT * _QUALIFIER_FACTOR
            return None
        if len(token) <= _NOISE_LENGTH:
            return token, 0.0
        following = sequence[position + 1] if position + 1 < len(sequence) else ""
        # An unknown word qualifying a known thing ("*Chinese* soldiers", "*humanitarian* aid")
        # changes what is asked more than one standing apart; so does one that is what the
        # question asks for ("which *officers*").
        # The token is spelled as the lexicon reads it ("colour": "color").
        heavy = following in self.lexicon.heads or self._asked_for(
            token, self.lexicon.respell(normalized)
        )
        return token, ALIEN_WEIGHT * (_QUALIFIER_FACTOR if heavy else 1.0)

    def _unmentioned(self, sequence: list[str], normalized: str, *, closing: bool) -> list[str]:
        """Return `sequence` without a closing verb of saying, which names no speaker before it.

        "The biggest estimate of troops in Russia mentioned" means mentioned in the article,
        not by Russia; in "... if they fight Ukraine, says the US?" the US is the speaker.
        """
        if not (closing or _MENTIONED.search(normalized)):
            return sequence
        # The closing "mentioned", or the "says" of "..., says the US".
        spoken = [i for i, token in enumerate(sequence) if token in self.lexicon.speech]
        if not spoken or len(sequence) - spoken[-1] > _CLOSING_WORDS:
            return sequence
        return [*sequence[: spoken[-1]], "", *sequence[spoken[-1] + 1 :]]

    def _according_to(
        self, normalized: str, says_who: re.Match[str] | None
    ) -> set[tuple[str, str]]:
        """Return (speaker, "say") for "according to Ukraine" or "..., says Ukraine?"."""
        found = _ACCORDING_TO.search(normalized) or says_who
        if found is None:
            return set()
        named = [t for t in self.lexicon.tokens(found.group(1)) if t in self.lexicon.entities]
        return {(named[0], _SAY)} if named and _SAY in self.lexicon.speech else set()

    @staticmethod
    def _asked_for(token: str, normalized: str) -> bool:
        """True when `token` is what a which/what question asks for ("which *officers*")."""
        words = normalized.split()
        return any(
            word.startswith(token) and _WH_WORDS & set(words[max(0, i - 2) : i])
            for i, word in enumerate(words)
        )
