"""Everyone's page: their own entries and progress (nobody else's), the published
results that reached them, and the leaderboard."""

from __future__ import annotations

from storage.models import EntryStatus, Registration
from storage.services import council_seats, people
from tests.support import review_setup
from tests.support.web_support import *  # noqa: F403  (the console's fixtures)
from tests.support.web_support import sign_in


async def recognized(sessionmaker, clock) -> int:
    """An excellent entry of HNI0008 through council, publication and the decision, all
    through the services the chat calls."""
    entry_id = await review_setup.reviewed(sessionmaker, clock, "HNI0008", "M1", (0.95, 0.97))
    async with sessionmaker() as session:
        minh = await people.find_by_code(session, "HNI0002")
        entry = await session.get(Registration, entry_id)
        assert entry in await council_seats.ready_for_council(session, minh)
    await review_setup.passed_council(sessionmaker, clock, entry_id)
    await review_setup.published(sessionmaker, clock)
    await review_setup.decided(sessionmaker, clock)
    assert await review_setup.status(sessionmaker, entry_id) == EntryStatus.RECOGNIZED
    return entry_id


async def test_my_entries_and_nobody_elses(demo, chat_for, sessionmaker, clock, client):
    mine = await review_setup.entry(sessionmaker, clock, "HNI0008", "M1", ["M1.01", "M1.03"])
    other = await review_setup.entry(sessionmaker, clock, "HNI0009", "M2")
    await sign_in(client, chat_for, sessionmaker, clock, "HNI0008")
    home = await client.get("/console/")
    assert 'href="/console/me/"' in home.text and "Của tôi" in home.text
    page = await client.get("/console/me/")
    assert page.status_code == 200
    assert f'id="mine-{mine}"' in page.text and f'id="mine-{other}"' not in page.text
    assert "M1.01" in page.text and "M1.03" in page.text
    assert "Còn thiếu minh chứng: M1.01, M1.03" in page.text
    assert "Chưa có kết quả nào được công khai" in page.text
    assert "Chưa có kết quả cuối cùng để xếp hạng" in page.text
    english = await client.get("/console/me/?lang=en")
    assert "My entries" in english.text and "Evidence still missing: M1.01, M1.03" in english.text


async def test_published_results_and_the_leaderboard(
    demo, chat_for, sessionmaker, clock, client_for
):
    entry_id = await recognized(sessionmaker, clock)
    async with client_for() as client:  # a colleague in Hà Nội: the publication reached him
        await sign_in(client, chat_for, sessionmaker, clock, "HNI0009")
        page = await client.get("/console/me/")
        assert f'id="result-{entry_id}"' in page.text and "Bùi Thị Thảo" in page.text
        assert "Được công nhận" in page.text and "Bưu điện thành phố Hà Nội" in page.text
        assert "1/1" in page.text
    async with client_for() as client:  # another province: the leaderboard, not the list
        await sign_in(client, chat_for, sessionmaker, clock, "PTO0008")
        page = await client.get("/console/me/")
        assert page.status_code == 200
        assert f'id="result-{entry_id}"' not in page.text
        assert "Bưu điện thành phố Hà Nội" in page.text  # ranked by province


async def test_signed_out_goes_to_sign_in(client):
    answer = await client.get("/console/me/")
    assert answer.status_code == 303 and answer.headers["location"] == "/console/"
