"""Benchmark the answer engine side by side with a BM25 baseline.

    python -m benchmarks.engine_bench            # prints a Markdown table

Measures, for both: accuracy on every question file (answered right with a right citation,
or declined), per-question latency (p50, p99) and questions per second on one core, cold
start of a one-question command, and peak memory. Numbers are reported, never asserted.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Final

from benchmarks.bm25_baseline import Bm25Answerer
from benchmarks.evaluation import Case, evaluate, load_cases, summary
from knowledge import Answer, Engine, load_knowledge_base
from knowledge.normalizing import normalize

ROOT: Final = Path(__file__).resolve().parents[1]
QUESTION_FILES: Final = {
    "dev": ROOT / "tests" / "knowledge" / "questions.toml",
    "holdout": ROOT / "benchmarks" / "holdout.toml",
    "blind": ROOT / "benchmarks" / "holdout_blind.toml",
    "fresh": ROOT / "benchmarks" / "holdout_fresh.toml",
    "final": ROOT / "benchmarks" / "holdout_final.toml",
    "v5": ROOT / "benchmarks" / "holdout_v5.toml",
    "v6 (adversarial twins)": ROOT / "benchmarks" / "holdout_v6.toml",
    "v7": ROOT / "benchmarks" / "holdout_v7.toml",
    "v8": ROOT / "benchmarks" / "holdout_v8.toml",
    "v9": ROOT / "benchmarks" / "holdout_v9.toml",
    "v10": ROOT / "benchmarks" / "holdout_v10.toml",
    "v11": ROOT / "benchmarks" / "holdout_v11.toml",
    "v12": ROOT / "benchmarks" / "holdout_v12.toml",
    "v13": ROOT / "benchmarks" / "holdout_v13.toml",
    "v14": ROOT / "benchmarks" / "holdout_v14.toml",
    "v15": ROOT / "benchmarks" / "holdout_v15.toml",
    "v16": ROOT / "benchmarks" / "holdout_v16.toml",
    "v17": ROOT / "benchmarks" / "holdout_v17.toml",
    "v18": ROOT / "benchmarks" / "holdout_v18.toml",
    "v19": ROOT / "benchmarks" / "holdout_v19.toml",
    "v20": ROOT / "benchmarks" / "holdout_v20.toml",
    "v21": ROOT / "benchmarks" / "holdout_v21.toml",
    "v22": ROOT / "benchmarks" / "holdout_v22.toml",
    "v23": ROOT / "benchmarks" / "holdout_v23.toml",
    "v24": ROOT / "benchmarks" / "holdout_v24.toml",
    "v25": ROOT / "benchmarks" / "holdout_v25.toml",
    "v26": ROOT / "benchmarks" / "holdout_v26.toml",
    "v27": ROOT / "benchmarks" / "holdout_v27.toml",
    "v28": ROOT / "benchmarks" / "holdout_v28.toml",
    "v29": ROOT / "benchmarks" / "holdout_v29.toml",
    "v30": ROOT / "benchmarks" / "holdout_v30.toml",
    "v31": ROOT / "benchmarks" / "holdout_v31.toml",
    "v32": ROOT / "benchmarks" / "holdout_v32.toml",
    "v33": ROOT / "benchmarks" / "holdout_v33.toml",
    "v34": ROOT / "benchmarks" / "holdout_v34.toml",
    "v35": ROOT / "benchmarks" / "holdout_v35.toml",
    "v36": ROOT / "benchmarks" / "holdout_v36.toml",
    "v37": ROOT / "benchmarks" / "holdout_v37.toml",
    "v38": ROOT / "benchmarks" / "holdout_v38.toml",
    "v39": ROOT / "benchmarks" / "holdout_v39.toml",
    "v40": ROOT / "benchmarks" / "holdout_v40.toml",
    "v41": ROOT / "benchmarks" / "holdout_v41.toml",
    "v42": ROOT / "benchmarks" / "holdout_v42.toml",
    "v43": ROOT / "benchmarks" / "holdout_v43.toml",
    "v44": ROOT / "benchmarks" / "holdout_v44.toml",
    "v45": ROOT / "benchmarks" / "holdout_v45.toml",
    "v46": ROOT / "benchmarks" / "holdout_v46.toml",
}
COLD_QUESTION: Final = "how many north korean soldiers are in kursk"
Ask = Callable[[str], Answer]


def _engine() -> Engine:
    return Engine(load_knowledge_base())


def _fresh_caches(system: str, ask_target: object) -> None:
    """Empty the caches that would make a repeated question cheaper than a new one."""
    if system == "engine" and isinstance(ask_target, Engine):
        normalize.cache_clear()
        ask_target.index.lexicon._corrections.clear()


def latency(
    system: str, target: Engine | Bm25Answerer, questions: Sequence[str], passes: int
) -> dict[str, float]:
    """Time every question `passes` times (caches emptied before each pass): p50, p99, q/s."""
    samples: list[int] = []
    cpu_total = 0
    for _ in range(passes):
        _fresh_caches(system, target)
        gc.collect()
        cpu_start = time.process_time_ns()
        for question in questions:
            start = time.perf_counter_ns()
            target.answer(question)
            samples.append(time.perf_counter_ns() - start)
        cpu_total += time.process_time_ns() - cpu_start
    samples.sort()
    return {
        "p50_us": samples[len(samples) // 2] / 1_000,
        "p99_us": samples[min(len(samples) - 1, int(len(samples) * 0.99))] / 1_000,
        "qps": len(samples) / (cpu_total / 1e9),
        "cpu_us": cpu_total / len(samples) / 1_000,
    }


def cold_start(command: list[str], runs: int) -> tuple[float, float]:
    """Wall-clock seconds of fresh processes answering one question.

    Returns the very first run (an empty engine cache) and the median of `runs` later ones.
    """
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "XDG_CACHE_HOME": cache}
        times: list[float] = []
        for _ in range(runs + 1):
            start = time.perf_counter()
            subprocess.run(command, cwd=ROOT, capture_output=True, check=True, env=env)
            times.append(time.perf_counter() - start)
    return times[0], statistics.median(times[1:])


def peak_memory_mib(system: str) -> float:
    """Peak resident memory of a fresh process that loads `system` and answers every question."""
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.engine_bench", "--memory-of", system],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(result.stdout.strip())


def _memory_of(system: str) -> None:
    cases = [case for path in QUESTION_FILES.values() if path.exists() for case in load_cases(path)]
    target: Engine | Bm25Answerer = _engine() if system == "engine" else _bm25()
    for case in cases:
        target.answer(case.text)
    sys.stdout.write(f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f}\n")


def _bm25() -> Bm25Answerer:
    return Bm25Answerer(load_knowledge_base(), threshold=best_bm25_threshold())


def best_bm25_threshold() -> float:
    """The baseline's decline threshold that scores best on the dev set (its fairest setting)."""
    answerer = Bm25Answerer(load_knowledge_base(), threshold=0.0)
    cases = load_cases(QUESTION_FILES["dev"])
    best = (0.0, 0.0)
    for step in range(0, 80):
        answerer.threshold = step * 0.25
        overall = summary(evaluate(cases, answerer.answer))["overall"]
        if overall > best[1]:
            best = (answerer.threshold, overall)
    return best[0]


def _accuracy_rows(systems: dict[str, Ask]) -> list[str]:
    rows = []
    for name, path in QUESTION_FILES.items():
        if not path.exists():
            continue
        cases: list[Case] = load_cases(path)
        cells = []
        for ask in systems.values():
            result = summary(evaluate(cases, ask))
            cells.append(
                f"{result['overall']:.1%} ({result['answerable']:.1%} / "
                f"{result['unanswerable']:.1%})"
            )
        rows.append(
            f"| accuracy, {name} set ({len(cases)} q): all (answerable / declined) | "
            + " | ".join(cells)
            + " |"
        )
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--passes", type=int, default=5, help="latency passes over all questions")
    parser.add_argument("--cold-runs", type=int, default=9, help="processes started per system")
    parser.add_argument("--memory-of", choices=["engine", "bm25"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory_of:
        _memory_of(args.memory_of)
        return 0
    engine = _engine()
    bm25 = _bm25()
    questions = [
        case.text for path in QUESTION_FILES.values() if path.exists() for case in load_cases(path)
    ]
    timings = {
        "engine": latency("engine", engine, questions, args.passes),
        "bm25": latency("bm25", bm25, questions, args.passes),
    }
    cold = {
        "engine": cold_start([sys.executable, "-m", "bot", "ask", COLD_QUESTION], args.cold_runs),
        "bm25": cold_start(
            [sys.executable, "-m", "benchmarks.bm25_baseline", COLD_QUESTION], args.cold_runs
        ),
    }
    memory = {system: peak_memory_mib(system) for system in ("engine", "bm25")}
    lines = [
        f"| measure ({len(questions)} questions, {args.passes} passes, 1 core) | engine | "
        f"BM25 baseline (threshold {bm25.threshold:g}) |",
        "|---|---|---|",
        *_accuracy_rows({"engine": engine.answer, "bm25": bm25.answer}),
        "| latency p50 / p99 per question (µs) | "
        + " | ".join(f"{t['p50_us']:.0f} / {t['p99_us']:.0f}" for t in timings.values())
        + " |",
        "| questions per second (one core, CPU time) | "
        + " | ".join(f"{t['qps']:,.0f}" for t in timings.values())
        + " |",
        "| CPU time per question (µs) | "
        + " | ".join(f"{t['cpu_us']:.0f}" for t in timings.values())
        + " |",
        "| cold start of a one-question command: first run / median of later runs (s) | "
        + " | ".join(f"{cold[s][0]:.2f} / {cold[s][1]:.2f}" for s in ("engine", "bm25"))
        + " |",
        "| peak memory, all questions (MiB) | "
        + " | ".join(f"{memory[s]:.0f}" for s in ("engine", "bm25"))
        + " |",
    ]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
