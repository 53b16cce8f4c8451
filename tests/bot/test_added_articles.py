"""The Discord bot answering from a folder of articles added with `kb add`, not the curated one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from knowledge.building.adding import Options, add_sources
from knowledge.loading import load_knowledge_base
from knowledge.models import KnowledgeBase
from tests.bot.conftest import StartBot, replies_to, settle
from tests.bot.fake_discord import FakeDiscord, Payload

FIXTURES = Path(__file__).parents[1] / "knowledge" / "fixtures"


@pytest.fixture(scope="module")
def added(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    folder = tmp_path_factory.mktemp("kb")
    add_sources(
        folder,
        [str(FIXTURES / "flood.txt")],
        Options(date=dt.date(2024, 6, 5), outlet="Halberg Post", title="Saale floods Halberg"),
    )
    add_sources(folder, [str(FIXTURES / "launch.txt")], Options(title="Orbita launches Lumen 1"))
    return load_knowledge_base(folder)


async def test_a_question_is_answered_from_the_article_it_is_about(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload, added: KnowledgeBase
) -> None:
    await start_bot(knowledge=added)
    question = await fake.send_message("how much did the lumen 1 launch cost?", author=alice)
    reply = await fake.wait_for(replies_to(question))
    [embed] = reply.embeds
    assert embed["description"].startswith("1.2 billion dollars")
    assert "Mission director Hana Okafor said" in embed["fields"][0]["value"]
    # The launch article has no date or outlet: the footer names its title only.
    assert "Orbita launches Lumen 1" in embed["footer"]["text"]
    assert "2024" not in embed["footer"]["text"]
    await settle(fake)
    assert fake.unseen() == []


async def test_a_near_miss_is_declined_with_suggestions_from_that_article(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload, added: KnowledgeBase
) -> None:
    await start_bot(knowledge=added)
    question = await fake.send_message("how many firefighters died in halberg?", author=alice)
    reply = await fake.wait_for(replies_to(question))
    [embed] = reply.embeds
    assert "does not cover" in embed["description"]
    labels = [button["label"] for button in reply.suggestion_buttons]
    assert labels and all("Lumen" not in label and "astronaut" not in label for label in labels)
