"""Who-claims-what as people read it: plain text for the command line, Telegram HTML for the bot,
and the splitter that keeps every message within Telegram's limit and valid on its own."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from html import unescape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.html import MAX_MESSAGE, fit, split_html, summary_messages
from bot.render import group_claims, render_text
from claims.model import Claim, Extraction, Figure, Span
from tests.bot.emulator import html_problem

TEXT = (
    "Ministry counts losses\n\n"
    'The Defence Ministry said 40 soldiers were killed. "We hold the bridge," said Anna Berg. '
    "Officials said the town may fall. It is said that roads are closed. "
    "The mayor, Marta Kovac, said water could run out."
)


def span(fragment: str, text: str = TEXT) -> Span:
    start = text.index(fragment)
    return Span(start, start + len(fragment), fragment)


def claim(content: str, kind: str = "indirect", **kw: object) -> Claim:
    return Claim(content=span(content), kind=kind, sentence=span(content), **kw)  # type: ignore[arg-type]


MINISTRY: dict[str, object] = {"claimant": "Defence Ministry", "claimant_kind": "organization"}
CLAIMS = (
    claim(
        "40 soldiers were killed",
        source=span("The Defence Ministry"),
        figures=(Figure("40", 40.0, what="soldiers killed"),),
        **MINISTRY,
    ),
    claim(
        '"We hold the bridge,"',
        "direct_quote",
        source=span("Anna Berg"),
        claimant_role="spokeswoman",
        speaker="Anna Berg",
        **MINISTRY,
    ),
    claim("the town may fall", source=span("Officials"), hedged=True),
    claim("roads are closed", "unattributed", hedged=True),
    claim(
        "water could run out",
        source=span("Marta Kovac"),
        claimant="Marta Kovac",
        claimant_kind="person",
        claimant_role="mayor",
        hedged=True,
    ),
)
EXTRACTION = Extraction("en", "Ministry counts losses", CLAIMS)


def test_claims_are_grouped_by_claimant_in_order_with_unattributed_last() -> None:
    headings = [g.heading for g in group_claims(CLAIMS)]
    assert headings == ["Defence Ministry", "Unnamed: Officials", "Marta Kovac", "Unattributed"]
    ministry = group_claims(CLAIMS)[0]
    assert ministry.roles == ["spokeswoman Anna Berg"] and len(ministry.claims) == 2


def test_plain_text_summary_reads_like_a_briefing() -> None:
    out = render_text(EXTRACTION, TEXT)
    assert out.startswith("Ministry counts losses\n======")
    assert "5 claims from 2 named claimants; 1 unattributed, 3 hedged" in out
    assert "Defence Ministry [organization] — spokeswoman Anna Berg" in out
    assert "  • (paraphrase) 40 soldiers were killed" in out
    assert "      figures: 40 (soldiers killed)" in out
    assert '  • (quote) "We hold the bridge,"' in out
    assert "Marta Kovac [person] — mayor\n  • (paraphrase, hedged) water could run out" in out
    assert out.index("Unattributed\n") > out.index("Marta Kovac")
    assert "(unattributed, hedged) roads are closed" in out


def test_plain_text_says_so_when_nobody_claims_anything() -> None:
    assert "No claims found" in render_text(Extraction("en", None, ()), "Rain fell.")


def test_the_telegram_reply_names_outlet_and_date_and_marks_each_claim() -> None:
    (message,) = summary_messages(
        EXTRACTION, TEXT, outlet="Frontline Daily", published=datetime(2026, 11, 16, tzinfo=UTC)
    )
    assert html_problem(message) is None
    assert message.startswith("<b>Ministry counts losses</b>\n<i>Frontline Daily · 16 Nov 2026</i>")
    assert "<b>Defence Ministry</b> <i>(organization)</i> — spokeswoman Anna Berg" in message
    assert "<i>quote</i>: <blockquote>" in message
    assert "<i>paraphrase, hedged</i>: water could run out" in message
    assert "📊 40 (soldiers killed)" in message
    assert "<b>Unattributed</b>" in message


HOSTILE = '<script>alert(1)</script> & <b>bold</b> <a href="javascript:x">link</a> &amp;'


def test_every_piece_of_user_text_is_escaped() -> None:
    text = f"{HOSTILE}\n\nThe <i>Ministry</i> said that {HOSTILE} happened."
    hostile_claim = Claim(
        content=span(f"{HOSTILE} happened", text),
        kind="indirect",
        sentence=span(f"{HOSTILE} happened", text),
        source=span("The <i>Ministry</i>", text),
        claimant="<i>Ministry</i>",
        claimant_kind="organization",
        claimant_role="<b>x</b>",
        places=("<u>Dalsk</u>",),
        when="<s>today</s>",
        figures=(Figure("<1>", 1.0, what="<tag>"),),
    )
    messages = summary_messages(
        Extraction("en", HOSTILE, (hostile_claim,)), text, outlet="<b>Evil</b> & co"
    )
    for message in messages:
        assert html_problem(message) is None
        assert "<script>" not in message and 'href="javascript' not in message
    assert "&lt;script&gt;" in messages[0] and "&amp;amp;" in messages[0]


def test_a_long_summary_is_split_within_the_limit_repeating_the_claimant() -> None:
    words = "40 soldiers were killed near the bridge over the Varna river " * 5
    sentence = f"The Defence Ministry said {words.strip()}. "
    text = sentence * 100
    many = tuple(
        Claim(
            content=Span(i * len(sentence) + 26, (i + 1) * len(sentence) - 2, words.strip()),
            kind="indirect",
            sentence=Span(i * len(sentence), (i + 1) * len(sentence), sentence),
            **MINISTRY,  # type: ignore[arg-type]
        )
        for i in range(100)
    )
    messages = fit(summary_messages(Extraction("en", None, many), text))
    assert len(messages) > 1
    for message in messages:
        assert len(message) <= MAX_MESSAGE and html_problem(message) is None
    assert "<b>Defence Ministry</b> <i>(organization)</i> <i>(continued)</i>" in messages[1]
    assert "… and 40 more claims." in messages[-1]


@pytest.mark.parametrize(
    "html, limit",
    [
        ("<b>" + "word " * 2000 + "</b>", 4096),
        ("<blockquote>" + "&amp;" * 3000 + "</blockquote>", 4096),
        ('<a href="https://example.org/a">' + "x" * 9000 + "</a>", 4096),
        ("line\n" * 3000, 4096),
        ("<b>head</b>\n<i>" + "é" * 5000 + "</i>\n<code>" + "😀" * 3000 + "</code>", 4096),
        ("<b><i>" + "nested text " * 100 + "</i></b>", 200),
    ],
)
def test_the_splitter_never_cuts_inside_a_tag_or_an_entity(html: str, limit: int) -> None:
    pieces = split_html(html, limit)
    assert len(pieces) > 1
    for piece in pieces:
        assert len(piece.encode("utf-16-le")) // 2 <= limit
        assert html_problem(piece) is None
        assert not re.search(r"&(?!#?\w+;)", piece)  # no entity cut in two
    assert _visible("".join(pieces)) == _visible(html)


def test_the_splitter_prefers_line_ends() -> None:
    html = "\n".join(f"<b>{i}</b> " + "a" * 50 for i in range(200))
    pieces = split_html(html, 1000)
    assert all(p.endswith("a") for p in pieces)


def test_a_message_within_the_limit_is_left_alone() -> None:
    assert split_html("<b>short</b>") == ["<b>short</b>"]


def _visible(html: str) -> str:
    return "".join(unescape(re.sub(r"<[^>]*>", "", html)).split())


TAGS = ["b", "i", "u", "s", "code", "blockquote", "tg-spoiler"]


@st.composite
def telegram_html(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        choice = draw(st.integers(0, 3 if depth < 3 else 1))
        if choice == 0:
            parts.append(draw(st.text(alphabet="ab é😀\n", min_size=1, max_size=400)))
        elif choice == 1:
            parts.append(draw(st.sampled_from(["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"])))
        else:
            tag = draw(st.sampled_from(TAGS))
            parts.append(f"<{tag}>{draw(telegram_html(depth + 1))}</{tag}>")
    return "".join(parts)


@settings(max_examples=150, deadline=None)
@given(html=telegram_html(), limit=st.integers(200, 600))
def test_any_valid_message_splits_into_valid_messages(html: str, limit: int) -> None:
    pieces = split_html(html, limit)
    for piece in pieces:
        assert len(piece.encode("utf-16-le")) // 2 <= limit
        assert html_problem(piece) is None
        assert not re.search(r"&(?!#?\w+;)", piece)
    assert _visible("".join(pieces)) == _visible(html)
