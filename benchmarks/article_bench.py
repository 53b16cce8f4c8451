"""Articles the engine was never tuned for, built by `kb add` alone: accuracy, speed, memory.

Each `benchmarks/articles/<id>.txt` (+ `.toml` metadata) is added to a fresh knowledge folder
exactly as a user would (`add_sources`), and its blind question set
`benchmarks/articles/<id>.questions.toml` is asked against the folder holding that article
alone. Then every article goes into one folder, and a folder of 200 articles is built from
their sentences to time answering and measure memory at that size.

    .venv/bin/python -m benchmarks.article_bench [--scale 200]
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import tempfile
import time
import tomllib
from pathlib import Path

from benchmarks.evaluation import evaluate, lead_share, load_cases, summary
from knowledge.answering import Engine
from knowledge.building.adding import Options, add_sources
from knowledge.loading import load_knowledge_base

ARTICLES = Path(__file__).parent / "articles"


def _options(meta_path: Path) -> Options:
    raw = tomllib.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
    return Options(
        id=meta_path.stem,
        title=str(raw.get("title", "")),
        date=raw.get("date"),
        outlet=str(raw.get("outlet", "")),
        url=str(raw.get("url", "")),
    )


def _latencies(engine: Engine, questions: list[str], passes: int = 3) -> list[float]:
    times: list[float] = []
    for _ in range(passes):
        for question in questions:
            start = time.perf_counter()
            engine.answer(question)
            times.append((time.perf_counter() - start) * 1e6)
    return times


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=200, help="articles in the large folder")
    args = parser.parse_args()
    texts = sorted(ARTICLES.glob("*.txt"))
    all_questions: list[str] = []
    print("| article | questions | overall | answerable | declined | right lead | build s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    leads_good = leads_all = 0
    for text in texts:
        questions = text.with_suffix(".questions.toml")
        with tempfile.TemporaryDirectory() as folder:
            start = time.perf_counter()
            add_sources(Path(folder), [str(text)], _options(text.with_suffix(".toml")))
            built = time.perf_counter() - start
            if not questions.exists():
                print(f"| {text.stem} | - | - | - | - | - | {built:.2f} |")
                continue
            engine = Engine(load_knowledge_base(Path(folder)))
            cases = load_cases(questions)
            all_questions += [case.text for case in cases]
            verdicts = evaluate(cases, engine.answer)
            result = summary(verdicts)
            good, led = lead_share(verdicts)
            leads_good, leads_all = leads_good + good, leads_all + led
            print(
                f"| {text.stem} | {len(cases)} | {result['overall']:.1%} | "
                f"{result['answerable']:.1%} | {result['unanswerable']:.1%} | "
                f"{good}/{led} | {built:.2f} |"
            )
    print(f"\nright answers leading with the expected key: {leads_good} of {leads_all}")
    with tempfile.TemporaryDirectory() as folder:
        add_sources(Path(folder), [str(t) for t in texts])
        engine = Engine(load_knowledge_base(Path(folder)))
        one = _latencies(engine, all_questions)
        print(
            f"\nall {len(texts)} articles in one folder: p50 {statistics.median(one):.0f} µs, "
            f"p99 {_percentile(one, 0.99):.0f} µs per question"
        )
    _scale(texts, all_questions, args.scale)


def _scale(texts: list[Path], questions: list[str], count: int) -> None:
    """Build `count` articles from the dev articles' paragraphs and time answering."""
    paragraphs = [p for t in texts for p in t.read_text(encoding="utf-8").splitlines() if p]
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        sources = []
        for number in range(count):
            path = Path(folder) / "src" / f"mix-{number:03d}.txt"
            path.parent.mkdir(exist_ok=True)
            path.write_text("\n\n".join(rng.sample(paragraphs, 8)), encoding="utf-8")
            sources.append(str(path))
        start = time.perf_counter()
        add_sources(Path(folder) / "kb", sources)
        built = time.perf_counter() - start
        start = time.perf_counter()
        engine = Engine(load_knowledge_base(Path(folder) / "kb"))
        loaded = time.perf_counter() - start
        times = _latencies(engine, questions)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"{count} articles: built in {built:.1f} s, engine loaded in {loaded:.2f} s, "
            f"p50 {statistics.median(times):.0f} µs, p99 {_percentile(times, 0.99):.0f} µs, "
            f"peak memory {peak:.0f} MiB"
        )


if __name__ == "__main__":
    main()
