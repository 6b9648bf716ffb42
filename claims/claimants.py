"""Who makes a claim: one canonical claimant however the article writes it.

A source span is first read into plain data (`Mention`): a named person with titles split off, a
body (ministry, army, country), a role ("spokesman", "former president"), a pronoun, a definite
description ("the ministry", "the Russian spokesperson") or anonymous sources. The article's
resolver then turns mentions into claimants with the whole article in view, so that "he", "the
spokesman" or "Russia's former president" resolve to the named claimant they refer to. A spokesman
speaking for a body is reported under the body, with the person as `speaker`.

Decisions where the contract is silent: an unresolved role ("the governor said", no governor named)
is a person with that role and no name, not an anonymous source; an unresolved body description
("the army said") keeps its words as the name; a statement speaks for whoever spoke last, while
reports, polls and studies name nobody (anonymous); a government speaks as its country; several
people at once ("Obama and Clinton") are a group.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Generic, Literal, TypeVar

from spacy.tokens import Doc, Span, Token

from claims.canonical import (
    adjective,
    canonical_name,
    claimant_key,
    country_name,
    country_of_adjective,
)
from claims.model import ClaimantKind
from claims.places import left_town, place_key
from claims.titles import (
    ROLE_HEADS,
    is_spokes,
    is_title_word,
    normal_word,
    role_of,
    split_title,
)

__all__ = [
    "Claimant",
    "ClaimantResolver",
    "Mention",
    "canonical_name",
    "claimant_key",
    "describe",
]

ANONYMOUS_HEADS = frozenset(
    "official source analyst expert observer diplomat insider witness someone people person "
    "report media outlet rumour rumor claim speculation account".split()
)
GROUP_HEADS = frozenset(
    "protester resident voter activist critic supporter opponent rebel separatist militant "
    "soldier troop villager local worker demonstrator refugee survivor family relative parent "
    "student doctor nurse farmer volunteer fighter civilian citizen lawmaker legislator "
    "democrat republican conservative liberal".split()
)
ORG_HEADS = frozenset(
    "ministry department government army military staff command agency committee council "
    "office party campaign administration police service force navy court commission embassy "
    "company newspaper network union bank parliament kremlin pentagon cabinet presidency "
    "headquarters guard brigade battalion regiment division unit corps mission organisation "
    "organization group coalition alliance authority authorities regime junta cabinet "
    "prosecutor's duma senate congress assembly ministries panel bloc body board institute "
    "foundation association federation league commission project".split()
)
_PLACE_BODIES = frozenset(
    "hospital clinic hotel club school university airport port railway resort mine".split()
)
"""Places that speak through a spokesperson of their own: "a hospital spokeswoman"."""
DOCUMENT_HEADS = frozenset(
    "statement communique communiqué post tweet message bulletin briefing letter update release "
    "announcement summary readout digest report notice".split()
)
"""A document speaks for whoever issued it: "the statement said"."""
EVIDENCE_HEADS = frozenset(
    "poll study survey paper record email document figure data statistic estimate analysis "
    "review investigation article book ad advertisement footage video photo image slide chart "
    "map filing complaint lawsuit ruling decision memo transcript tally count census".split()
)
"""Things that show rather than claim: they name nobody, so their claims are anonymous."""
PERSON_NOUNS = frozenset(
    "man woman boy girl businessman businesswoman nominee candidate questioner author writer "
    "reporter journalist columnist host anchor professor scientist researcher economist "
    "historian doctor physician nurse teacher lawyer mother father son daughter wife husband "
    "brother sister victim survivor owner founder resident soldier commander pilot "
    "spokesperson".split()
)
"""Common nouns for one person: "the New York businessman" is a person nobody named."""
PRONOUNS: dict[str, Literal["person", "body"]] = {
    "he": "person",
    "she": "person",
    "him": "person",
    "her": "person",
    "i": "person",
    "they": "body",
    "it": "body",
    "we": "body",
    "its": "body",
    "his": "person",
    "their": "body",
}
DETERMINERS = frozenset(
    "the a an this that these those its his her their our some several many two three".split()
)
_SPLIT = frozenset({",", "—", "–", "(", ")", ";"})
_RELATIVE = frozenset({"who", "which", "that", "whose", "whom", "where"})

_RELATIVE_TAIL = re.compile(r",\s*(?:" + "|".join(sorted(_RELATIVE - {"that", "where"})) + r")\b")
"""A relative clause set off after a name (", who asked not to be named"): no part of it."""
T = TypeVar("T")
COUNTRY_KEY = " country"  # not a word: countries filed for "the country" to find
MentionKind = Literal[
    "pronoun", "anonymous", "person", "body", "description", "group", "document", "unknown"
]


@dataclass(frozen=True, slots=True)
class Claimant:
    name: str | None
    kind: ClaimantKind
    role: str | None = None
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """What one source span says of its claimant; plain data, so parses can be freed.

    `body` is a canonical body name, or when `body_described` the words of a description to
    resolve ("ministry", "army"); `country` is a nationality that narrows a description
    ("the Russian spokesperson")."""

    position: int
    text: str
    kind: MentionKind
    pronoun: str | None = None
    person: str | None = None
    role: str | None = None
    body: str | None = None
    body_kind: ClaimantKind = "organization"
    body_described: bool = False
    country: str | None = None
    head: str = ""


@dataclass(frozen=True, slots=True)
class Named:
    """A person named anywhere in the article, with what the words around the name say."""

    position: int
    person: str
    role: str | None
    body: str | None
    body_described: bool
    country: str | None
    subject: bool


@dataclass(frozen=True, slots=True)
class _Part:
    """One comma-separated piece of a source: "Konashenkov" | "the ministry's spokesman"."""

    kind: MentionKind
    person: str | None = None
    role: str | None = None
    body: str | None = None
    body_kind: ClaimantKind = "organization"
    body_described: bool = False
    country: str | None = None
    head: str = ""
    text: str = ""


def describe(span: Span, position: int) -> Mention:
    """Reads one source span (`position`: its offset in the article)."""
    core = _core(span)
    if core is None:
        return Mention(position, span.text, "unknown")
    text = core.text
    if len(core) == 1 and core[0].lower_ in PRONOUNS:
        return Mention(position, text, "pronoun", pronoun=core[0].lower_)
    if core[0].pos_ == "PRON" and core.root.pos_ == "PRON":  # "someone", "some", "not everyone"
        return Mention(position, text, "anonymous")
    if _coordinated(core):
        name = _group_name(core)
        return Mention(position, text, "group", body=name, body_kind="group")
    parts = [_read_part(p) for p in _parts(core)]
    if not parts:
        return Mention(position, text, "unknown")
    # the piece that names someone leads: "the election, Minyon Moore, a senior adviser"
    lead = next(
        (n for n, p in enumerate(parts) if p.kind == "person"),
        next((n for n, p in enumerate(parts) if p.kind != "unknown"), 0),
    )
    merged = parts[lead]
    for n, other in enumerate(parts):
        if n != lead:
            merged = _merge(merged, other)
    return Mention(
        position,
        text,
        merged.kind,
        person=merged.person,
        role=merged.role,
        body=merged.body,
        body_kind=merged.body_kind,
        body_described=merged.body_described,
        country=merged.country,
        head=merged.head,
    )


def _core(span: Span) -> Span | None:
    """The span without edge punctuation, white space or a headline glued before a line break."""
    doc = span.doc
    start, end = span.start, span.end
    for tok in span:
        if tok.is_space and "\n" in tok.text:
            start = tok.i + 1
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end] if end > start else None


def _coordinated(core: Span) -> bool:
    """'Obama and Clinton', 'the Republican nominee and his aides': several claimants at once."""
    root = core.root
    return any(
        c.dep_ == "conj" and core.start <= c.i < core.end and c.pos_ in ("PROPN", "NOUN", "PRON")
        for c in root.children
    ) and any(c.dep_ == "cc" and c.lower_ in ("and", "&") for c in root.children)


def _parts(core: Span) -> list[Span]:
    """Comma-separated pieces; a relative clause ("who spoke on condition of anonymity") ends the
    source."""
    doc = core.doc
    parts: list[Span] = []
    start = core.start
    for tok in core:
        if tok.text in _SPLIT:
            if tok.i > start:
                parts.append(doc[start : tok.i])
            start = tok.i + 1
    if start < core.end:
        parts.append(doc[start : core.end])
    kept: list[Span] = []
    for part in parts:
        if part[0].lower_ in _RELATIVE:
            break
        kept.append(part)
    return kept[:3]


def _read_part(part: Span) -> _Part:
    words = _drop_determiners(list(part))
    if not words:
        return _Part("unknown", text=part.text)
    doc = part.doc
    span = doc[words[0].i : words[-1].i + 1]
    root = span.root
    head = root.lemma_.lower()
    text = span.text
    person_ent = _person_in(span)
    if person_ent is not None and not _is_owner(person_ent, root):
        return _person_part(span, person_ent, head)
    if len(span) == 1 and span[0].pos_ == "PRON":
        return _Part("pronoun", head=head, text=text)
    if head in ANONYMOUS_HEADS or root.lower_ in ("sources", "officials", "people"):
        role = head if head in ROLE_HEADS or head in ("source", "analyst", "expert") else None
        return _Part("anonymous", role=role, head=head, text=text)
    if normal_word(root.text) in ROLE_HEADS and root.ent_type_ not in ("ORG", "GPE"):
        return _role_part(span, root)
    if head in DOCUMENT_HEADS:
        return _document_part(span, root)
    if head in EVIDENCE_HEADS:  # "a new poll", "the study", "recent polls": nobody to name
        return _Part("anonymous", head=head, text=text)
    if head in ("country", "nation") and root.tag_ == "NN":  # "the country": one named before
        return _Part("body", body=head, body_kind="country", body_described=True, text=text)
    if head == "government" and root.tag_ == "NN":  # a government speaks as its country
        country = _nationality(list(span)) or _owner_country(root)
        if country is not None:
            return _Part("body", body=country, body_kind="country", head=head, text=text)
        if root.ent_type_ not in ("ORG", "GPE"):
            return _Part("body", body=head, body_kind="country", body_described=True, text=text)
    if root.ent_type_ == "NORP" or head in GROUP_HEADS and root.ent_type_ not in ("ORG", "GPE"):
        if root.tag_ in ("NN", "NNP") and root.ent_type_ != "NORP":  # "a local resident"
            return _Part("description", role=head, head=head, text=text)
        return _Part("group", body=_group_name(span), body_kind="group", head=head, text=text)
    country = country_name(text)
    if country is not None:
        return _Part("body", body=country, body_kind="country", head=head, text=text)
    if root.ent_type_ in ("ORG", "GPE", "LOC", "FAC") or head in ORG_HEADS:
        return _body_part(span, root)
    if root.tag_ in ("NNS", "NNPS") and root.pos_ == "NOUN":
        return _Part("group", body=_group_name(span), body_kind="group", head=head, text=text)
    if root.pos_ == "PROPN":
        run = _propn_run(span, root)
        if run.isupper() and len(run) > 1:  # "CNS", "C2I": an acronym is a body
            return _Part("body", body=run, head=head, text=text)
        name, role = split_title(run)
        return _Part("person", person=name, role=role, head=head, text=text)
    if head in PERSON_NOUNS:  # "the New York businessman": someone not named
        return _Part("description", role=head, head=head, text=text)
    if root.pos_ in ("NOUN", "PROPN"):  # "the article", "the footage": no one to name
        return _Part("anonymous", head=head, text=text)
    return _Part("unknown", body=canonical_name(text), head=head, text=text)


def _drop_determiners(tokens: list[Token]) -> list[Token]:
    """Without leading determiners and adverbs ("the", "Even China", "But the ministry")."""
    while tokens and (
        tokens[0].lower_ in DETERMINERS
        or tokens[0].is_punct
        or tokens[0].pos_ in ("ADV", "CCONJ", "SCONJ", "INTJ")
    ):
        if tokens[0].lower_ in ("two", "three", "some", "several", "many") and len(tokens) == 1:
            break
        tokens = tokens[1:]
    return tokens


def _person_in(span: Span) -> Span | None:
    """The person named in the span: a PERSON entity not made of titles only, or a run of proper
    nouns after a role word ("spokesman Pavel Orlov") the recogniser missed."""
    for ent in span.ents:
        if ent.label_ == "PERSON" and not all(t.is_punct or is_title_word(t.text) for t in ent):
            return ent
    doc = span.doc
    for tok in span:
        if normal_word(tok.text) in ROLE_HEADS | {"press"}:
            run = list(doc[tok.i + 1 : span.end])
            names: list[Token] = []
            for t in run:
                if t.pos_ == "PROPN" and not is_title_word(t.text) and t.ent_type_ != "ORG":
                    names.append(t)
                elif names or not (t.pos_ == "PROPN" or t.is_punct):
                    break
            if len(names) >= 2 and names[-1].i - names[0].i == len(names) - 1:
                return doc[names[0].i : names[-1].i + 1]
    return None


def _is_owner(person: Span, root: Token) -> bool:
    """'Zelensky's office': the person owns the body that speaks."""
    return root.i >= person.end


def _person_part(span: Span, person: Span, head: str) -> _Part:
    doc = span.doc
    name, own_role = split_title(person.text)
    before = list(doc[span.start : person.start])
    after = list(doc[person.end : span.end])
    role = role_of([t.text for t in before]) or own_role
    body, body_kind, described, country = _owner_of(before, role)
    if role is not None and after:
        tail = role_of([t.text for t in after])
        role = tail or role
    return _Part(
        "person",
        person=name,
        role=role,
        body=body,
        body_kind=body_kind,
        body_described=described,
        country=country,
        head=head,
        text=span.text,
    )


def _owner_of(
    tokens: list[Token], role: str | None
) -> tuple[str | None, ClaimantKind, bool, str | None]:
    """(body, kind, described, country) of the words before a role: "Russian Defense Ministry
    Spokesman" → Russian Defence Ministry; "Ukrainian President" → country Ukraine; "the
    ministry's spokesman" → the described body "ministry"."""
    kept: list[Token] = []
    for tok in tokens:
        if tok.is_punct and tok.text not in ("'s", "’s", "'", "’", "."):
            continue
        if _role_start(tok):
            break
        kept.append(tok)
    kept = _drop_determiners(kept)
    owner_end = max((n for n, t in enumerate(kept) if t.lower_ in ("'s", "’s")), default=None)
    if owner_end is not None:
        kept = kept[:owner_end]  # "the ministry's second spokesman": "second" is the role's
    while kept and kept[-1].lower_ in ("'s", "’s", "'", "’"):
        kept = kept[:-1]
    if not kept:
        return None, "organization", False, None
    doc = kept[0].doc
    text = doc[kept[0].i : kept[-1].i + 1].text
    country = _nationality(kept)
    orgish = any(
        t.ent_type_ == "ORG" or t.lemma_.lower() in ORG_HEADS or t.lower_ in ORG_HEADS for t in kept
    )
    if not orgish:
        if country is not None and all(_country_word(t) for t in kept):
            return None, "organization", False, country  # a nationality: "Russian spokesperson"
        if is_spokes(role) and any(t.pos_ == "PROPN" for t in kept):
            return canonical_name(text), "organization", False, country
        return None, "organization", False, country
    described = not any(t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "NORP", "GPE") for t in kept)
    name = " ".join(t.lemma_.lower() for t in kept) if described else canonical_name(text)
    return name, "organization", described, country


def _role_start(tok: Token) -> bool:
    low = normal_word(tok.text)
    if low in ROLE_HEADS and not (
        low == "general" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "staff"
    ):
        return True
    if low in ("former", "deputy", "vice", "acting", "interim", "press"):
        return True
    return (
        low in ("prime", "foreign")
        and tok.i + 1 < len(tok.doc)
        and (normal_word(tok.doc[tok.i + 1].text) in ROLE_HEADS)
    )


def _role_part(span: Span, root: Token) -> _Part:
    """A role with no name yet: "the Russian spokesperson", "a spokesman for the ministry",
    "Russia's former president", "the mayor of Lenne"."""
    doc = span.doc
    words = [t.text for t in doc[span.start : root.i + 1]]
    role = role_of(words) or normal_word(root.text)
    before = list(doc[span.start : root.i])
    body, body_kind, described, country = _owner_of(before, role)
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ in ("for", "of", "at", "from"):
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and (
                obj.ent_type_ in ("ORG", "GPE") or obj.lemma_.lower() in ORG_HEADS
            ):
                sub = _read_part(doc[obj.left_edge.i : obj.right_edge.i + 1])
                if sub.kind == "body":
                    body, body_kind = sub.body, sub.body_kind
                    described, country = sub.body_described, sub.country or country
                    if body_kind == "country":
                        country = body
    return _Part(
        "description",
        role=role,
        body=body,
        body_kind=body_kind,
        body_described=described,
        country=country,
        head=normal_word(root.text),
        text=span.text,
    )


def _document_part(span: Span, root: Token) -> _Part:
    """'the ministry's statement', 'a statement from the army', 'reports' (anonymous)."""
    doc = span.doc
    for child in root.children:
        owner: Token | None = None
        if child.dep_ == "poss":
            owner = child
        elif child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
            owner = next((c for c in child.children if c.dep_ == "pobj"), None)
        if owner is not None:
            sub = _read_part(doc[owner.left_edge.i : owner.i + 1])
            if sub.kind in ("body", "person"):
                return sub
    if root.tag_ in ("NNS", "NNPS") or span[0].lower_ in ("a", "an"):
        return _Part("anonymous", head=root.lemma_.lower(), text=span.text)
    return _Part("document", head=root.lemma_.lower(), text=span.text)


def _body_part(span: Span, root: Token) -> _Part:
    doc = span.doc
    end = min(_name_end(root), span.end - 1) + 1
    words = _drop_determiners(list(doc[span.start : end]))
    text = doc[words[0].i : words[-1].i + 1].text if words else span.text
    country = _nationality(words)
    if root.ent_type_ in ("GPE", "LOC") and not any(t.lemma_.lower() in ORG_HEADS for t in words):
        return _Part("body", body=canonical_name(text), body_kind="country", head="", text=text)
    described = not any(t.pos_ == "PROPN" or t.ent_type_ for t in words)
    if described:
        name = " ".join(normal_word(t.text) for t in words)
        return _Part(
            "body",
            body=name,
            body_described=True,
            country=country,
            head=root.lemma_.lower(),
            text=text,
        )
    return _Part(
        "body", body=canonical_name(text), country=country, head=root.lemma_.lower(), text=text
    )


def _name_end(root: Token) -> int:
    """Where a body's name ends: its "of"/"on"/"for" phrases of capitalised words belong to it
    ("Ministry of Defence of Russia", "Commission on Presidential Debates"), a clause after it
    does not ("the United Nations body dedicated to ...")."""
    end = root.i
    for child in root.rights:
        if child.dep_ != "prep" or child.lower_ not in ("of", "on", "for"):
            break
        words = list(child.subtree)[1:]
        if not words or not all(
            t.is_title or t.is_upper or t.lower_ in ("the", "of", "and", "for", "on") for t in words
        ):
            break
        end = child.right_edge.i
    return end


def _owner_country(root: Token) -> str | None:
    """'the government of Ukraine' → Ukraine."""
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return country_name(obj.doc[obj.left_edge.i : obj.i + 1].text)
    return None


def _nationality(tokens: list[Token]) -> str | None:
    for tok in tokens:
        country = country_of_adjective(tok.text) or country_name(tok.text)
        if country is not None:
            return country
    return None


def _country_word(tok: Token) -> bool:
    return (
        country_of_adjective(tok.text) is not None
        or country_name(tok.text) is not None
        or tok.lower_ in ("'s", "’s", "the")
    )


def _group_name(span: Span) -> str:
    """'Local residents' → 'local residents'; proper words keep their capitals ('Democrats'); no
    clause after the noun ('Americans worried about ...' → 'Americans')."""
    ids = _noun_phrase_ids(span.root, span)
    words = _drop_determiners([t for t in span if t.i in ids])
    return " ".join(t.text if t.pos_ == "PROPN" or t.ent_type_ else t.lower_ for t in words)


def _noun_phrase_ids(root: Token, span: Span) -> set[int]:
    """The words of a noun phrase that name it: modifiers before the noun, conjoined nouns ("Mr.
    Grassley and Mr. Leahy") and name-like "of"/"on"/"in" phrases ("Republicans on the House
    Financial Services Committee"); not clauses, appositives or other phrases after it."""
    ids = {t.i for t in root.lefts for t in t.subtree if t.dep_ != "punct"} | {root.i}
    for child in root.rights:
        if child.dep_ in ("cc",):
            ids.add(child.i)
        elif child.dep_ == "conj":
            ids |= _noun_phrase_ids(child, span)
        elif child.dep_ == "prep" and child.lower_ in ("of", "on", "in", "for", "at"):
            words = list(child.subtree)[1:]
            if words and all(
                t.is_title or t.is_upper or t.lower_ in ("the", "of", "and", "for", "on")
                for t in words
            ):
                ids |= {t.i for t in child.subtree}
    return {i for i in ids if span.start <= i < span.end}


def _propn_run(span: Span, root: Token) -> str:
    start = root.i
    while start > span.start and span.doc[start - 1].pos_ == "PROPN":
        start -= 1
    return span.doc[start : root.i + 1].text


def _merge(a: _Part, b: _Part) -> _Part:
    """An appositive adds to the first piece: "Konashenkov, the ministry's spokesman"; "the mayor
    of Lenne, Marta Kovac"."""
    if a.kind in ("anonymous", "group", "document", "pronoun"):
        return a
    if a.kind == "person" and b.kind in ("description", "body"):
        role = b.role or a.role
        if b.kind == "description":
            return replace(
                a,
                role=role,
                body=b.body or a.body,
                body_kind=b.body_kind if b.body else a.body_kind,
                body_described=b.body_described if b.body else a.body_described,
                country=b.country or a.country,
            )
        return a
    if a.kind == "description" and b.kind in ("person", "unknown", "body") and (b.person or b.body):
        # a proper name in apposition to a role names its holder, even when the recogniser
        # took it for a place ("the mayor of Lenne, Marta Kovac")
        if b.kind == "body" and (b.body_kind != "country" or country_name(b.text) is not None):
            return a
        name = b.person or _name_like(b.text)
        if name is None:
            return a
        return replace(a, kind="person", person=name)
    return a


def _name_like(text: str) -> str | None:
    words = text.split()
    if 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
        return text
    return None


class ClaimantResolver:
    """Resolves an article's mentions once its whole text has been read; one per article.

    Every lookup goes through an index by word and position, so an article's cost stays linear
    in its length."""

    def __init__(self) -> None:
        self.named: list[Named] = []
        self.bodies: list[tuple[int, str]] = []
        self.spokes: dict[str, tuple[str, ClaimantKind]] = {}
        self._body_index = _Nearest[Claimant]()  # bodies under each word of their key
        # "general staff" → [(position, "Eastern Federation General Staff")], in text order
        self._suffixes: dict[str, list[tuple[int, str]]] = {}
        self._roles = _Nearest[tuple[Claimant, str | None]]()  # (person, nationality) by role
        self._speakers = _Nearest[Claimant]()  # spokesmen's claimants under "spokes"
        self._pronouns = _Nearest[Claimant]()  # claimants under "person" / "body"
        self._said = _Nearest[Claimant]()  # every claimant so far, under "any"
        self._full_names: dict[str, str] = {}  # surname → full name
        self._name_counts: Counter[str] = Counter()
        self._first_role: dict[str, str] = {}
        self._people: set[str] = set()
        self._subject_bodies: list[tuple[int, str]] = []  # bodies a sentence is about
        self._scenes: list[tuple[int, tuple[str, ...]]] = []
        self._towns: set[str] = set()  # places the recogniser named, lowercased

    def observe(self, doc: Doc, offset: int) -> None:
        """Records every named person with the words around the name ("Former President Dmitry
        Medvedev", "Konashenkov, the ministry's spokesman") and every named body, so that
        descriptions and surnames can find them wherever the name is."""
        for tok in doc:
            if (
                tok.dep_ == "nsubj"
                and tok.tag_ == "NNS"
                and normal_word(tok.lemma_) in GROUP_HEADS
                and not tok.ent_type_
            ):
                # people a sentence is about: what a later "they" may be
                name = _group_name(doc[tok.left_edge.i : tok.i + 1])
                self._pronouns.add("group", tok.idx + offset, Claimant(name, "group"))
            elif (
                tok.dep_ == "nsubj"
                and tok.tag_ == "NNP"
                and not tok.ent_type_
                and normal_word(tok.lemma_) in ORG_HEADS
                and all(t.tag_ in ("NNP", "DT") for t in doc[tok.left_edge.i : tok.i])
            ):
                # "The Conflict Casualty Project widened its ranges", a name the recogniser
                # missed: what a later "it" may be
                body = doc[tok.left_edge.i : tok.i + 1]
                self._subject_bodies.append((body.start_char + offset, body.text))
        for ent in doc.ents:
            if ent.label_ == "GPE":
                self._towns.add(ent.text.lower())
            if ent.label_ not in ("PERSON", "ORG", "GPE"):
                continue
            phrase = _phrase_around(doc, ent)
            if ent.label_ != "PERSON" and not (len(phrase) > 1 and _misread_name(ent)):
                if ent.label_ == "ORG":
                    self._add_body(ent.start_char + offset, canonical_name(ent.text))
                    if ent.root.dep_ in ("nsubj", "nsubjpass"):
                        # "Skarn Lifts gave a lower toll. ... it said": what "it" may be
                        self._subject_bodies.append((ent.start_char + offset, ent.text))
                continue
            if all(t.is_punct or is_title_word(t.text) for t in ent):
                continue
            part = _read_part(phrase[0])
            if part.kind != "person":  # a name the recogniser took for a place or a body
                part = _Part("person", person=split_title(ent.text)[0])
            for extra in phrase[1:]:
                part = _merge(part, _read_part(extra))
            if part.kind != "person" or part.person is None:
                name, role = split_title(ent.text)
                part = _Part("person", person=name, role=role)
            assert part.person is not None
            self._add_named(
                Named(
                    ent.start_char + offset,
                    part.person,
                    part.role,
                    part.body,
                    part.body_described,
                    part.country,
                    ent.root.dep_ in ("nsubj", "nsubjpass"),
                )
            )
            if is_spokes(part.role) and part.body is not None and not part.body_described:
                self._remember_spokes(part.person, part.body, part.body_kind)
                self._add_body(ent.start_char + offset, part.body)

    def resolve(
        self,
        mentions: list[Mention | None],
        scenes: Sequence[tuple[int, tuple[str, ...]]] = (),
    ) -> list[Claimant]:
        """Claimants for mentions in text order (None: no source). `scenes` are where the text
        turns to places ("In Norrvik, ...", a header "NORRVIK"): (position, place names)."""
        self._scenes = sorted(scenes)
        self._complete_spokes()
        for position, name in self._subject_bodies:
            self._pronouns.add("body", position, Claimant(canonical_name(name), "organization"))
        for n in self.named:
            if n.person in self.spokes:
                self._speakers.add("spokes", n.position, self._named_claimant(n))
            elif n.role is not None:
                self._add_role(n.position, Claimant(n.person, "person", role=n.role), n.country)
            if n.subject:
                self._pronouns.add("person", n.position, self._named_claimant(n))
        return [self._resolve_and_remember(m) for m in mentions]

    def _resolve_and_remember(self, m: Mention | None) -> Claimant:
        claimant = self._resolve_one(m)
        if m is None or (claimant.name is None and claimant.role is None):
            return claimant
        pos = m.position
        self._said.add("any", pos, claimant)
        person = claimant.kind == "person" or claimant.speaker is not None
        self._pronouns.add("person" if person else "body", pos, claimant)
        if claimant.kind == "person" and claimant.name and claimant.role:
            self._add_role(pos, claimant, None)
        if is_spokes(claimant.role) and claimant.name:
            self._speakers.add("spokes", pos, claimant)
        if claimant.name is not None and claimant.kind != "person":
            self._add_body(pos, claimant.name)
        return claimant

    def _resolve_one(self, m: Mention | None) -> Claimant:
        if m is None or m.kind == "anonymous":
            return Claimant(None, "anonymous", role=m.role if m else None)
        if m.kind == "pronoun":
            return self._pronoun(m)
        if m.kind == "person":
            return self._person(m)
        if m.kind == "body":
            if m.body_described:
                found = self._find_body(m.body or m.head, m.country, m.position)
                if found is not None:
                    return replace(found, role=None, speaker=None)
                if m.body == "government":
                    return Claimant("government", "organization")  # none named: as written
                if m.body_kind == "country":
                    return Claimant(None, "anonymous")  # "the country", none named
                return Claimant(m.body or m.text, "organization")  # "ministry": as written
            assert m.body is not None
            if m.body in self._full_names or m.body in self.spokes:
                # "Petrov" taken for a body, after "Ivan Petrov" or "Ivan Petrov, the
                # ministry's spokesman"
                return self._person(replace(m, kind="person", person=m.body))
            return Claimant(self._full_body(m.body, m.position), m.body_kind)
        if m.kind == "description":
            return self._description(m)
        if m.kind == "group":
            return Claimant(m.body or m.text, "group")
        if m.kind == "document":
            found = self._said.find(
                "any", m.position + 1, lambda c: c.name is not None, after=False
            )
            return found or Claimant(None, "anonymous")
        full = self._full(m.text)
        if full != m.text:  # a surname the recogniser did not take for a person
            return self._person(replace(m, kind="person", person=m.text))
        # "One of the whips, who asked not to be named": the relative clause is no part of it
        text = _RELATIVE_TAIL.split(m.text, maxsplit=1)[0]
        return Claimant(canonical_name(text), "organization" if m.head in ORG_HEADS else "person")

    def _person(self, m: Mention) -> Claimant:
        assert m.person is not None
        person = self._full(m.person)
        if " " not in person:
            # "Orlov" after "Pavel Orlov, the General Staff's spokesman"
            person = next((p for p in self.spokes if " " in p and _surname(p) == person), person)
        role = m.role
        if is_spokes(role):
            body = self._spokes_body(m)
            if body is not None:
                self._remember_spokes(person, body.name or "", body.kind)
                return Claimant(body.name, body.kind, role=role, speaker=person)
        known = self.spokes.get(person) or self.spokes.get(_surname(person))
        if known is not None and (role is None or is_spokes(role)):
            spoke_role = self._first_role.get(person) if person in self._first_role else None
            spoke_role = spoke_role if is_spokes(spoke_role) else "spokesman"
            return Claimant(known[0], known[1], role=role or spoke_role, speaker=person)
        if " " in person and person not in self._people:
            # named only in a source the recogniser missed: later surnames can find it
            self._add_named(Named(m.position, person, role, None, False, m.country, True))
        return Claimant(person, "person", role=role or self._first_role.get(person))

    def _spokes_body(self, m: Mention) -> Claimant | None:
        if m.body is not None and not m.body_described:
            return Claimant(self._full_body(m.body, m.position), m.body_kind)
        if m.body is not None:
            return self._find_body(m.body, m.country, m.position)
        known = self.spokes.get(self._full(m.person or ""))
        return Claimant(known[0], known[1]) if known else None

    def _remember_spokes(self, person: str, body: str, kind: ClaimantKind) -> None:
        if not body:
            return
        self.spokes[person] = (body, kind)
        self.spokes.setdefault(_surname(person), (body, kind))

    def _complete_spokes(self) -> None:
        """A spokesman named with a described body ("Konashenkov, the ministry's spokesman") speaks
        for the body of that description named nearest before him."""
        for n in self.named:
            if is_spokes(n.role) and n.body is not None and n.body_described:
                if n.person in self.spokes:
                    continue
                found = self._find_body(n.body, n.country, n.position)
                if found is not None and found.name is not None:
                    self._remember_spokes(n.person, found.name, found.kind)

    def _add_named(self, n: Named) -> None:
        self.named.append(n)
        self._people.add(n.person)
        if " " in n.person:
            # the full name the article uses most for a surname wins ("Barack Obama" over a
            # misread "Derelict Obama"); the first one on a tie
            self._name_counts[n.person] += 1
            surname = _surname(n.person)
            current = self._full_names.get(surname)
            if current is None or self._name_counts[n.person] > self._name_counts[current]:
                self._full_names[surname] = n.person
            self._full_names.setdefault(n.person, n.person)
        if n.role is not None:
            self._first_role.setdefault(n.person, n.role)

    def _add_body(self, position: int, name: str) -> None:
        key = claimant_key(name)
        words = key.split()
        claimant = Claimant(name, "organization")
        for word in set(words):
            self._body_index.add(word, position, claimant)
        if country_name(name) is not None:
            self._body_index.add(COUNTRY_KEY, position, claimant)
        shorts = {" ".join(words[k:]) for k in range(1, len(words))}
        head, of, _ = name.partition(" of ")
        if of and (short := claimant_key(head)) and short != key:
            shorts.add(short)  # "the committee" is the "Committee of Soldiers' Mothers"
        for short in shorts:
            bisect.insort(self._suffixes.setdefault(short, []), (position, name))
        self.bodies.append((position, name))

    def _add_role(self, position: int, claimant: Claimant, country: str | None) -> None:
        assert claimant.role is not None
        self._roles.add(claimant.role.split()[-1], position, (claimant, country))

    def _full_body(self, body: str, position: int) -> str:
        """'General Staff' → 'Eastern Federation General Staff' once the article has named it:
        the nearest full name before the mention. "The Defence Ministry" before "the Northern
        Defence Ministry" is another ministry (the home side's), so it stays as written."""
        named = self._suffixes.get(claimant_key(body))
        if not named:
            return body
        before = [(at, name) for at, name in named if at < position]
        if before and not self._left_town(before[-1], body, position):
            return before[-1][1]
        return body

    def _left_town(self, named: tuple[int, str], body: str, position: int) -> bool:
        """Whether the text has moved to another place since a town's body was named: "Kessby
        police" named, then a section on Norrvik, where "police" are Norrvik's."""
        at, name = named
        places_named = self._towns | {place_key(p) for _, places in self._scenes for p in places}
        return left_town(name, body, places_named, self._scenes, at, position)

    def _full(self, person: str) -> str:
        """'Medvedev' → 'Dmitry Medvedev' when the article names him in full."""
        if " " in person:
            return person
        return self._full_names.get(person, person)

    def _find_body(self, words: str, country: str | None, position: int) -> Claimant | None:
        """The body a description ("ministry", "Russian army") refers to: the nearest named body
        before it whose name has the description's words."""
        key = claimant_key(words).split()
        if not key:
            return None
        wanted = set(key) - {"the"}
        if country is not None:
            wanted.add(claimant_key(adjective(country)))

        def fits(c: Claimant) -> bool:
            return wanted <= set(claimant_key(c.name or "").split())

        if key in (["country"], ["nation"], ["government"]):
            found = self._body_index.find(COUNTRY_KEY, position, lambda c: True)
            return replace(found, kind="country") if found else None
        # only a body named before: a writer who names "the Northern Defence Ministry" after
        # "the Defence Ministry" means another ministry, one the reader knows without its name
        nearest = self._body_index.nearest(key[-1], position, fits, after=False)
        if nearest is None or self._left_town((nearest[0], nearest[1].name or ""), words, position):
            return None
        found = nearest[1]
        kind: ClaimantKind = "country" if country_name(found.name or "") else "organization"
        return replace(found, kind=kind)

    def _description(self, m: Mention) -> Claimant:
        """'the spokesman', 'the Russian spokesperson', 'Russia's former president'."""
        role = m.role or m.head
        if is_spokes(role):
            return self._spokes_description(m)
        words = (role or "").split()
        former = "former" in words
        head = words[-1] if words else ""

        def fits(holder: tuple[Claimant, str | None]) -> bool:
            c, country = holder
            if c.role is None or head not in c.role.split() or c.name in self.spokes:
                return False
            if former != ("former" in c.role.split()):
                return False
            return m.country is None or country in (None, m.country)

        found = self._roles.find(head, m.position, fits)
        return found[0] if found else Claimant(None, "person", role=role)

    def _spokes_description(self, m: Mention) -> Claimant:
        role = m.role or "spokesman"
        if m.body is not None:
            body = self._spokes_body(replace(m, person=None))
            if body is not None and body.name is not None:
                speaker = next(
                    (p for p, (b, _) in self.spokes.items() if b == body.name and " " in p), None
                )
                return Claimant(body.name, body.kind, role=role, speaker=speaker)
        if m.country is None and m.text.lower().startswith(("a ", "an ")):
            words = m.text.split()[1:-1]  # "a hospital spokeswoman": the hospital's
            if words and words[-1] in ORG_HEADS | _PLACE_BODIES and m.text.endswith(role):
                named = self._find_body(" ".join(words), None, m.position)
                if named is not None and named.name is not None:
                    return Claimant(named.name, named.kind, role=role)
                return Claimant(" ".join(words), "organization", role=role)  # as written
            # "..., a spokeswoman said": someone not named before, for the body last named
            last = self._pronouns.nearest(
                "body", m.position, lambda c: c.name is not None, after=False
            )
            if last is not None and last[1].name is not None:
                name = self._full_body(last[1].name, last[0] + 1)  # "the committee": its name
                return Claimant(name, last[1].kind, role=role)
            return Claimant(None, "person", role=role)
        wanted = claimant_key(adjective(m.country)) if m.country else None

        def fits(c: Claimant) -> bool:
            return wanted is None or wanted in claimant_key(c.name or "").split()

        found = self._speakers.find("spokes", m.position, fits)
        if found is not None:
            return found
        if m.country is not None:
            return Claimant(m.country, "country", role=role)
        return Claimant(None, "person", role=role)

    def _pronoun(self, m: Mention) -> Claimant:
        wants_person = PRONOUNS.get(m.pronoun or "", "person") == "person"
        key = "person" if wants_person else "body"
        found = self._pronouns.nearest(key, m.position, lambda c: True, after=False)
        if m.pronoun in ("they", "their"):
            # "Doctors at the hospital gave a different picture: 17 had died, they said": people
            # the sentence is about, when they come after the last body
            group = self._pronouns.nearest("group", m.position, lambda c: True, after=False)
            if group is not None and (found is None or group[0] > found[0]):
                found = group
        if found is not None:
            return found[1]
        return Claimant(None, "person" if wants_person else "organization")

    def _named_claimant(self, n: Named) -> Claimant:
        known = self.spokes.get(n.person)
        if known is not None:
            return Claimant(known[0], known[1], role=n.role or "spokesman", speaker=n.person)
        return Claimant(n.person, "person", role=n.role)


class _Nearest(Generic[T]):
    """Things filed under keys in text order: the fitting one nearest before a position, else the
    nearest after it. A search looks at most `REACH` entries each way, so it costs O(log n)."""

    REACH = 64

    def __init__(self) -> None:
        self._items: dict[str, list[tuple[int, int, T]]] = {}
        self._count = 0

    def add(self, key: str, position: int, item: T) -> None:
        self._count += 1  # ties break on insertion order, never on the items themselves
        bisect.insort(self._items.setdefault(key, []), (position, self._count, item))

    def find(
        self,
        key: str,
        position: int,
        fits: Callable[[T], bool],
        *,
        after: bool = True,
    ) -> T | None:
        found = self.nearest(key, position, fits, after=after)
        return found[1] if found is not None else None

    def nearest(
        self,
        key: str,
        position: int,
        fits: Callable[[T], bool],
        *,
        after: bool = True,
    ) -> tuple[int, T] | None:
        """(position, item) of what `find` finds."""
        items = self._items.get(key)
        if not items:
            return None
        i = bisect.bisect_left(items, (position, -1))
        for j in range(i - 1, max(-1, i - 1 - self.REACH), -1):
            if fits(items[j][2]):
                return items[j][0], items[j][2]
        if after:
            for j in range(i, min(len(items), i + self.REACH)):
                if fits(items[j][2]):
                    return items[j][0], items[j][2]
        return None


def _phrase_around(doc: Doc, ent: Span) -> list[Span]:
    """The words that describe a named person: titles and bodies right before the name, and an
    appositive right after it ("Konashenkov, the ministry's spokesman,")."""
    start = ent.start
    sent_start = ent.sent.start
    while start > sent_start and start > ent.start - 8:
        prev = doc[start - 1]
        if prev.is_space or prev.text in (",", ";", ":", "(", '"', "“") or prev.pos_ == "VERB":
            break
        if prev.pos_ not in ("PROPN", "NOUN", "ADJ", "PART", "PUNCT"):
            break
        start -= 1
    pieces = [doc[start : ent.end]]
    end = ent.end
    if end < ent.sent.end - 1 and doc[end].text == ",":
        stop = end + 1
        while stop < min(ent.sent.end, end + 12) and doc[stop].text not in (",", ";", "—", "."):
            stop += 1
        appositive = doc[end + 1 : stop]
        if len(appositive) and any(normal_word(t.text) in ROLE_HEADS for t in appositive):
            if not any(t.pos_ in ("VERB", "AUX") for t in appositive):
                pieces.append(appositive)
    return pieces


def _misread_name(ent: Span) -> bool:
    """'Marta Kovac, the mayor,': two or three capitalised words that are no country and no body,
    followed by a role, are a person's name whatever the recogniser said."""
    words = ent.text.split()
    return (
        2 <= len(words) <= 3
        and all(w[:1].isupper() for w in words)
        and country_name(ent.text) is None
        and not any(w.lower() in ORG_HEADS for w in words)
    )


def _surname(person: str) -> str:
    return person.split()[-1]
