"""Questions a reader would ask that a parsed sentence answers ("How many boats did ...?").

The first is offered as a suggestion when the bot declines; all of them help the matcher see
that a question resembles the fact. Used only when an article is added.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from knowledge.building.entities import (
    DURATION,
    FIGURE_LABELS,
    NAME_LABELS,
    SPEECH_LEMMAS,
    is_figure,
)
from knowledge.models import ARTICLE_VOICE, AnswerType
from knowledge.normalizing import normalize

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

MAX_QUESTIONS: Final = 6

_MAX_QUESTION_WORDS: Final = 18

_RIGHT_WORDS: Final = 10

_MIN_WHO_WORDS: Final = 3  # "Who told reporters?" says too little to be worth suggesting

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


def questions(doc: Doc, types: Sequence[AnswerType], source: str) -> list[str]:
    """Questions a reader would ask that this sentence answers, most natural first."""
    questions: list[str] = []
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    for ent in doc.ents:
        asked = ""
        if ent.label_ in FIGURE_LABELS and is_figure(ent):
            asked = "How much" if ent.label_ in {"MONEY", "PERCENT"} else "How many"
        elif ent.label_ in {"DATE", "TIME"}:
            asked = "How long" if DURATION.search(ent.text) else "When"
        elif ent.label_ in {"PERSON", "ORG"}:
            asked = "Who"
        elif ent.label_ in {"GPE", "LOC", "FAC"}:
            asked = "Where"
        if asked:
            questions.append(_asking(doc, ent, asked) or _replace(doc, ent, asked))
    if "reason" in types and root is not None:
        # A clause that makes no question of its own still helps match one ("Why: ...?").
        questions.append(_why(doc, root) or f"Why: {_clause(doc, root)}?")
    subject = next((c for c in doc.ents if c.label_ in NAME_LABELS), None)
    about = subject.text if subject is not None else _main_noun(doc)
    about = re.sub(r"^(The|A|An) ", lambda m: m.group(1).lower() + " ", about)
    bare = re.sub(r"^(the|a|an) ", "", normalize(about))
    if source != ARTICLE_VOICE and bare in normalize(source):
        questions.append(f"What did {source} say?")
    elif source != ARTICLE_VOICE and about:
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
    if verb.pos_ not in {"VERB", "AUX"} or verb == noun or verb.lemma_.lower() in SPEECH_LEMMAS:
        return ""  # "Who said in a statement?": what was said is asked by "What did X say?"
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
