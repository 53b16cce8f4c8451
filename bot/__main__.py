"""`python -m bot …`: parse arguments, build settings, load the fact base, start a front end.

With no command it runs the Discord bot when DISCORD_TOKEN is set, and the console chat (with a
hint on connecting to Discord) when it is not. Only the Discord paths import discord.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from collections.abc import Sequence
from typing import Final

from pydantic import ValidationError
from pydantic_settings import SettingsError

from bot.settings import Settings
from knowledge import Engine, KnowledgeBaseError
from knowledge.caching import default_cache_directory, load_engine

EXIT_USAGE: Final = 2
DISCORD_HINT: Final = (
    "No DISCORD_TOKEN set: chatting in the console. To connect to Discord, put your bot token "
    "in .env as DISCORD_TOKEN=... (see .env.example) and run `python -m bot` again."
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="Answer questions about news articles, with citations.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    ask = commands.add_parser("ask", help="answer a question (or one per stdin line with --jsonl)")
    ask.add_argument("question", nargs="*", help="the question (quotes optional)")
    mode = ask.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help="print one JSON object")
    mode.add_argument(
        "--jsonl", action="store_true", help="read one question per stdin line, write JSON lines"
    )
    commands.add_parser("chat", help="console chat: one question per line")
    kb = commands.add_parser("kb", help="fact base tools")
    kb_commands = kb.add_subparsers(dest="kb_command", metavar="KB_COMMAND", required=True)
    kb_commands.add_parser("check", help="validate the fact base and report citation coverage")
    add = kb_commands.add_parser(
        "add", help="add articles (text file, HTML file or URL) to the KNOWLEDGE_DIR folder"
    )
    add.add_argument("sources", nargs="+", metavar="SOURCE", help="file path or http(s) URL")
    add.add_argument("--id", default="", help="article id (lower case, digits, hyphens)")
    add.add_argument("--title", default="", help="title, instead of the page's")
    add.add_argument("--date", default=None, type=_date, help="publication date, YYYY-MM-DD")
    add.add_argument("--outlet", default="", help="who published it")
    add.add_argument("--url", default="", help="where it was published")
    report = kb_commands.add_parser(
        "report", help="unanswered questions grouped, with the edit that answers each; 👎 facts"
    )
    report.add_argument("--server", type=int, default=None, help="only this server (its id)")
    report.add_argument("--article", default=None, help="only this article (its id)")
    report.add_argument("--since", type=int, default=None, metavar="DAYS", help="last DAYS days")
    data = commands.add_parser("data", help="what the bot stores (DATA_DIR or DATABASE_URL)")
    data_commands = data.add_subparsers(dest="data_command", metavar="DATA_COMMAND", required=True)
    delete = data_commands.add_parser(
        "delete", help="delete everything stored for one server: articles, votes, questions"
    )
    target = delete.add_mutually_exclusive_group(required=True)
    target.add_argument("--server", type=int, help="the server's id")
    target.add_argument("--dms", action="store_true", help="votes and questions from DMs")
    commands.add_parser("run", help="run the Discord bot (needs DISCORD_TOKEN)")
    commands.add_parser("sync", help="sync slash commands with Discord globally, then exit")
    return parser


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        msg = f"not a date (YYYY-MM-DD): {text!r}"
        raise argparse.ArgumentTypeError(msg) from None


def _fail(message: str) -> int:
    sys.stderr.write(f"error: {message}\n")
    return EXIT_USAGE


def _settings() -> Settings | str:
    try:
        return Settings()
    except ValidationError as error:
        first = error.errors()[0]
        message = first["msg"].removeprefix("Value error, ")
        name = ".".join(str(part) for part in first["loc"]).upper()
        return f"invalid setting {name}: {message}" if name else f"invalid settings: {message}"
    except (SettingsError, UnicodeDecodeError, OSError) as error:
        return f"could not read the settings (environment or .env): {error}"


def _load(settings: Settings) -> Engine | str:
    cache = None
    if settings.engine_cache:
        cache = settings.engine_cache_dir or default_cache_directory()
    try:
        return load_engine(settings.knowledge_dir, cache_directory=cache)
    except KnowledgeBaseError as error:
        return f"the fact base is invalid: {error}"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit code."""
    args = _parser().parse_args(argv)
    settings = _settings()
    if isinstance(settings, str):
        return _fail(settings)
    if args.command in {"run", "sync"} or (args.command is None and settings.discord_token):
        # Imported here so that discord.py stays off the CLI and console paths.
        from bot.discord_bot.discord_app import run_discord, sync_commands  # noqa: PLC0415

        return sync_commands(settings) if args.command == "sync" else run_discord(settings)
    logging.basicConfig(level=settings.log_level, format="%(levelname)s %(name)s: %(message)s")
    if args.command == "kb" and args.kb_command == "add":
        return _add(args, settings)
    if args.command == "data" or (args.command == "kb" and args.kb_command == "report"):
        return _stored(args, settings)
    engine = _load(settings)
    if isinstance(engine, str):
        return _fail(engine)
    return _run_local(args, engine)


def _stored(args: argparse.Namespace, settings: Settings) -> int:
    """`kb report` and `data delete`: the database the bot keeps (imports storage only here)."""
    from bot.command_line import stored  # noqa: PLC0415

    if args.command == "data":
        done = stored.delete_server(settings, None if args.dms else args.server, sys.stdout)
    else:
        done = stored.report(
            settings, server=args.server, article=args.article, days=args.since, out=sys.stdout
        )
    return _fail(done) if isinstance(done, str) else done


def _add(args: argparse.Namespace, settings: Settings) -> int:
    """`kb add`: build articles into KNOWLEDGE_DIR (imports the builder only here)."""
    if settings.knowledge_dir is None:
        return _fail(
            "kb add needs KNOWLEDGE_DIR: the folder to add articles to (created if missing); "
            "the packaged article is curated by hand"
        )
    from bot.command_line import output  # noqa: PLC0415
    from knowledge.building.adding import AddError, Options, add_sources  # noqa: PLC0415

    options = Options(
        id=args.id,
        title=args.title,
        date=args.date,
        outlet=args.outlet,
        url=args.url,
        allow_private=settings.allow_private_urls,
    )
    try:
        added, kb = add_sources(settings.knowledge_dir, args.sources, options)
    except AddError as error:
        return _fail(str(error))
    return output.report_added(added, kb, sys.stdout)


def _run_local(args: argparse.Namespace, engine: Engine) -> int:
    """Run a front end that needs no Discord: kb check, ask, or the console chat."""
    # Loaded after the settings, so that their errors come first.
    from bot.command_line import console, output  # noqa: PLC0415

    if args.command == "kb":
        return output.check_knowledge(engine.kb, sys.stdout)
    if args.command == "ask":
        if args.jsonl:
            return output.ask_stream(engine, sys.stdin.buffer, sys.stdout.buffer)
        if not args.question:
            return _fail('ask needs a question, e.g. python -m bot ask "how many troops?"')
        return output.ask_one(engine, " ".join(args.question), as_json=args.json, out=sys.stdout)
    if args.command is None:
        sys.stderr.write(DISCORD_HINT + "\n")
    return console.chat(engine, sys.stdin, sys.stdout, interactive=sys.stdin.isatty())


if __name__ == "__main__":
    sys.exit(main())
