"""Who makes a claim: one canonical claimant however the article writes it.

A source span is first described as plain data (`Mention`): a named person with titles split off, a
body (ministry, army, country), a role ("spokesman", "former president"), a pronoun, a definite
description ("the ministry", "the Russian spokesperson") or anonymous sources. The article's
resolver then turns mentions into claimants with the whole article in view, so that "he", "the
spokesman" or "Russia's former president" resolve to the named claimant they refer to, before or
after. A spokesman speaking for a body is reported under the body, with the person as `speaker`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from claims.model import ClaimantKind

SPOKES_ROLES = frozenset({"spokesman", "spokeswoman", "spokesperson", "press secretary"})
ROLE_WORDS = frozenset(
    "spokesman spokeswoman spokesperson minister president premier chancellor chief commander "
    "general secretary ambassador envoy official head director leader mayor governor senator "
    "representative aide adviser advisor lawyer king queen prince chairman chairwoman".split()
)
TITLE_WORDS = frozenset(
    "lt lt. lieut gen gen. col col. maj maj. capt capt. sgt sgt. adm adm. mr mr. mrs mrs. ms ms. "
    "dr dr. prof prof. sen sen. rep rep. gov gov. pres pres. hon sir lieutenant general colonel "
    "major captain sergeant admiral president former deputy vice prime minister foreign defence "
    "defense interior spokesman spokeswoman spokesperson mayor governor senator chief secretary "
    "ambassador commander chancellor premier king queen prince state army".split()
)
TITLE_STEMS = frozenset(w.rstrip(".") for w in TITLE_WORDS)
ANONYMOUS_HEADS = frozenset(
    "official officials source sources analyst analysts expert experts observer observers "
    "diplomat diplomats insider insiders witness witnesses someone people person aide aides "
    "report reports media outlet outlets".split()
)
GROUP_HEADS = frozenset(
    "protester protesters resident residents voter voters activist activists critic critics "
    "supporter supporters opponent opponents rebel rebels separatist separatists militant "
    "militants soldier soldiers troops forces villager villagers locals workers side sides".split()
)
ORG_HEADS = frozenset(
    "ministry department government army military staff command agency committee council "
    "office party campaign administration police service forces navy court commission "
    "embassy company newspaper network union bank parliament kremlin pentagon".split()
)
PRONOUNS = {
    "he": "person",
    "she": "person",
    "him": "person",
    "her": "person",
    "i": "person",
    "they": "body",
    "it": "body",
    "we": "body",
}
COUNTRIES = {
    "russia": ("Russia", "Russian"),
    "ukraine": ("Ukraine", "Ukrainian"),
    "united states": ("United States", "US"),
    "us": ("United States", "US"),
    "u.s.": ("United States", "US"),
    "america": ("United States", "US"),
    "china": ("China", "Chinese"),
    "israel": ("Israel", "Israeli"),
    "iran": ("Iran", "Iranian"),
    "britain": ("United Kingdom", "British"),
    "united kingdom": ("United Kingdom", "British"),
    "uk": ("United Kingdom", "British"),
    "france": ("France", "French"),
    "germany": ("Germany", "German"),
    "poland": ("Poland", "Polish"),
    "turkey": ("Turkey", "Turkish"),
    "syria": ("Syria", "Syrian"),
    "belarus": ("Belarus", "Belarusian"),
    "nato": ("NATO", "NATO"),
}
DEMONYMS = {adj.lower(): country for country, adj in COUNTRIES.values()}
DEMONYMS.update({"american": "United States", "u.s.": "United States"})
CAPITALS = {
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
}
_SPELLING = {
    "defense": "Defence",
    "mod": "Defence Ministry",
    "moD": "Defence Ministry",
    "ministry": "Ministry",
}
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_NON_WORD = re.compile(r"[^\w\s]")


@dataclass(frozen=True, slots=True)
class Claimant:
    name: str | None
    kind: ClaimantKind
    role: str | None = None
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """What one source span says of its claimant; plain data, so parses can be freed."""

    position: int
    text: str
    pronoun: str | None = None
    anonymous: bool = False
    person: str | None = None
    body: str | None = None
    body_kind: ClaimantKind = "organization"
    role: str | None = None
    head: str = ""
    description: bool = False
    group: bool = False


@dataclass(frozen=True, slots=True)
class Named:
    """A person named anywhere in the article, with the role its titles give."""

    position: int
    person: str
    role: str | None
    body: str | None


def claimant_key(name: str) -> str:
    """Lookup key under which spellings of one claimant meet ("Russia's MoD", "the Russian
    Defense Ministry" → "russian defence ministry")."""
    canonical = canonical_name(name)
    return " ".join(_NON_WORD.sub(" ", canonical.lower()).split())


def canonical_name(text: str) -> str:
    """One spelling per body: British "Defence", "Ministry of X of Y" → "Yian X Ministry",
    possessive countries as adjectives, no leading article."""
    words = text.replace("’", "'").split()
    while words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    if not words:
        return text.strip()
    joined = " ".join(words)
    joined = re.sub(r"\b[Dd]efen[cs]e\b", "Defence", joined)
    joined = re.sub(r"\bMoD\b|\bMOD\b", "Defence Ministry", joined)
    m = re.match(r"(?i)^ministry of (\w+(?: \w+)?)(?: of (?:the )?(.+))?$", joined)
    if m:
        subject, country = m.group(1), m.group(2)
        joined = f"{subject.title()} Ministry"
        if country:
            joined = f"{_adjective(country)} {joined}"
    m = re.match(r"^([A-Z][\w.]*(?: [A-Z][\w.]*)*)'s? (.+)$", joined)
    if m:
        owner = m.group(1)
        joined = f"{_adjective(owner) if owner.lower() in COUNTRIES else owner} {m.group(2)}"
    joined = re.sub(r"(?i)\bministry\b", "Ministry", joined)
    joined = re.sub(r"(?i)\bgeneral staff\b", "General Staff", joined)
    return _POSSESSIVE.sub("", joined).strip()


def country_name(text: str) -> str | None:
    low = text.lower().removeprefix("the ").strip()
    if low in COUNTRIES:
        return COUNTRIES[low][0]
    if low in CAPITALS:
        return CAPITALS[low]
    return None


def _adjective(country: str) -> str:
    entry = COUNTRIES.get(country.lower().removeprefix("the "))
    return entry[1] if entry else country


def describe(span: Span, position: int) -> Mention:
    """Reads one source span."""
    root = span.root
    text = span.text
    low = text.lower()
    if len(span) == 1 and root.pos_ == "PRON":
        return Mention(position, text, pronoun=root.lower_)
    persons = [e for e in span.ents if e.label_ == "PERSON" and not _only_titles(e)]
    orgs = [e for e in span.ents if e.label_ in ("ORG", "NORP", "GPE")]
    role = _role(span, persons)
    if not persons and role is not None:
        persons = _name_after_role(span) or _appositive_name(span)
    person = _strip_titles(persons[0]) if persons else None
    body, body_kind = _body(span, orgs, persons, role)
    head = root.lemma_.lower()
    if person is None and body is None:
        if head in ANONYMOUS_HEADS or low in ("sources", "officials"):
            return Mention(position, text, anonymous=True, head=head, role=role)
        if head in GROUP_HEADS or (root.tag_ in ("NNS", "NNPS") and head not in ORG_HEADS):
            return Mention(position, text, group=True, body=canonical_name(text), head=head)
        return Mention(position, text, head=head, role=role, description=_is_description(span))
    return Mention(
        position, text, person=person, body=body, body_kind=body_kind, role=role, head=head
    )


def _name_after_role(span: Span) -> list[Span]:
    """'General Staff spokesman Pavel Orlov': the proper nouns after the role word are a name the
    entity recogniser missed."""
    for tok in span:
        if tok.lower_ in ROLE_WORDS:
            names = [t for t in span[tok.i - span.start + 1 :] if t.pos_ == "PROPN"]
            names = [t for t in names if t.lower_.rstrip(".") not in TITLE_STEMS]
            if len(names) >= 2 and names[-1].i - names[0].i == len(names) - 1:
                return [span.doc[names[0].i : names[-1].i + 1]]
    return []


def _only_titles(ent: Span) -> bool:
    return all(t.is_punct or t.lower_.rstrip(".") in TITLE_STEMS for t in ent)


def _appositive_name(span: Span) -> list[Span]:
    """'The mayor of Lenne, Marta Kovac,': a proper-noun appositive names the role holder even when
    the entity recogniser took it for a place."""
    for tok in span:
        if tok.dep_ == "appos" and tok.pos_ == "PROPN":
            start = min([tok.i] + [c.i for c in tok.lefts if c.pos_ == "PROPN"])
            if tok.i > start:
                return [span.doc[start : tok.i + 1]]
    return []


def _is_description(span: Span) -> bool:
    first = span[0]
    return (
        first.lower_ in ("the", "this", "that", "its", "his", "her", "their")
        or first.dep_ == "poss"
    )


def _role(span: Span, persons: list[Span]) -> str | None:
    inside = {t.i for p in persons for t in p}
    words = []
    for tok in span:
        if tok.i in inside:
            continue
        low = tok.lower_
        if low == "general" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "staff":
            continue  # the General Staff is a body, not a rank
        if low in ROLE_WORDS or tok.lemma_.lower() in ROLE_WORDS:
            prev = tok.doc[tok.i - 1] if tok.i > span.start else None
            prefix = "former " if prev is not None and prev.lower_ == "former" else ""
            if low == "minister" and prev is not None and prev.lower_ in ("prime", "foreign"):
                prefix += prev.lower_ + " "
            words.append(prefix + tok.lemma_.lower())
    if not words:
        return None
    spokes = [w for w in words if w in SPOKES_ROLES]
    return "spokesman" if spokes else words[0]


def _strip_titles(person: Span) -> str:
    tokens = [t for t in person if not t.is_punct or t.text == "-"]
    while len(tokens) > 1 and tokens[0].lower_.rstrip(".") in TITLE_STEMS:
        tokens = tokens[1:]
    name = " ".join(t.text for t in tokens)
    return _POSSESSIVE.sub("", name).strip()


def _body(
    span: Span, orgs: list[Span], persons: list[Span], role: str | None
) -> tuple[str | None, ClaimantKind]:
    """The organisation or country in the span, if any; its name runs up to the role word."""
    person_ids = {t.i for p in persons for t in p}
    org_tokens: list[Token] = []
    for tok in span:
        if tok.i in person_ids:
            break
        if tok.lower_ in SPOKES_ROLES or (role and tok.lower_ == role.split()[-1]):
            break
        if tok.lower_ in TITLE_WORDS - {"defence", "defense", "foreign", "interior", "army"} and (
            tok.lower_ != "general"
            or tok.i + 1 < span.end
            and span.doc[tok.i + 1].lower_ != "staff"
        ):
            if org_tokens:
                break
            continue
        org_tokens.append(tok)
    while org_tokens and org_tokens[0].lower_ in ("the", "a", "an", ","):
        org_tokens = org_tokens[1:]
    while org_tokens and org_tokens[-1].is_punct:
        org_tokens = org_tokens[:-1]
    if not org_tokens:
        return None, "organization"
    text = span.doc[org_tokens[0].i : org_tokens[-1].i + 1].text
    if persons and len(org_tokens) == len(span):
        return None, "organization"
    has_org_word = any(t.lemma_.lower() in ORG_HEADS for t in org_tokens)
    country = country_name(text)
    if country and not has_org_word:
        return country, "country"
    if has_org_word or orgs:
        if not has_org_word and all(o.label_ == "NORP" for o in orgs):
            return None, "organization"
        return canonical_name(text), "organization"
    return None, "organization"


class ClaimantResolver:
    """Resolves an article's mentions once its whole text has been read."""

    def __init__(self) -> None:
        self.named: list[Named] = []
        self.spokes: dict[str, str] = {}
        self.bodies: list[str] = []

    def observe(self, doc: Doc, offset: int) -> None:
        """Records every named person with the titles before the name ("Former President Dmitry
        Medvedev"), so descriptions can find them even when the name comes later."""
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            start = ent.start
            while start > 0 and doc[start - 1].lower_.rstrip(".") in TITLE_STEMS:
                start -= 1
            lead = doc[max(0, start - 6) : ent.end]
            role = _role(lead, [ent])
            self.named.append(Named(ent.start_char + offset, _strip_titles(ent), role, None))

    def resolve(self, mentions: list[Mention | None]) -> list[Claimant]:
        """Claimants for mentions in text order (None: no source)."""
        out: list[Claimant] = []
        history: list[tuple[int, Claimant, Mention]] = []
        for m in mentions:
            claimant = self._resolve_one(m, history)
            out.append(claimant)
            if m is not None and claimant.name is not None:
                history.append((m.position, claimant, m))
        return out

    def _resolve_one(
        self, m: Mention | None, history: list[tuple[int, Claimant, Mention]]
    ) -> Claimant:
        if m is None or m.anonymous:
            return Claimant(None, "anonymous", role=m.role if m else None)
        if m.pronoun is not None:
            return self._pronoun(m, history)
        if m.person is None and m.role is not None and m.role not in SPOKES_ROLES:
            found = self._description(m, history)  # "Russia's former president"
            if found is not None:
                return found
        if m.person is not None or m.body is not None:
            return self._named(m)
        if m.group:
            return Claimant(m.body, "group")
        if m.description:
            found = self._description(m, history)
            if found is not None:
                return found
        if m.role is not None and m.head in ROLE_WORDS:
            return Claimant(None, "anonymous", role=m.role)
        full = self._full(m.text)
        if full != m.text:  # a surname the recogniser did not take for a person
            return self._named(replace(m, person=m.text))
        return Claimant(canonical_name(m.text), "organization" if m.head in ORG_HEADS else "person")

    def _named(self, m: Mention) -> Claimant:
        if m.person is not None and m.body is not None and m.role in SPOKES_ROLES:
            body = self._full_body(m.body)
            self.spokes[m.person] = body
            return Claimant(body, m.body_kind, role="spokesman", speaker=m.person)
        if m.person is not None:
            if m.person in self.spokes or _surname(m.person) in self.spokes:
                body = self.spokes.get(m.person) or self.spokes[_surname(m.person)]
                return Claimant(
                    body, "organization", role="spokesman", speaker=self._full(m.person)
                )
            if " " in m.person and all(n.person != m.person for n in self.named):
                self.named.append(Named(m.position, m.person, m.role, None))
            return Claimant(
                self._full(m.person), "person", role=m.role or self._named_role(m.person)
            )
        assert m.body is not None
        return Claimant(self._full_body(m.body), m.body_kind, role=m.role)

    def _full_body(self, body: str) -> str:
        """'General Staff' → 'Eastern Federation General Staff' once the article has named it."""
        for known in reversed(self.bodies):
            if known != body and known.endswith(" " + body):
                return known
        self.bodies.append(body)
        return body

    def _full(self, person: str) -> str:
        """'Medvedev' → 'Dmitry Medvedev' when the article names him in full."""
        if " " in person:
            return person
        for named in self.named:
            if named.person.split()[-1] == person and " " in named.person:
                return named.person
        return person

    def _named_role(self, person: str) -> str | None:
        full = self._full(person)
        return next((n.role for n in self.named if n.person == full and n.role), None)

    def _pronoun(self, m: Mention, history: list[tuple[int, Claimant, Mention]]) -> Claimant:
        wants_person = PRONOUNS.get(m.pronoun or "", "person") == "person"
        for _, claimant, _mention in reversed(history):
            is_person = claimant.kind == "person" or claimant.speaker is not None
            if wants_person == is_person:
                return claimant
        return Claimant(None, "person" if wants_person else "organization")

    def _description(
        self, m: Mention, history: list[tuple[int, Claimant, Mention]]
    ) -> Claimant | None:
        head = m.head
        spokes = head in SPOKES_ROLES
        for _, claimant, _mention in reversed(history):
            if spokes and claimant.role == "spokesman":
                return claimant
            if claimant.name and head and head in claimant.name.lower().split():
                return claimant
            if claimant.role and head and head in claimant.role.split():
                return claimant
        wanted = m.role or head
        for named in sorted(self.named, key=lambda n: abs(n.position - m.position)):
            if named.role and wanted and wanted.split()[-1] in named.role.split():
                if "former" in m.text.lower() and "former" not in named.role:
                    continue
                return Claimant(named.person, "person", role=named.role)
        return None


def _surname(person: str) -> str:
    return person.split()[-1]
