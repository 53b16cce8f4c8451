"""The console chat: the same engine as the Discord bot, one question per line."""

from __future__ import annotations

from typing import Final, TextIO

from bot.command_line.output import format_answer
from knowledge import Answer, Engine

GREETING: Final = (
    "Ask me about the article (one question per line; 'quit' or end of input to leave)."
)
_QUIT: Final = frozenset({"quit", "exit", ":q", "bye"})


def chat(engine: Engine, source: TextIO, out: TextIO, *, interactive: bool) -> int:
    """Answer every line of `source` until end of input (or 'quit').

    Args:
        engine: The answering engine.
        source: Where questions come from (a terminal or a pipe).
        out: Where answers go.
        interactive: Show a greeting and a prompt (only useful on a terminal).
    """
    if interactive:
        out.write(GREETING + "\n")
    previous: Answer | None = None
    while True:
        if interactive:
            out.write("> ")
            out.flush()
        line = source.readline()
        if not line:
            break
        question = line.strip()
        if not question:
            continue
        if question.casefold() in _QUIT:
            break
        answer = engine.answer(question, previous=previous)
        if answer.answered:
            previous = answer  # a decline does not change what the conversation is about
        out.write(format_answer(answer) + "\n\n")
        out.flush()
    return 0
