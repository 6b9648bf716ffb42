"""Number words, shared by figure reading (`claims.figures`) and the spaCy-free quantity
reading of stored figures (`claims.quantities`)."""

NUMBER_WORDS: dict[str, int] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
}

RISE_WORDS = frozenset(
    "edged edging edges went gone goes going moved crept creeping inched ticked shot jumped "
    "climbed climbing rose risen rising revised pushed".split()
)
"""Verbs a count moves by: after them "up to 274" is the new level, not "at most 274"."""

COMPARATIVES = frozenset({"more", "fewer", "less", "higher", "lower"})
"""Words that set two figures against each other: "five more than it admitted"."""


def bare_count(text: str) -> bool:
    """Digits alone that are no year ("97", not "2026"): a count, where the tagger may have
    taken it into a date."""
    return text.isdigit() and not 1800 <= int(text) <= 2100


AGE_HOLDERS = frozenset(
    "boy girl man woman child baby infant son daughter pensioner teenager toddler".split()
)
_AGE_GROUPS = frozenset(
    "boys girls men women children babies infants pensioners teenagers toddlers people".split()
)


def is_age_of(before: list[str]) -> bool:
    """ "a boy of six", "children under five", "a man aged 45": the words before a number make
    it an age, not a count."""
    if before[-1:] == ["aged"]:
        return True
    if len(before) != 2:
        return False
    return (before[1] == "of" and before[0] in AGE_HOLDERS) or (
        before[1] in ("under", "over") and before[0] in _AGE_GROUPS
    )
