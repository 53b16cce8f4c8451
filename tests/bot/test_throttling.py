"""The per-user cooldown: discord.py's counting plus one notice per window.

Times start at 1000: discord.py's cooldowns treat a timestamp of 0 as "now".
"""

from __future__ import annotations

from bot.discord_bot.throttling import Throttle


def test_one_notice_per_window_then_quiet_then_allowed_again() -> None:
    throttle = Throttle(rate=2, per=10)
    verdicts = [throttle.check(1, now=100 + n).verdict for n in range(5)]
    assert verdicts == ["allow", "allow", "notify", "quiet", "quiet"]
    assert throttle.check(1, now=111).verdict == "allow"


def test_users_are_counted_separately() -> None:
    throttle = Throttle(rate=1, per=60)
    assert throttle.check(1, now=1000).verdict == "allow"
    assert throttle.check(2, now=1000).verdict == "allow"
    decision = throttle.check(1, now=1001)
    assert decision.verdict == "notify"
    assert 0 < decision.retry_after <= 60


def test_a_new_window_gets_a_new_notice() -> None:
    throttle = Throttle(rate=1, per=10)
    assert [throttle.check(1, now=t).verdict for t in (1000, 1001, 1002)] == [
        "allow",
        "notify",
        "quiet",
    ]
    assert [throttle.check(1, now=t).verdict for t in (1020, 1021, 1022)] == [
        "allow",
        "notify",
        "quiet",
    ]
