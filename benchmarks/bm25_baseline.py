"""The baseline the engine is measured against: BM25 (bm25s) over the article's sentences.

It answers with the best-scoring sentence when its score clears a threshold, and declines
otherwise. `python -m benchmarks.bm25_baseline "question"` answers one question, for timing
its cold start the same way as `python -m bot ask`.
"""

from __future__ import annotations

import sys
from typing import Final

import bm25s

from knowledge import Answer, Citation, KnowledgeBase, load_knowledge_base
from knowledge.models import Sentence

DEFAULT_THRESHOLD: Final = 2.0


class Bm25Answerer:
    """Answer with the article sentence BM25 ranks first, or decline below a score threshold."""

    def __init__(self, kb: KnowledgeBase, *, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.threshold = threshold
        self.sentences: list[tuple[str, Sentence]] = [
            (article.id, sentence)
            for article in kb.articles.values()
            for paragraph in article.paragraphs
            for sentence in paragraph.sentences
        ]
        corpus = [sentence.text for _, sentence in self.sentences]
        self.retriever = bm25s.BM25()
        self.retriever.index(
            bm25s.tokenize(corpus, stopwords="en", show_progress=False), show_progress=False
        )

    def score(self, question: str) -> tuple[int, float]:
        """Return the index of the best sentence and its BM25 score."""
        tokens = bm25s.tokenize(question, stopwords="en", return_ids=False, show_progress=False)
        if not tokens or not tokens[0]:
            return 0, 0.0
        results, scores = self.retriever.retrieve(tokens, k=1, show_progress=False, n_threads=1)
        return int(results[0][0]), float(scores[0][0])

    def answer(self, question: str) -> Answer:
        """Answer `question` with the best sentence, or decline."""
        index, score = self.score(question)
        if score < self.threshold:
            return Answer(question=question, answered=False, text="No answer.", confidence=0.0)
        article, sentence = self.sentences[index]
        return Answer(
            question=question,
            answered=True,
            text=sentence.text,
            confidence=min(1.0, score / 10),
            citations=(
                Citation(article=article, paragraph=sentence.paragraph, quote=sentence.text),
            ),
        )


def main(argv: list[str]) -> int:
    """Answer the question given on the command line (used to time a cold start)."""
    answerer = Bm25Answerer(load_knowledge_base())
    answer = answerer.answer(" ".join(argv))
    sys.stdout.write(answer.text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
