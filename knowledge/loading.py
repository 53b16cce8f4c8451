"""Read and validate the fact base: articles, their facts and the vocabulary.

Loading is all or nothing: the first problem raises `KnowledgeBaseError` naming the file, the
fact and the field, and no partly built `KnowledgeBase` ever escapes.
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Final

from pydantic import ValidationError
from rapidfuzz import fuzz

from knowledge.models import (
    Article,
    ArticleMeta,
    Citation,
    Fact,
    FactsFile,
    Gap,
    KnowledgeBase,
    Paragraph,
    Sentence,
    Vocabulary,
)
from knowledge.normalizing import normalize

log = logging.getLogger(__name__)

DEFAULT_DIRECTORY: Final = Path(__file__).resolve().parent
"""The fact base shipped inside the package (`knowledge/articles`, `facts`, `vocabulary`)."""

_SENTENCE_END: Final = re.compile(r"(?:(?<=[.!?][”\"’)])|(?<=[.!?]))\s+(?=[“\"A-Z0-9$])")


class KnowledgeBaseError(Exception):
    """The fact base is invalid; the message names the file, the fact and the field."""

    def __init__(self, file: Path | str, message: str, *, fact: str = "", field: str = "") -> None:
        self.file = str(file)
        self.fact = fact
        self.field = field
        where = self.file
        if fact:
            where += f": fact {fact!r}"
        if field:
            where += f", field {field!r}"
        super().__init__(f"{where}: {message}")


def split_sentences(paragraph_text: str, *, paragraph: int, start: int) -> tuple[Sentence, ...]:
    """Split one paragraph into sentences with their offsets in the whole article.

    Args:
        paragraph_text: The paragraph's text.
        paragraph: Its 1-based number.
        start: The offset of its first character in the article text.
    """
    sentences: list[Sentence] = []
    cursor = 0
    for index, match in enumerate([*_SENTENCE_END.finditer(paragraph_text), None], start=1):
        end = match.start() if match else len(paragraph_text)
        sentences.append(
            Sentence(
                paragraph=paragraph,
                index=index,
                start=start + cursor,
                end=start + end,
                text=paragraph_text[cursor:end],
            )
        )
        if match:
            cursor = match.end()
    return tuple(sentences)


def parse_article(meta: ArticleMeta, text: str) -> Article:
    """Build an `Article` from its metadata and verbatim text (one paragraph per line)."""
    paragraphs: list[Paragraph] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():  # blank lines are layout, not paragraphs
            number = len(paragraphs) + 1
            paragraphs.append(
                Paragraph(
                    number=number,
                    start=offset,
                    text=line,
                    sentences=split_sentences(line, paragraph=number, start=offset),
                )
            )
        offset += len(line) + 1
    return Article(meta=meta, text=text, paragraphs=tuple(paragraphs))


def closest_passage(article: Article, quote: str) -> str:
    """Return the article passage most like `quote`, shown beside a quote that is not verbatim."""
    best, best_score = "", -1.0
    for paragraph in article.paragraphs:
        alignment = fuzz.partial_ratio_alignment(
            quote, paragraph.text, processor=None, score_cutoff=0
        )
        if alignment is not None and alignment.score > best_score:
            best_score = alignment.score
            best = paragraph.text[alignment.dest_start : alignment.dest_end]
    return best


def locate_quote(article: Article, quote: str) -> tuple[Citation, tuple[tuple[int, int], ...]]:
    """Find `quote` verbatim in `article` and return its citation and the sentences it touches.

    Raises:
        ValueError: The quote is not a verbatim span of the article (the message shows the
            closest passage).
    """
    start = article.text.find(quote) if quote.strip() else -1
    if start < 0:
        raise ValueError(
            f"quote is not a verbatim span of article {article.id!r}: {quote!r}; "
            f"closest passage: {closest_passage(article, quote)!r}"
        )
    end = start + len(quote)
    touched = [
        (sentence.paragraph, sentence.index)
        for paragraph in article.paragraphs
        for sentence in paragraph.sentences
        if sentence.start < end and start < sentence.end
    ]
    if len({paragraph for paragraph, _ in touched}) != 1:
        raise ValueError(f"quote spans more than one paragraph: {quote!r}")
    return Citation(article=article.id, paragraph=touched[0][0], quote=quote), tuple(touched)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as error:
        raise KnowledgeBaseError(path, f"cannot read: {error.strerror or error}") from error
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise KnowledgeBaseError(path, f"not valid TOML: {error}") from error


def _validation_error(path: Path, error: ValidationError, data: Mapping[str, Any]) -> Exception:
    """Turn pydantic's first error into a `KnowledgeBaseError` naming the fact and the field."""
    first = error.errors()[0]
    loc = list(first["loc"])
    fact = ""
    if len(loc) >= 2 and loc[0] in {"fact", "gap"} and isinstance(loc[1], int):
        items = data.get(str(loc[0]), [])
        item = items[loc[1]] if loc[1] < len(items) else {}
        fact = str(item.get("id", f"#{loc[1] + 1}")) if isinstance(item, dict) else f"#{loc[1]}"
        loc = loc[2:]
    field = ".".join(str(part) for part in loc)
    return KnowledgeBaseError(path, first["msg"], fact=fact, field=field)


def _load_articles(directory: Path) -> dict[str, tuple[Article, Path]]:
    articles: dict[str, tuple[Article, Path]] = {}
    for meta_path in sorted((directory / "articles").glob("*.toml")):
        raw = _read_toml(meta_path)
        try:
            meta = ArticleMeta.model_validate(raw)
        except ValidationError as error:
            raise _validation_error(meta_path, error, raw) from error
        text_path = meta_path.with_suffix(".txt")
        try:
            text = text_path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise KnowledgeBaseError(text_path, f"cannot read the article text: {error}") from error
        if meta.id in articles:
            raise KnowledgeBaseError(meta_path, f"duplicate article id {meta.id!r}", field="id")
        articles[meta.id] = (parse_article(meta, text), text_path)
    if not articles:
        raise KnowledgeBaseError(directory / "articles", "no article (*.toml + *.txt) found")
    return articles


def _load_facts(
    path: Path, articles: Mapping[str, tuple[Article, Path]], seen: set[str]
) -> tuple[list[Fact], str, tuple[Gap, ...]]:
    raw = _read_toml(path)
    try:
        parsed = FactsFile.model_validate(raw)
    except ValidationError as error:
        raise _validation_error(path, error, raw) from error
    if parsed.article not in articles:
        raise KnowledgeBaseError(
            path, f"unknown article {parsed.article!r}; known: {sorted(articles)}", field="article"
        )
    article = articles[parsed.article][0]
    facts: list[Fact] = []
    for spec in parsed.fact:
        fact_id = f"{article.id}/{spec.id}"
        if fact_id in seen:
            raise KnowledgeBaseError(path, "duplicate fact id", fact=spec.id, field="id")
        seen.add(fact_id)
        citations: list[Citation] = []
        sentences: list[tuple[int, int]] = []
        for number, quote in enumerate(spec.quotes):
            try:
                citation, touched = locate_quote(article, quote)
            except ValueError as error:
                raise KnowledgeBaseError(
                    path, str(error), fact=spec.id, field=f"quotes.{number}"
                ) from error
            citations.append(citation)
            sentences.extend(touched)
        facts.append(
            Fact(
                id=fact_id,
                article=article.id,
                spec=spec,
                citations=tuple(citations),
                sentences=tuple(sentences),
            )
        )
    gap_ids = [gap.id for gap in parsed.gap]
    for gap_id in gap_ids:
        if gap_ids.count(gap_id) > 1 or f"{article.id}/{gap_id}" in seen:
            raise KnowledgeBaseError(path, "duplicate gap id", fact=gap_id, field="id")
    return facts, article.id, parsed.gap


def _read_word_list(path: Path) -> frozenset[str]:
    """Read a word list: one word per line, blank lines and '#' comments ignored."""
    if not path.exists():
        return frozenset()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise KnowledgeBaseError(path, f"cannot read: {error}") from error
    return frozenset(w for line in lines if (w := line.split("#", 1)[0].strip()))


def _check_synonyms(path: Path, synonyms: Mapping[str, Any]) -> None:
    """Refuse a phrase listed under two canonical tokens: only one of them could ever apply."""
    meaning: dict[str, str] = {}
    for canonical, variants in synonyms.items():
        if not isinstance(variants, list):
            continue  # the model's validation names this one
        for variant in (canonical, *variants):
            phrase = normalize(str(variant))
            other = meaning.setdefault(phrase, canonical)
            if other != canonical:
                raise KnowledgeBaseError(
                    path,
                    f"{variant!r} is listed under both {other!r} and {canonical!r}",
                    field=f"synonyms.{canonical}",
                )


def load_vocabulary(path: Path) -> Vocabulary:
    """Read `synonyms.toml` and the `general.txt` word list beside it.

    See the comment at the top of each file for its format.
    """
    raw = _read_toml(path)
    _check_synonyms(path, raw.get("synonyms", {}))
    general = _read_word_list(path.with_name("general.txt"))
    real_words = _read_word_list(path.with_name("real_words.txt"))
    unknown_names = _read_word_list(path.with_name("unknown_names.txt"))
    try:
        return Vocabulary(
            synonyms={key: tuple(value) for key, value in raw.get("synonyms", {}).items()},
            entities=frozenset(raw.get("entities", {}).get("tokens", [])),
            countries=frozenset(raw.get("entities", {}).get("countries", [])),
            heads=frozenset(raw.get("entities", {}).get("heads", [])),
            speech=frozenset(raw.get("entities", {}).get("speech", [])),
            stopwords=frozenset(raw.get("stopwords", {}).get("words", [])),
            soft=frozenset(raw.get("soft", {}).get("words", [])),
            general=frozenset(raw.get("general", {}).get("words", [])) | general,
            other_times=frozenset(raw.get("other_times", {}).get("words", [])),
            shorthand=dict(raw.get("shorthand", {})),
            speaks_for={
                who: tuple(whom)
                for who, whom in raw.get("entities", {}).get("speaks_for", {}).items()
            },
            instructions=tuple(raw.get("instructions", {}).get("starts", [])),
            real_words=real_words,
            unknown_names=unknown_names,
            filler=tuple(raw.get("filler", {}).get("phrases", [])),
        )
    except (ValidationError, TypeError, AttributeError) as error:
        raise KnowledgeBaseError(path, f"invalid vocabulary: {error}") from error


def load_knowledge_base(directory: Path | None = None) -> KnowledgeBase:
    """Load and validate the whole fact base under `directory`.

    Args:
        directory: A folder with `articles/`, `facts/` and `vocabulary/synonyms.toml`;
            None loads the fact base shipped with the package.

    Returns:
        The validated fact base.

    Raises:
        KnowledgeBaseError: Anything is invalid; nothing is returned half-loaded.
    """
    directory = DEFAULT_DIRECTORY if directory is None else directory
    if not directory.is_dir():
        raise KnowledgeBaseError(directory, "not a directory")
    articles = _load_articles(directory)
    facts: list[Fact] = []
    gaps: dict[str, tuple[Gap, ...]] = {}
    seen: set[str] = set()
    fact_files = sorted((directory / "facts").glob("*.toml"))
    if not fact_files:
        raise KnowledgeBaseError(directory / "facts", "no facts file (*.toml) found")
    for path in fact_files:
        file_facts, article_id, file_gaps = _load_facts(path, articles, seen)
        facts.extend(file_facts)
        gaps[article_id] = gaps.get(article_id, ()) + file_gaps
    vocabulary = load_vocabulary(directory / "vocabulary" / "synonyms.toml")
    log.debug("loaded %d articles, %d facts from %s", len(articles), len(facts), directory)
    return KnowledgeBase(
        articles={article_id: article for article_id, (article, _) in articles.items()},
        facts=tuple(facts),
        gaps=gaps,
        vocabulary=vocabulary,
    )


def uncovered_sentences(kb: KnowledgeBase) -> list[Sentence]:
    """Return every article sentence that no fact cites (the fact base should have none)."""
    cited = {(fact.article, position) for fact in kb.facts for position in fact.sentences}
    return [
        sentence
        for article in kb.articles.values()
        for paragraph in article.paragraphs
        for sentence in paragraph.sentences
        if (article.id, (sentence.paragraph, sentence.index)) not in cited
    ]


def sentence_count(articles: Iterable[Article]) -> int:
    """Count the sentences of `articles`."""
    return sum(len(paragraph.sentences) for article in articles for paragraph in article.paragraphs)
