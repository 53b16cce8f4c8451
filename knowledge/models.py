"""The fact base's data model: articles, facts, citations and answers.

Everything here is a frozen pydantic model that forbids unknown fields, so a typo in a
human-edited facts file is an error rather than a silently ignored key.
"""

from __future__ import annotations

import datetime as dt
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from knowledge.quantities import unit

AnswerType = Literal[
    "number",
    "person",
    "role",
    "place",
    "date",
    "event",
    "list",
    "yes/no",
    "quote",
    "reason",
    "measure",
]
"""What kind of thing a fact answers with; matched against the kind of question asked."""


ARTICLE_VOICE: Final = "the article"
"""The source of what an article says in its own voice, quoting nobody."""


class Frozen(BaseModel):
    """Base for every model: immutable, and unknown fields are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Sentence(Frozen):
    """One sentence of a paragraph, with its character span in the article text."""

    paragraph: int = Field(ge=1, description="1-based paragraph number")
    index: int = Field(ge=1, description="1-based sentence number inside the paragraph")
    start: int = Field(ge=0, description="offset of the first character in the article text")
    end: int = Field(ge=0, description="offset one past the last character")
    text: str


class Paragraph(Frozen):
    """One paragraph (one line) of an article."""

    number: int = Field(ge=1)
    start: int = Field(ge=0)
    text: str
    sentences: tuple[Sentence, ...]


class ArticleMeta(Frozen):
    """What is known about an article beyond its own words (the `<id>.toml` beside its text)."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str
    title_is_ours: bool = Field(
        default=False, description="True when the title was written by us, not by the outlet"
    )
    date: dt.date | None = Field(
        default=None, description="publication date; None for undated pages (encyclopedias)"
    )
    outlet: str = ""
    author: str = ""
    url: str = ""
    cites: tuple[str, ...] = ()
    language: str = "en"
    notes: str = ""


class Article(Frozen):
    """An article's metadata, verbatim text and paragraph/sentence structure."""

    meta: ArticleMeta
    text: str
    paragraphs: tuple[Paragraph, ...]

    @property
    def id(self) -> str:
        """The article's id, which namespaces its facts."""
        return self.meta.id


class Citation(Frozen):
    """A verbatim span of an article that backs an answer."""

    article: str
    paragraph: int = Field(ge=1)
    quote: str


class Lead(Frozen):
    """The short answer a fact gives to one kind of question: a figure, a name, a day."""

    type: AnswerType
    text: str = Field(min_length=1, max_length=120, description="what the answer leads with")
    about: str = Field(default="", description="words next to it, to pick among several")
    unit: str = Field(
        default="",
        description="what its figure measures when its words do not say: money for '180,000 marks'",
    )
    verb: str = Field(
        default="",
        description=(
            "the verb a figure counts for ('close' in 'will close two schools'; 'have' in 'its"
            " 30 schools')"
        ),
    )

    owner: str = Field(
        default="",
        max_length=120,
        description=(
            "the name whose figure this is, where the sentence says so ('Tomas Lesak' in"
            " '46,951 for challenger Tomas Lesak')"
        ),
    )
    parties: str = Field(
        default="",
        max_length=120,
        description=(
            "the other names the figure's clause involves, '; ' between them ('Coastline Water'"
            " in 'Westmarch will cut 450 jobs at Coastline Water')"
        ),
    )
    voice: str = Field(
        default="",
        max_length=120,
        description=(
            "who gives this figure, where the sentence gives several voices theirs ('the union'"
            " in '..., while the union believes it was as high as 60,000')"
        ),
    )

    @property
    def measure(self) -> str:
        """What the figure measures ("money", "distance"; "" for a count or a name)."""
        return self.unit or unit(self.text)


class FactSpec(Frozen):
    """One fact as written by a human in a facts file (before positions are computed)."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    topic: str = Field(min_length=1, description="group shown by /facts")
    answer: str = Field(min_length=1, max_length=300)
    type: AnswerType
    also: tuple[AnswerType, ...] = Field(
        default=(),
        description="other kinds of answer it gives too (an attack's date and its place)",
    )
    source: str = Field(min_length=1, description="who says it, e.g. 'US estimates'")
    questions: tuple[str, ...] = Field(min_length=1)
    entities: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    quotes: tuple[str, ...] = Field(min_length=1)
    partial: str = Field(
        default="",
        description="what the article does NOT say, for questions it answers only partly",
    )
    partial_if: tuple[str, ...] = Field(
        default=(),
        description="words in a question that ask for what the article does not say",
    )
    requires: tuple[str, ...] = Field(
        default=(),
        description="a question must use one of these words (or a synonym) to get this fact",
    )
    unanswered: str = Field(
        default="",
        description="what the article does NOT say, for questions this fact only seems to answer",
    )
    unanswered_if: tuple[str, ...] = Field(
        default=(),
        description="phrases in a question that ask for a detail the article does not give",
    )
    leads: tuple[Lead, ...] = Field(
        default=(),
        description="short answers by kind; the answer leads with the one asked for",
    )
    setting: tuple[str, ...] = Field(
        default=(),
        description="what the whole article is about: a question naming it is not ruled out",
    )
    ahead: bool = Field(
        default=False,
        description="it tells what is expected, not what happened: no answer to how it ended",
    )
    expected: tuple[str, ...] = Field(
        default=(),
        description=(
            "words it uses only of what is expected ('decision' in 'a decision is expected by"
            " May'): no answer to whether that happened"
        ),
    )

    @property
    def answer_types(self) -> frozenset[AnswerType]:
        """Every kind of answer the fact gives: its type and `also`."""
        return frozenset({self.type, *self.also})

    @model_validator(mode="after")
    def _notes_for_their_triggers(self) -> FactSpec:
        if self.partial_if and not self.partial:
            msg = "partial_if needs a partial note saying what the article does not say"
            raise ValueError(msg)
        if self.unanswered_if and not self.unanswered:
            msg = "unanswered_if needs an unanswered note saying what the article does not say"
            raise ValueError(msg)
        return self


class Fact(Frozen):
    """A validated fact: its spec plus the citations computed from its quotes."""

    id: str = Field(description="namespaced id: '<article id>/<fact id>'")
    article: str
    spec: FactSpec
    citations: tuple[Citation, ...]
    sentences: tuple[tuple[int, int], ...] = Field(
        description="(paragraph, sentence) positions its quotes touch"
    )


class Gap(Frozen):
    """Something an article mentions but does not say; questions matching it are declined."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    questions: tuple[str, ...] = Field(min_length=1)
    note: str = Field(min_length=1, max_length=300)


class FactsFile(Frozen):
    """The content of one `facts/*.toml` file."""

    article: str
    fact: tuple[FactSpec, ...] = Field(min_length=1)
    gap: tuple[Gap, ...] = ()


class Vocabulary(Frozen):
    """Synonyms, entity names and stop words: the general vocabulary and the articles' own.

    `vocabulary/synonyms.toml` merged with the knowledge folder's `lexicon/*.toml`.
    """

    synonyms: dict[str, tuple[str, ...]]
    entities: frozenset[str]
    heads: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    nations: frozenset[str] = frozenset()
    """Names of the countries an article names ("Kaldoria"): "what country ...?" asks for one."""
    located: frozenset[str] = frozenset()
    """Tokens of the places an article names ("dunmere"): where a figure is, never whose."""
    speech: frozenset[str] = frozenset()
    stopwords: frozenset[str]
    soft: frozenset[str]
    general: frozenset[str] = frozenset()
    other_times: frozenset[str] = frozenset()
    places: frozenset[str] = Field(
        default=frozenset(), description='place names: "how big is <place>?" asks for an area'
    )
    shorthand: dict[str, str] = Field(default_factory=dict)
    speaks_for: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    instructions: tuple[str, ...] = ()
    real_words: frozenset[str] = frozenset()
    people: frozenset[str] = frozenset()
    """English nouns naming people ("residents", "fans"): what "how many people?" counts."""
    unknown_names: frozenset[str] = frozenset()
    filler: tuple[str, ...]
    opposites: frozenset[tuple[str, str]] = frozenset()
    """English words and their opposites, both ways ("promote", "demote")."""
    bases: dict[str, str] = Field(default_factory=dict)
    """Inflected forms whose stem misses their word ("judged": "judge"; bases.txt)."""
    capitals: frozenset[tuple[str, str]] = frozenset()
    """A country's capital and the country ("moscow", "russia"; capitals.txt)."""
    spellings: dict[str, str] = Field(default_factory=dict)
    """British spellings and their American form ("centre": "center"; spellings.txt)."""
    content: frozenset[str] = frozenset()
    """Words an article uses as content that the general lists would ignore ("team", "found")."""
    light: frozenset[str] = frozenset()
    """Everyday verbs that stay soft where an article uses them ("take", "go", "come")."""


class KnowledgeBase(Frozen):
    """Every article, fact and gap of the fact base, validated and cross-checked."""

    articles: dict[str, Article]
    facts: tuple[Fact, ...]
    gaps: dict[str, tuple[Gap, ...]] = Field(description="article id -> its gaps")
    vocabulary: Vocabulary

    def article(self, article_id: str | None = None) -> Article:
        """Return the article with `article_id`, or the first article when it is None.

        Raises:
            KeyError: No article has that id.
        """
        if article_id is None:
            return next(iter(self.articles.values()))
        return self.articles[article_id]


class Answer(Frozen):
    """The engine's reply to one question: an answer with citations, or a decline.

    A decline is a normal value (``answered`` is false, ``citations`` empty) carrying
    ``suggestions``: questions the fact base can answer.
    """

    question: str
    answered: bool
    text: str
    confidence: float = Field(ge=0.0, le=1.0)
    citations: tuple[Citation, ...] = ()
    fact_ids: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = ()

    def protocol_dict(self) -> dict[str, object]:
        """Return the `ask --jsonl` wire object (exactly the keys DEVELOPERS.md fixes)."""
        return {
            "question": self.question,
            "answered": self.answered,
            "answer": self.text,
            "confidence": round(self.confidence, 3),
            "citations": [c.model_dump() for c in self.citations],
            "fact_ids": list(self.fact_ids),
        }
