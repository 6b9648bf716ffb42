"""Digest composition: order, grouping, filters, empty days, Telegram's length limit."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from html.parser import HTMLParser

import pytest

from bot.digest import (
    MAX_MESSAGE,
    Block,
    DigestFilter,
    compose,
    describe_subscription,
    pack,
    parse_subscribe,
    utf16_len,
)
from bot.schedule import ScheduleError
from storage.subscriptions import ArticleRef, ChangedClaim, ChangedLink, Changes, Subscription

SINCE = datetime(2024, 7, 1, 5, tzinfo=UTC)
UNTIL = datetime(2024, 7, 2, 5, tzinfo=UTC)
DALSK = ArticleRef("Fighting resumes near Dalsk", "https://news.example/dalsk?a=1&b=2")
EASTPORT = ArticleRef("Eastport denies the figures", "https://wire.example/eastport")


def claim(
    n: int,
    text: str,
    claimant: str | None,
    story: str | None = None,
    *,
    kind: str = "indirect",
    hedged: bool = False,
    article: ArticleRef = DALSK,
) -> ChangedClaim:
    key = story.lower() if story else None
    return ChangedClaim(n, text, kind, claimant, key, story, hedged, (), article, SINCE)


LOSSES = "Eastern Federation losses in Dalsk"
MOD_1000 = claim(1, "more than 1,000 soldiers were killed near Dalsk", "Defence Ministry", LOSSES)
CMD_300 = claim(2, "about 300 soldiers died", "Eastern Command", LOSSES, article=EASTPORT)
MOD_1400 = claim(3, "1,400 soldiers have now been killed", "Defence Ministry", LOSSES)
MAYOR = claim(
    4, "We have no water and no power", "Mayor Ilse Varga", None, kind="direct_quote", hedged=True
)
ANON = claim(5, "talks could resume next week", None, None, hedged=True)

CONTRADICTION = ChangedLink(
    "contradiction",
    MOD_1000,
    CMD_300,
    "Defence Ministry says more than 1,000; Eastern Command says about 300.",
    ("more than 1,000", "about 300"),
    LOSSES,
)
MOVE = ChangedLink(
    "update",
    MOD_1000,
    MOD_1400,
    "Defence Ministry raised its count.",
    ("more than 1,000", "1,400"),
    LOSSES,
)


def changes(*claims: ChangedClaim, contradictions=(), moves=()) -> Changes:  # type: ignore[no-untyped-def]
    return Changes(SINCE, UNTIL, tuple(claims), tuple(contradictions), tuple(moves))


class _Checker(HTMLParser):
    """Telegram's HTML: only its tags, every tag closed, no stray < or &."""

    ALLOWED = {"b", "i", "u", "s", "a", "code", "pre", "blockquote", "tg-spoiler"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag in self.ALLOWED, tag
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack.pop() == tag, tag


def assert_telegram_html(message: str) -> None:
    checker = _Checker()
    checker.feed(message)
    checker.close()
    assert checker.stack == []
    text = re.sub(r"<[^>]+>", "", message)
    assert "<" not in text and ">" not in text
    assert not re.search(r"&(?!amp;|lt;|gt;|quot;|#x27;)", text)
    assert utf16_len(message) <= MAX_MESSAGE


def test_contradictions_come_first_then_moved_figures_then_claims_by_story() -> None:
    digest = compose(
        changes(MOD_1000, CMD_300, MOD_1400, MAYOR, ANON, contradictions=[CONTRADICTION],
                moves=[MOVE]),
        tz="Europe/Kyiv",
    )  # fmt: skip
    assert len(digest.messages) == 1
    text = digest.messages[0]
    assert_telegram_html(text)
    order = [
        "Digest for 2 July 2024",
        "1 contradiction · 1 figure moved · 5 new claims since 1 Jul 08:00",
        "New contradictions",
        "Figures that moved",
        f"🗂 <b>{LOSSES}</b>",
        "<u>Defence Ministry</u>",
        "<u>Eastern Command</u>",
        "<b>Other claims</b>",
    ]
    positions = [text.index(piece) for piece in order]
    assert positions == sorted(positions)
    assert "more than 1,000 → <b>1,400</b>" in text
    assert "“We have no water and no power” <i>(hedged)</i>" in text
    assert "<u>Unattributed</u>" in text
    assert 'href="https://news.example/dalsk?a=1&amp;b=2"' in text


def test_claims_of_one_claimant_stay_together_under_their_story() -> None:
    text = compose(changes(MOD_1000, CMD_300, MOD_1400)).messages[0]
    body = text[text.index("Defence Ministry") :]
    assert body.index("1,400 soldiers") < body.index("Eastern Command")
    assert text.count("<u>Defence Ministry</u>") == 1


@pytest.mark.parametrize(
    "when_empty, expected",
    [("note", ("<b>Digest for 2 July 2024</b>: nothing new since 1 Jul 08:00.",)), ("skip", ())],
)
def test_nothing_new_is_a_one_line_note_or_nothing(
    when_empty: str, expected: tuple[str, ...]
) -> None:
    digest = compose(changes(), tz="Europe/Kyiv", when_empty=when_empty)  # type: ignore[arg-type]
    assert digest.messages == expected


def test_markup_in_claims_and_titles_is_escaped() -> None:
    evil = claim(
        9,
        "<b>all</b> & <script>x</script> fine",
        "Dr <Evil> & Co",
        "Story <1>",
        article=ArticleRef('Title "quoted" <tag>', 'https://x.example/"><script>'),
    )
    text = compose(changes(evil)).messages[0]
    assert_telegram_html(text)
    assert "&lt;b&gt;all&lt;/b&gt; &amp; &lt;script&gt;" in text
    assert 'href="https://x.example/&quot;&gt;&lt;script&gt;"' in text


def test_links_that_are_not_web_links_are_left_out() -> None:
    sneaky = claim(9, "text", "Someone", article=ArticleRef("Title", "javascript:alert(1)"))
    text = compose(changes(sneaky)).messages[0]
    assert "href" not in text and "(Title)" in text


@pytest.mark.parametrize(
    "filters, expected_ids",
    [
        (DigestFilter(claimants=("defence",)), {1, 3}),
        (DigestFilter(claimants=("defence", "command")), {1, 2, 3}),
        (DigestFilter(stories=("dalsk",)), {1, 2, 3}),
        (DigestFilter(keywords=("water",)), {4}),
        (DigestFilter(claimants=("defence",), keywords=("1,400",)), {3}),
        (DigestFilter(keywords=("eastport",)), {2}),  # the article's title counts
    ],
)
def test_filters(filters: DigestFilter, expected_ids: set[int]) -> None:
    all_claims = [MOD_1000, CMD_300, MOD_1400, MAYOR, ANON]
    assert {c.claim_id for c in all_claims if filters.matches(c)} == expected_ids
    digest = compose(changes(*all_claims), filters=filters)
    assert digest.claims == len(expected_ids)


def test_a_filter_that_matches_nothing_says_so() -> None:
    digest = compose(changes(MOD_1000), filters=DigestFilter(keywords=("grain",)))
    assert digest.messages == (
        "<b>Digest for 2 July 2024</b>: nothing new about keywords: grain since 1 Jul 05:00.",
    )


def test_a_long_digest_is_split_between_items_and_continues_its_headings() -> None:
    many = [
        claim(i, f"claim number {i} says " + "something rather long " * 12, f"Claimant {i % 3}",
              LOSSES if i % 2 else "Grain exports")
        for i in range(40)
    ]  # fmt: skip
    digest = compose(changes(*many, contradictions=[CONTRADICTION] * 5))
    assert len(digest.messages) > 3
    for message in digest.messages:
        assert_telegram_html(message)
    joined = "\n".join(digest.messages)
    for i in range(40):
        assert f"claim number {i} says" in joined  # nothing lost at a cut
    assert any("<i>(continued)</i>" in m for m in digest.messages[1:])
    for message in digest.messages[1:]:
        first = message.split("\n", 1)[0]
        assert first.startswith(("🗂", "⚠️", "📈")), first  # every part says where it is


def test_a_very_long_claim_is_clipped_not_split() -> None:
    huge = claim(1, "word " * 5000, "Someone")
    digest = compose(changes(huge))
    assert len(digest.messages) == 1
    assert_telegram_html(digest.messages[0])
    assert "…" in digest.messages[0]


def test_limit_counts_utf16_units() -> None:
    emoji = [Block(("h",), "😀" * 1000) for _ in range(5)]  # 2,000 units each
    messages = pack(emoji, limit=MAX_MESSAGE)
    assert all(utf16_len(m) <= MAX_MESSAGE for m in messages)
    assert len(messages) == 3


def test_a_digest_too_long_for_eight_messages_ends_with_a_pointer_to_filters() -> None:
    many = [claim(i, "x " * 190, f"Claimant {i}", f"Story {i % 40}") for i in range(120)]
    digest = compose(changes(*many))
    assert len(digest.messages) == 8
    assert "narrow the digest" in digest.messages[-1]


@pytest.mark.parametrize(
    "args, at, tz, filters, when_empty",
    [
        ("", time(8), None, DigestFilter(), None),
        ("07:30", time(7, 30), None, DigestFilter(), None),
        ("7:30 europe/kyiv", time(7, 30), "Europe/Kyiv", DigestFilter(), None),
        ("Europe/Kyiv 21h", time(21), "Europe/Kyiv", DigestFilter(), None),
        ('claimant:"Defence Ministry" story:Dalsk grain quiet', time(8), None,
         DigestFilter(("Defence Ministry",), ("Dalsk",), ("grain",)), "skip"),
        ("claimant:“Eastern Command”,Kyiv kw:water note", time(8), None,
         DigestFilter(("Eastern Command", "Kyiv"), (), ("water",)), "note"),
    ],
)  # fmt: skip
def test_subscribe_arguments(
    args: str, at: time, tz: str | None, filters: DigestFilter, when_empty: str | None
) -> None:
    request = parse_subscribe(args)
    assert (request.at, request.timezone, request.filters, request.when_empty) == (
        at,
        tz,
        filters,
        when_empty,
    )


@pytest.mark.parametrize(
    "args, message",
    [("25:00", "time of day"), ("Mars/Base", "timezone"), ('claimant:"open', "quotes"),
     ("story:", "nothing to follow")],
)  # fmt: skip
def test_bad_subscribe_arguments_are_explained(args: str, message: str) -> None:
    with pytest.raises(ScheduleError, match=message):
        parse_subscribe(args)


def test_filters_survive_storage() -> None:
    f = DigestFilter(("A",), ("B", "C"), ())
    assert DigestFilter.from_json(f.to_json()) == f
    assert DigestFilter.from_json(None) == DigestFilter()


def test_digest_date_is_the_local_date() -> None:
    late = Changes(SINCE, datetime(2024, 7, 1, 22, tzinfo=UTC), (MOD_1000,))
    assert "2 July 2024" in compose(late, tz="Europe/Kyiv").messages[0]
    assert "1 July 2024" in compose(late, tz="UTC").messages[0]
    assert "5 July 2024" in compose(late, local_date=date(2024, 7, 5)).messages[0]


def test_a_subscription_described() -> None:
    sub = Subscription(
        chat_id=1, at=time(7, 30), timezone="Europe/Kyiv", owed_date=date(2024, 7, 2),
        due_at=UNTIL, created_at=SINCE, updated_at=SINCE, when_empty="skip",
        filters=DigestFilter(claimants=("Defence <Ministry>",)).to_json(),
    )  # fmt: skip
    text = describe_subscription(sub)
    assert_telegram_html(text)
    assert "<b>07:30</b> Europe/Kyiv, next on 2 July 2024." in text
    assert "About: claimants: Defence &lt;Ministry&gt;. On days with nothing new: nothing." in text


@pytest.mark.parametrize(
    "text, shown",
    [("We hold the line", "“We hold the line”"), ('"We hold the line,"', '"We hold the line,"'),
     ("“We hold the line”", "“We hold the line”")],
)  # fmt: skip
def test_quotes_are_marked_once(text: str, shown: str) -> None:
    quote = claim(1, text, "Commander", kind="direct_quote")
    assert f"• {shown} (" in compose(changes(quote)).messages[0]
