import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.article import find_dateline, find_title, split_blocks


@given(st.text(alphabet=st.sampled_from('ab .\n"”é'), max_size=3_000), st.integers(20, 400))
def test_blocks_cover_the_text_exactly_and_respect_the_limit(text: str, limit: int) -> None:
    blocks = list(split_blocks(text, limit))
    assert "".join(b.text for b in blocks) == text
    for block in blocks:
        assert text[block.start : block.start + len(block.text)] == block.text
        assert 0 < len(block.text) <= limit


def test_blocks_prefer_paragraph_breaks() -> None:
    text = "First paragraph says one thing.\n\nSecond paragraph says another thing."
    blocks = list(split_blocks(text, limit=50))
    assert [b.text for b in blocks] == [
        "First paragraph says one thing.\n\n",
        "Second paragraph says another thing.",
    ]


def test_a_long_paragraph_is_cut_at_sentence_ends() -> None:
    text = "One short sentence here. " * 10
    blocks = list(split_blocks(text, limit=60))
    assert all(b.text.endswith(". ") for b in blocks[:-1])


def test_title_is_the_headline_line() -> None:
    assert find_title("Both sides claim losses\n\nBody text here.") == "Both sides claim losses"


def test_no_title_when_the_first_line_is_a_sentence() -> None:
    assert find_title("The ministry said 20 people died.\nMore text.") is None
    assert find_title("Just one line without a body") is None


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Headline here\n\nEASTPORT, Jan 6 (Eastport Daily) - Troops moved.", "Eastport"),
        ("Headline here\n\nKyiv: The ministry said 4 were hurt.", "Kyiv"),
        ("Headline here\n\nTroops moved on Monday, the ministry said.", None),
        ("NORTHGATE/EASTPORT, Dec 29 (Wire) - Both sides spoke.", None),
    ],
)
def test_the_dateline_is_where_the_story_was_filed(text: str, place: str | None) -> None:
    assert find_dateline(text) == place
