"""The command line as a user runs it: `ask` (text, --json, --jsonl), `chat`, `kb check`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from knowledge import load_knowledge_base

ARTICLE_TEXT = load_knowledge_base().article().text
PROTOCOL_KEYS = {"question", "answered", "answer", "confidence", "citations", "fact_ids"}


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "KNOWLEDGE_"))}
    env.update(extra)
    return env


def run_bot(
    *args: str, stdin: bytes = b"", cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run `python -m bot ARGS` in `cwd` (a folder without .env) and wait for it."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        env=_env(XDG_CACHE_HOME=str(cwd / "cache"), **(env or {})),
        timeout=60,
        check=False,
    )


def test_jsonl_answers_every_line_in_order_whatever_it_holds(tmp_path: Path) -> None:
    lines = [
        b"how many north korean soldiers are in kursk",
        b"who won the 1998 world cup",
        b"",
        b"\xff\xfe not utf-8 \x00 at all",
        "ÜNÏCÖDÉ 🤖 @everyone <@123>".encode(),
        b"x" * 100_000,
        b"HOW MANY DPRK TROOPS ARE IN RUSSIA?\r",
    ]
    result = run_bot("ask", "--jsonl", stdin=b"\n".join(lines) + b"\n", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert len(rows) == len(lines)
    for row in rows:
        assert set(row) == PROTOCOL_KEYS
        assert isinstance(row["answered"], bool)
        assert isinstance(row["answer"], str) and row["answer"]
        assert 0.0 <= row["confidence"] <= 1.0
        for citation in row["citations"]:
            assert set(citation) == {"article", "paragraph", "quote"}
            assert citation["quote"] in ARTICLE_TEXT
            assert citation["paragraph"] >= 1
    assert rows[0]["question"] == "how many north korean soldiers are in kursk"
    assert rows[0]["answered"] and rows[0]["citations"][0]["paragraph"] == 1
    assert rows[0]["fact_ids"] == ["nk-troops-kursk/troops-in-kursk"]
    assert [row["answered"] for row in rows[1:6]] == [False] * 5
    assert rows[6]["answered"] and "10,000" in rows[6]["answer"]


def test_jsonl_flushes_each_answer_before_the_next_question(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "ask", "--jsonl"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        cwd=tmp_path,
        env=_env(XDG_CACHE_HOME=str(tmp_path / "cache")),
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        process.stdin.write(b"who is blinken\n")
        process.stdin.flush()
        first = json.loads(process.stdout.readline())  # would hang if the line were buffered
        assert first["answered"] and "Secretary of State" in first["answer"]
        process.stdin.write(b"who is austin\n")
        process.stdin.close()
        second = json.loads(process.stdout.readline())
        assert "Secretary of Defense" in second["answer"]
        assert process.wait(timeout=30) == 0
    finally:
        process.kill()
        process.wait()
        process.stdout.close()
        if not process.stdin.closed:
            process.stdin.close()


def test_ask_prints_the_answer_with_numbered_citations(tmp_path: Path) -> None:
    result = run_bot("ask", "what", "is", "russia", "training", "them", "in?", cwd=tmp_path)
    out = result.stdout.decode()
    assert result.returncode == 0
    assert "artillery, drones" in out
    assert "[1] nk-troops-kursk, paragraph 4: “Russia has been training" in out


def test_second_run_starts_from_the_engine_cache(tmp_path: Path) -> None:
    first = run_bot("ask", "--json", "who is blinken", cwd=tmp_path)
    assert list((tmp_path / "cache" / "newsbot").glob("engine-*.pickle"))
    second = run_bot("ask", "--json", "who is blinken", cwd=tmp_path)
    assert json.loads(second.stdout) == json.loads(first.stdout)
    off = run_bot("ask", "--json", "who is blinken", cwd=tmp_path, env={"ENGINE_CACHE": "false"})
    assert json.loads(off.stdout) == json.loads(first.stdout)


def test_ask_json_prints_one_object(tmp_path: Path) -> None:
    result = run_bot("ask", "--json", "how many north korean soldiers died?", cwd=tmp_path)
    row = json.loads(result.stdout)
    assert set(row) == PROTOCOL_KEYS
    assert row["answered"] is False
    assert "doesn't say" in row["answer"] and "You could ask" in row["answer"]


def test_without_a_token_plain_run_is_the_console_chat(tmp_path: Path) -> None:
    result = run_bot(stdin=b"how many troops are in kursk\nwho is austin\n", cwd=tmp_path)
    out, err = result.stdout.decode(), result.stderr.decode()
    assert result.returncode == 0
    assert "About 8,000" in out and "Secretary of Defense" in out
    assert "DISCORD_TOKEN" in err and ".env" in err
    assert "Traceback" not in err


def test_chat_reads_a_pipe_until_end_of_input(tmp_path: Path) -> None:
    result = run_bot("chat", stdin=b"\n\nwho reported this?\n", cwd=tmp_path)
    assert result.returncode == 0
    assert "Associated Press" in result.stdout.decode()


def test_chat_answers_a_follow_up_about_the_last_answer(tmp_path: Path) -> None:
    result = run_bot("chat", stdin=b"whose estimate is 12,000?\nsays who?\n", cwd=tmp_path)
    assert "According to Ukraine: Ukraine believes" in result.stdout.decode()


def test_kb_check_reports_full_coverage(tmp_path: Path) -> None:
    result = run_bot("kb", "check", cwd=tmp_path)
    assert result.returncode == 0
    assert "coverage: 12/12 sentences" in result.stdout.decode()


def test_kb_check_reports_an_uncited_sentence(tmp_path: Path) -> None:
    import shutil  # noqa: PLC0415

    from knowledge.loading import DEFAULT_DIRECTORY  # noqa: PLC0415

    copy = tmp_path / "kb"
    for folder in ("articles", "facts", "lexicon"):
        shutil.copytree(DEFAULT_DIRECTORY / folder, copy / folder)
    facts = copy / "facts" / "north-korean-troops-kursk.toml"
    text = facts.read_text(encoding="utf-8")
    start = text.index('[[fact]]\nid = "russian-casualties"')
    end = text.index("# --- The US response")
    text = text[:start] + text[end:]
    start = text.index('[[fact]]\nid = "kursk-outlook"')
    end = text.index("# --- The US response")
    facts.write_text(text[:start] + text[end:], encoding="utf-8")
    result = run_bot("kb", "check", cwd=tmp_path, env={"KNOWLEDGE_DIR": str(copy)})
    assert result.returncode == 1
    assert "problem: paragraph 10, sentence 1 is not cited" in result.stdout.decode()


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"KNOWLEDGE_DIR": "/nonexistent/kb"}, "the fact base is invalid: /nonexistent/kb"),
        ({"LOG_LEVEL": "LOUD"}, "invalid setting LOG_LEVEL"),
        ({"COOLDOWN_RATE": "many"}, "invalid setting COOLDOWN_RATE"),
    ],
)
def test_bad_config_is_one_clear_line_and_exit_2(
    tmp_path: Path, env: dict[str, str], message: str
) -> None:
    result = run_bot("ask", "who is blinken", cwd=tmp_path, env=env)
    err = result.stderr.decode()
    assert result.returncode == 2
    assert message in err
    assert "Traceback" not in err
    assert err.count("\n") == 1


def test_ask_without_a_question_is_a_usage_error(tmp_path: Path) -> None:
    result = run_bot("ask", cwd=tmp_path)
    assert result.returncode == 2
    assert "ask needs a question" in result.stderr.decode()


def test_stored_data_commands_fail_in_one_line_on_a_bad_data_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    for args in (("kb", "report"), ("data", "delete", "--server", "1")):
        result = run_bot(*args, cwd=tmp_path, env={"DATA_DIR": str(blocker / "data")})
        assert result.returncode == 2
        lines = result.stderr.decode().strip().splitlines()
        assert lines == [lines[0]] and lines[0].startswith("error: cannot create the data folder")
        assert result.stdout == b""


def test_a_database_password_is_never_printed(tmp_path: Path) -> None:
    url = "postgresql://newsbot:s3cret@p4ss@127.0.0.1:1/newsbot"
    result = run_bot("kb", "report", cwd=tmp_path, env={"DATABASE_URL": url})
    assert result.returncode == 2
    error = result.stderr.decode()
    assert "s3cret" not in error and "p4ss" not in error and "Traceback" not in error
    assert error.startswith("error: cannot connect to the database")


def test_data_delete_dms_removes_only_what_came_from_dms(tmp_path: Path) -> None:
    env = {"DATA_DIR": str(tmp_path / "data")}
    result = run_bot("data", "delete", "--dms", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().startswith("deleted for DMs: 0 articles, 0 votes")
    neither = run_bot("data", "delete", cwd=tmp_path, env=env)
    assert neither.returncode == 2
