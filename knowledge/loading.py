"""Read and validate the fact base: articles, their facts and the vocabulary.

Loading is all or nothing: the first problem raises `KnowledgeBaseError` naming the file, the
fact and the field, and no partly built `KnowledgeBase` ever escapes.
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
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

PACKAGE_DIRECTORY: Final = Path(__file__).resolve().parent
DEFAULT_DIRECTORY: Final = PACKAGE_DIRECTORY / "curated"
"""The knowledge folder shipped inside the package (`articles/`, `facts/`, `lexicon/`)."""
VOCABULARY_DIRECTORY: Final = PACKAGE_DIRECTORY / "vocabulary"
"""The engine's general English vocabulary, used with every knowledge folder."""
_GENERAL: Final = "the general vocabulary"

_SENTENCE_END: Final = re.compile(r"(?:(?<=[.!?][”\"’)])|(?<=[.!?]))\s+(?=[“\"A-Z0-9$])")
# A full stop that ends an abbreviation, not a sentence: "Dr. Helena Osterby", "Aug. 14",
# "J. R. Hale", "the U.S. Army".
_ABBREVIATION: Final = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Maj|Adm|Rev|Hon|Fr|Jr|Sr|Mt"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|approx|No|Nos|Det|Co|Supt|Insp)"
    r"|\b[A-Z])\.$"
)


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
    ends = [
        match
        for match in _SENTENCE_END.finditer(paragraph_text)
        if not _ABBREVIATION.search(paragraph_text, 0, match.start())
    ]
    for index, match in enumerate([*ends, None], start=1):
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


def read_word_list(path: Path) -> frozenset[str]:
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


def _vocabulary(path: Path, raw: Mapping[str, Any], **lists: frozenset[str]) -> Vocabulary:
    """Build the `Vocabulary` of one vocabulary or lexicon file (see synonyms.toml's header)."""
    _check_synonyms(path, raw.get("synonyms", {}))
    try:
        entities = raw.get("entities", {})
        return Vocabulary(
            synonyms={key: tuple(value) for key, value in raw.get("synonyms", {}).items()},
            entities=frozenset(entities.get("tokens", [])),
            countries=frozenset(entities.get("countries", [])),
            nations=frozenset(entities.get("nations", [])),
            located=frozenset(entities.get("places", [])),
            heads=frozenset(entities.get("heads", [])),
            speech=frozenset(entities.get("speech", [])),
            stopwords=frozenset(raw.get("stopwords", {}).get("words", [])),
            soft=frozenset(raw.get("soft", {}).get("words", [])),
            general=frozenset(raw.get("general", {}).get("words", []))
            | lists.get("general", frozenset()),
            other_times=frozenset(raw.get("other_times", {}).get("words", [])),
            places=frozenset(raw.get("places", {}).get("words", [])),
            shorthand=dict(raw.get("shorthand", {})),
            speaks_for={who: tuple(whom) for who, whom in entities.get("speaks_for", {}).items()},
            instructions=tuple(raw.get("instructions", {}).get("starts", [])),
            real_words=lists.get("real_words", frozenset()),
            people=lists.get("people", frozenset()),
            unknown_names=lists.get("unknown_names", frozenset()),
            filler=tuple(raw.get("filler", {}).get("phrases", [])),
            content=frozenset(raw.get("content", {}).get("words", [])),
            light=frozenset(raw.get("light", {}).get("words", [])),
        )
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"])
        raise KnowledgeBaseError(
            path, f"invalid vocabulary: {first['msg']}", field=field
        ) from error
    except (TypeError, AttributeError) as error:
        raise KnowledgeBaseError(path, f"invalid vocabulary: {error}") from error


def load_vocabulary(path: Path) -> Vocabulary:
    """Read the general vocabulary: `synonyms.toml` and the word lists beside it.

    The lists are `general.txt`, `real_words.txt`, `people.txt`, `unknown_names.txt`,
    `opposites.txt`, `bases.txt`, `spellings.txt` and `capitals.txt`.
    See the comment at the top of each file for its format.
    """
    vocabulary = _vocabulary(
        path,
        _read_toml(path),
        general=read_word_list(path.with_name("general.txt")),
        real_words=read_word_list(path.with_name("real_words.txt")),
        people=read_word_list(path.with_name("people.txt")),
        unknown_names=read_word_list(path.with_name("unknown_names.txt")),
    )
    return vocabulary.model_copy(
        update={
            "opposites": _read_pairs(path.with_name("opposites.txt")),
            "bases": dict(_read_pairs(path.with_name("bases.txt"))),
            "spellings": dict(_read_pairs(path.with_name("spellings.txt"))),
            "capitals": _read_pairs(path.with_name("capitals.txt")),
        }
    )


def _read_pairs(path: Path) -> frozenset[tuple[str, str]]:
    """Read a list of word pairs: one `word<TAB>other` a line, '#' comments ignored."""
    if not path.exists():
        return frozenset()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise KnowledgeBaseError(path, f"cannot read: {error}") from error
    pairs: set[tuple[str, str]] = set()
    for number, line in enumerate(lines, start=1):
        if not line or line.startswith("#"):
            continue
        one, tab, other = line.partition("\t")
        if not tab or not one or not other or "\t" in other:
            raise KnowledgeBaseError(path, f"line {number} is not 'word<TAB>other': {line!r}")
        pairs.add((one, other))
    return frozenset(pairs)


def load_lexicon(path: Path) -> Vocabulary:
    """Read one article's own vocabulary, `lexicon/<article>.toml` (same sections as synonyms.toml).

    Raises:
        KnowledgeBaseError: The file is not valid, or gives one phrase two meanings.
    """
    return _vocabulary(path, _read_toml(path))


def merge_vocabularies(
    general: Vocabulary, lexicons: Sequence[tuple[str, Vocabulary]]
) -> Vocabulary:
    """Merge the general vocabulary with the lexicons of a knowledge folder's articles.

    Sets (entities, stop words, soft words ...) are unioned, lists of phrases joined, the
    synonyms of one canonical token concatenated and `speaks_for` merged. A phrase the general
    vocabulary and an article's lexicon give different meanings takes the article's: it is
    removed from the general canonical's synonyms (texting shorthand likewise). An alias two
    articles give different meanings ("Lindqvist" for two people) means neither: it is
    ambiguous, and stays an ordinary word. Any other clash between two lexicons keeps the first
    (the caller passes them sorted by file name) and logs a warning, so that adding an article
    never leaves a server without a knowledge base. A phrase given two meanings inside one file
    is refused before this, when the file is read.

    Args:
        general: The engine's general vocabulary.
        lexicons: (file name, lexicon) of each article, in order of precedence.
    """
    synonyms = {canonical: list(variants) for canonical, variants in general.synonyms.items()}
    # Who gave each phrase its meaning: phrase -> (canonical token, file name).
    meaning: dict[str, tuple[str, str]] = {
        normalize(variant): (canonical, _GENERAL)
        for canonical, variants in general.synonyms.items()
        for variant in (canonical, *variants)
    }
    shorthand = {short: (full, _GENERAL) for short, full in general.shorthand.items()}
    speaks_for = {who: list(whom) for who, whom in general.speaks_for.items()}
    merged = general
    ambiguous = _ambiguous_aliases(lexicons)
    for name, lexicon in lexicons:
        for canonical, variants in lexicon.synonyms.items():
            kept = synonyms.setdefault(canonical, [])
            for position, variant in enumerate((canonical, *variants)):
                phrase = normalize(variant)
                if position and phrase in ambiguous:
                    log.debug("%s: %r is ambiguous between articles; left out", name, variant)
                    continue
                other, owner = meaning.get(phrase, (canonical, _GENERAL))
                if other != canonical and owner != _GENERAL:
                    log.warning(
                        "%s: field 'synonyms.%s': %r already means %r in %s; keeping that",
                        name,
                        canonical,
                        variant,
                        other,
                        owner,
                    )
                    continue
                if other != canonical:  # the article's meaning replaces the general one
                    synonyms[other] = [v for v in synonyms[other] if normalize(v) != phrase]
                if owner == _GENERAL:
                    meaning[phrase] = (canonical, name)
                if position:
                    kept.append(variant)
        for short, full in lexicon.shorthand.items():
            other_full, owner = shorthand.get(short, (full, _GENERAL))
            if other_full != full and owner != _GENERAL:
                log.warning(
                    "%s: field 'shorthand.%s': already %r in %s; keeping that",
                    name,
                    short,
                    other_full,
                    owner,
                )
                continue
            if owner == _GENERAL:
                shorthand[short] = (full, name)
        for who, whom in lexicon.speaks_for.items():
            speaks_for[who] = list(dict.fromkeys([*speaks_for.get(who, []), *whom]))
        merged = merged.model_copy(
            update={
                "entities": merged.entities | lexicon.entities,
                "countries": merged.countries | lexicon.countries,
                "nations": merged.nations | lexicon.nations,
                "located": merged.located | lexicon.located,
                "heads": merged.heads | lexicon.heads,
                "speech": merged.speech | lexicon.speech,
                "stopwords": merged.stopwords | lexicon.stopwords,
                "soft": merged.soft | lexicon.soft,
                "general": merged.general | lexicon.general,
                "other_times": merged.other_times | lexicon.other_times,
                "places": merged.places | lexicon.places,
                "instructions": tuple(dict.fromkeys((*merged.instructions, *lexicon.instructions))),
                "filler": tuple(dict.fromkeys((*merged.filler, *lexicon.filler))),
                "content": merged.content | lexicon.content,
                "light": merged.light | lexicon.light,
            }
        )
    return merged.model_copy(
        update={
            # "How many students?" in an article about a school: its own words are content.
            "stopwords": merged.stopwords - merged.content,
            "general": merged.general - merged.content,
            # "How long did the fieldwork take?": an everyday verb the article uses still
            # carries little of what is asked.
            "soft": merged.soft | (merged.light & merged.content),
            "synonyms": {canonical: tuple(variants) for canonical, variants in synonyms.items()},
            "shorthand": {short: full for short, (full, _) in shorthand.items()},
            "speaks_for": {who: tuple(whom) for who, whom in speaks_for.items()},
        }
    )


def _ambiguous_aliases(lexicons: Sequence[tuple[str, Vocabulary]]) -> frozenset[str]:
    """The aliases that two articles' lexicons give different meanings."""
    meanings: dict[str, set[str]] = {}
    for _, lexicon in lexicons:
        for canonical, variants in lexicon.synonyms.items():
            for variant in (canonical, *variants):
                meanings.setdefault(normalize(variant), set()).add(canonical)
    return frozenset(phrase for phrase, tokens in meanings.items() if len(tokens) > 1)


def mentioned_names(
    names: Iterable[str], texts: Iterable[str], spellings: Mapping[str, str] | None = None
) -> frozenset[str]:
    """Return the names that occur in one of `texts` (normalised, as whole words).

    With `spellings`, a name spelled either way counts ("air defense" in "air defence").
    """
    table = spellings or {}

    def spelled(text: str) -> list[str]:
        return [table.get(word, word) for word in normalize(text).split()]

    wanted: dict[str, list[str]] = {}
    for name in names:
        wanted.setdefault(" ".join(spelled(name)), []).append(name)
    sizes = {len(phrase.split()) for phrase in wanted if phrase}
    found: set[str] = set()
    for text in texts:
        words = spelled(text)
        for size in sizes:
            found.update(" ".join(words[i : i + size]) for i in range(len(words) - size + 1))
    return frozenset(name for phrase, spelt in wanted.items() if phrase in found for name in spelt)


def load_knowledge_base(
    directory: Path | None = None, *, vocabulary_directory: Path | None = None
) -> KnowledgeBase:
    """Load and validate the whole fact base under `directory`.

    Args:
        directory: A knowledge folder with `articles/`, `facts/` and optionally `lexicon/`
            (`<article>.toml`: each article's own vocabulary); None loads the knowledge folder
            shipped with the package.
        vocabulary_directory: The general vocabulary (`synonyms.toml` and its word lists);
            None is the engine's own, `VOCABULARY_DIRECTORY`.

    Returns:
        The validated fact base. Its vocabulary is the general one merged with every lexicon
        (`merge_vocabularies`); a general unknown name that an article uses is not unknown.

    Raises:
        KnowledgeBaseError: Anything is invalid; nothing is returned half-loaded.
    """
    directory = DEFAULT_DIRECTORY if directory is None else directory
    vocabulary_directory = vocabulary_directory or VOCABULARY_DIRECTORY
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
    general = load_vocabulary(vocabulary_directory / "synonyms.toml")
    lexicons = [
        (str(path), load_lexicon(path)) for path in sorted((directory / "lexicon").glob("*.toml"))
    ]
    vocabulary = merge_vocabularies(general, lexicons)
    used = mentioned_names(
        vocabulary.unknown_names,
        (a.text for a, _ in articles.values()),
        vocabulary.spellings,
    )
    if used:
        vocabulary = vocabulary.model_copy(
            update={"unknown_names": vocabulary.unknown_names - used}
        )
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
    # A sentence the article repeats word for word is covered by the fact citing its first use.
    cited_texts = {
        (article.id, sentence.text)
        for article in kb.articles.values()
        for paragraph in article.paragraphs
        for sentence in paragraph.sentences
        if (article.id, (sentence.paragraph, sentence.index)) in cited
    }
    return [
        sentence
        for article in kb.articles.values()
        for paragraph in article.paragraphs
        for sentence in paragraph.sentences
        if (article.id, (sentence.paragraph, sentence.index)) not in cited
        and (article.id, sentence.text) not in cited_texts
    ]


def sentence_count(articles: Iterable[Article]) -> int:
    """Count the sentences of `articles`."""
    return sum(len(paragraph.sentences) for article in articles for paragraph in article.paragraphs)
