"""One spelling per claimant, as pure string functions: the engine names claimants with them and
storage merges claimants across articles with `claimant_key`.

"the Russian Defense Ministry", "Russia's MoD", "Ministry of Defence of the Russian Federation" →
"Russian Defence Ministry" (British "Defence" is the contract's spelling).
"""

from __future__ import annotations

import functools
import re
import unicodedata

COUNTRIES: dict[str, tuple[str, str]] = {
    # name as written (lower case) → (canonical name, adjective)
    "russia": ("Russia", "Russian"),
    "russian federation": ("Russia", "Russian"),
    "ukraine": ("Ukraine", "Ukrainian"),
    "united states": ("United States", "US"),
    "united states of america": ("United States", "US"),
    "us": ("United States", "US"),
    "u.s.": ("United States", "US"),
    "usa": ("United States", "US"),
    "america": ("United States", "US"),
    "china": ("China", "Chinese"),
    "israel": ("Israel", "Israeli"),
    "iran": ("Iran", "Iranian"),
    "britain": ("United Kingdom", "British"),
    "great britain": ("United Kingdom", "British"),
    "united kingdom": ("United Kingdom", "British"),
    "uk": ("United Kingdom", "British"),
    "u.k.": ("United Kingdom", "British"),
    "france": ("France", "French"),
    "germany": ("Germany", "German"),
    "poland": ("Poland", "Polish"),
    "turkey": ("Turkey", "Turkish"),
    "türkiye": ("Turkey", "Turkish"),
    "syria": ("Syria", "Syrian"),
    "belarus": ("Belarus", "Belarusian"),
    "georgia": ("Georgia", "Georgian"),
    "moldova": ("Moldova", "Moldovan"),
    "lebanon": ("Lebanon", "Lebanese"),
    "egypt": ("Egypt", "Egyptian"),
    "saudi arabia": ("Saudi Arabia", "Saudi"),
    "iraq": ("Iraq", "Iraqi"),
    "india": ("India", "Indian"),
    "pakistan": ("Pakistan", "Pakistani"),
    "japan": ("Japan", "Japanese"),
    "north korea": ("North Korea", "North Korean"),
    "south korea": ("South Korea", "South Korean"),
    "taiwan": ("Taiwan", "Taiwanese"),
    "italy": ("Italy", "Italian"),
    "spain": ("Spain", "Spanish"),
    "canada": ("Canada", "Canadian"),
    "azerbaijan": ("Azerbaijan", "Azerbaijani"),
    "armenia": ("Armenia", "Armenian"),
    "yemen": ("Yemen", "Yemeni"),
    "sudan": ("Sudan", "Sudanese"),
    "ethiopia": ("Ethiopia", "Ethiopian"),
    "palestine": ("Palestine", "Palestinian"),
}
DEMONYMS: dict[str, str] = {adj.lower(): name for name, adj in COUNTRIES.values()}
DEMONYMS.update({"american": "United States", "u.s.": "United States", "english": "United Kingdom"})
CAPITALS: dict[str, str] = {
    "kyiv": "Ukraine",
    "kiev": "Ukraine",
    "moscow": "Russia",
    "washington": "United States",
    "beijing": "China",
    "tehran": "Iran",
    "jerusalem": "Israel",
    "london": "United Kingdom",
    "paris": "France",
    "berlin": "Germany",
    "warsaw": "Poland",
    "minsk": "Belarus",
    "ankara": "Turkey",
    "damascus": "Syria",
    "tbilisi": "Georgia",
    "chisinau": "Moldova",
    "beirut": "Lebanon",
    "cairo": "Egypt",
    "baghdad": "Iraq",
    "tokyo": "Japan",
    "pyongyang": "North Korea",
    "seoul": "South Korea",
    "taipei": "Taiwan",
    "baku": "Azerbaijan",
    "yerevan": "Armenia",
}
"""A capital speaking is its government: "Kyiv said" is Ukraine."""


def add_capital(capital: str, country: str) -> None:
    """Teaches a capital the tables lack ("Northgate" for "Northern Republic"): a deployment's
    own knowledge, as a reader's /merge teaches the bot a claimant's other name."""
    CAPITALS[" ".join(capital.lower().split())] = country


SUBJECTS: dict[str, str] = {
    "defence": "Defence",
    "defense": "Defence",
    "foreign affairs": "Foreign",
    "foreign": "Foreign",
    "internal affairs": "Interior",
    "interior": "Interior",
    "home affairs": "Interior",
    "health": "Health",
    "justice": "Justice",
    "finance": "Finance",
    "emergency situations": "Emergencies",
    "emergencies": "Emergencies",
    "energy": "Energy",
    "education": "Education",
    "economy": "Economy",
    "economic development": "Economy",
}
"""Ministry subjects in one spelling: "Ministry of Foreign Affairs" is the "Foreign Ministry"."""

ABBREVIATIONS: dict[str, str] = {
    "mod": "Defence Ministry",
    "mfa": "Foreign Ministry",
    "moh": "Health Ministry",
    "dod": "Defence Department",
    "fm": "Foreign Ministry",
}
_ARTICLES = frozenset({"the", "a", "an"})
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
_POSSESSIVE = re.compile(r"(?:'s|s')$")
_NON_WORD = re.compile(r"[^\w\s]")
_MINISTRY_OF = re.compile(
    r"(?i)^(?P<kind>ministry|department|minister) (?:of|for) (?:the )?(?P<subject>[\w ]+?)"
    r"(?: of (?:the )?(?P<owner>[\w .]+))?$"
)
_BODY_OF = re.compile(
    r"(?i)^(?P<body>(?:general staff|armed forces|army|navy|air force|government|parliament"
    r"|security service|national guard|border guard service|presidential office|president's office"
    r"|office of the president)(?: of the armed forces)?) of (?:the )?(?P<owner>[\w .]+)$"
)
_ANY_OF = re.compile(r"^(?P<body>.+?) of (?:the )?(?P<owner>[\w .]+)$")
_OWNER = re.compile(r"^(?P<owner>[A-Z][\w.]*(?: [A-Z][\w.]*)*)'s? (?P<rest>.+)$")


@functools.lru_cache(maxsize=65_536)
def canonical_name(text: str) -> str:
    """One spelling of a body or a name: no leading article, British "Defence", "Ministry of X of
    Y" → "Yian X Ministry", a possessive country as its adjective ("Russia's MoD" → "Russian
    Defence Ministry"), "Russian Federation" → "Russia". Names of people pass through with only
    their white space and apostrophes normalised."""
    words = text.translate(_APOSTROPHES).split()
    while words and words[0].lower() in _ARTICLES:
        words = words[1:]
    while words and not any(ch.isalnum() for ch in words[-1]):
        words = words[:-1]
    if not words:
        return " ".join(text.split())
    name = " ".join(words).strip(" ,;:")
    name = _POSSESSIVE.sub("", name) if not name.endswith("s'") else name[:-1]
    name = re.sub(r"(?i)\bRussian Federation\b", "Russia", name)
    name = re.sub(r"(?i)\bthe\s+(?=Russia\b)", "", name)
    name = re.sub(r"\b(?:[Dd]efen[cs]e|DEFEN[CS]E)\b", "Defence", name)
    name = _expand_abbreviations(name)
    name = _reorder_of(name)
    m = _OWNER.match(name)
    if m and country_name(m.group("owner")) is not None:
        name = f"{adjective(m.group('owner'))} {m.group('rest')}"
    return _title_body_words(name)


@functools.lru_cache(maxsize=65_536)
def claimant_key(name: str) -> str:
    """The key under which spellings of one claimant meet: canonical, lower case, no accents or
    punctuation ("Russia's MoD", "the Russian Defense Ministry" → "russian defence ministry")."""
    canonical = canonical_name(name)
    folded = unicodedata.normalize("NFKD", canonical)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", folded.lower().replace("'s ", " ")).split())


def country_name(text: str) -> str | None:
    """ "Russia", "the Russian Federation", "Kyiv" → the country they stand for; else None."""
    low = " ".join(text.translate(_APOSTROPHES).lower().split())
    low = _POSSESSIVE.sub("", low.removeprefix("the "))
    if low in COUNTRIES:
        return COUNTRIES[low][0]
    return CAPITALS.get(low)


def country_of_adjective(word: str) -> str | None:
    """ "Russian" → "Russia"; None for other words."""
    return DEMONYMS.get(word.lower())


def adjective(country: str) -> str:
    """ "Russia" → "Russian"; a name the tables do not know stays as it is."""
    low = _POSSESSIVE.sub("", country.translate(_APOSTROPHES).lower().removeprefix("the "))
    entry = COUNTRIES.get(low)
    if entry is None and low in CAPITALS:
        entry = COUNTRIES.get(CAPITALS[low].lower())
    return entry[1] if entry else _POSSESSIVE.sub("", country)


def _expand_abbreviations(name: str) -> str:
    words = name.split()
    out = []
    for word in words:
        bare = word.rstrip(".").lower()
        if bare in ABBREVIATIONS and (word.isupper() or word[:1].isupper() and word[-1].isupper()):
            out.append(ABBREVIATIONS[bare])
        else:
            out.append(word)
    return " ".join(out)


def _reorder_of(name: str) -> str:
    """ "Ministry of Defence of Russia" → "Russian Defence Ministry"; "Russian Ministry of Foreign
    Affairs" → "Russian Foreign Ministry"; "General Staff of the Armed Forces of Ukraine" →
    "Ukrainian General Staff"."""
    prefix = ""
    m = re.match(r"^(?P<prefix>(?:[A-Z][\w.]*'?s? )*?)(?P<rest>(?:Ministry|Department) .+)$", name)
    if m:
        prefix, name = m.group("prefix"), m.group("rest")
    m = _MINISTRY_OF.match(name)
    if m:
        subject = m.group("subject").lower()
        kind = m.group("kind").title()
        owner = m.group("owner")
        if subject not in SUBJECTS and owner is None and country_name(subject) is not None:
            # "Defence Ministry of Russia": the words before were the subject
            return f"{adjective(subject)} {prefix}{kind}"
        out = f"{SUBJECTS.get(subject, subject.title())} {kind}"
        if owner:
            out = f"{adjective(owner)} {out}"
        return _with_prefix(prefix, out)
    m = _BODY_OF.match(name)
    if m and country_name(m.group("owner")) is not None:
        body = re.sub(r"(?i) of the armed forces$", "", m.group("body"))
        return _with_prefix(prefix, f"{adjective(m.group('owner'))} {body}")
    name = prefix + name
    m = _ANY_OF.match(name)
    if m and m.group("body").split()[-1].lower() in _BODY_WORDS:
        if country_name(m.group("owner")) is not None:
            return f"{adjective(m.group('owner'))} {m.group('body')}"
    return name


def _with_prefix(prefix: str, name: str) -> str:
    owner = prefix.strip()
    if not owner:
        return name
    if country_name(owner) is not None:
        owner = adjective(owner)
    return f"{owner} {name}"


def _title_body_words(name: str) -> str:
    """Capitalised body words ("Russian defence ministry" → "Russian Defence Ministry") once the
    name is a body's; people's names are left alone."""
    words = name.split()
    if not any(w.lower() in _BODY_WORDS for w in words):
        return name
    out = []
    for w in words:
        low = w.lower()
        if low in DEMONYMS:
            out.append(adjective(DEMONYMS[low]))
        elif low in _BODY_WORDS or low in _TITLED:
            out.append(w[:1].upper() + w[1:])
        else:
            out.append(w)
    return " ".join(out)


_BODY_WORDS = frozenset(
    "ministry department government staff command council committee office service "
    "forces guard agency army navy police military".split()
)
_TITLED = frozenset(
    "defence foreign interior health justice finance emergencies energy education economy "
    "general armed national border security presidential".split()
)
