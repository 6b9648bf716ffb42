"""Finds attribution relations (source, cue, content) in a parsed block.

Every token that could be a cue is paired with each dependency configuration that could link it to a
content ("said" + its `ccomp`, "according" + the clause it modifies, "claim" + its `acl`, ...).
Whether a pair is an attribution is decided by a logistic model learned from the PolNeAR training
articles over the pair's features: its lemma and configuration, the shape of its content, who would
be its source (`bench/polnear/learn_cues.py` writes `claims/data/cues.json`). Direct quotes are
found separately (`claims/quotes.py`) because their cue often sits in another clause or sentence.
Rules add the figure claims news carries that the learned cues (mostly "said that ...") miss:
estimates ("put the toll at 45"), figures given as a verb's object ("claimed well over 35,000"),
a speaker set off by commas ("numbered 23, she said"), "By its count, ...", the level of a figure
a body owns ("the ministry's toll stands at 64"), and a figure with its source right after it
("3,500 by the police's estimate").
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from importlib import resources

from spacy.tokens import Doc, Span, Token

from claims.claimants import ORG_HEADS
from claims.model import ClaimKind
from claims.numbers import bare_count
from claims.quotes import (
    OPEN_CURLY,
    STRAIGHT,
    Quotation,
    continuation,
    inside_share,
    quotations,
    quote_at,
)
from claims.reparse import mend_reported_speech

CUE_POS = frozenset({"VERB", "NOUN", "AUX", "ADJ", "PROPN"})
CHILD_DEPS = frozenset({"ccomp", "dobj", "xcomp", "advcl", "acl", "nsubjpass", "oprd", "relcl"})
PREP_OBJECTS = frozenset({"pobj", "pcomp"})
UP_DEPS = frozenset({"parataxis", "prep", "advcl", "ccomp", "conj"})
SUBJECT_DEPS = ("nsubj", "csubj")
CLIMB_DEPS = frozenset({"xcomp", "conj", "advcl", "acl", "pcomp", "prep", "acomp"})
EDGE_PUNCT = frozenset(",;:—–-()")
TRAILING_PUNCT = EDGE_PUNCT | {"."}
"""A content ends before its sentence's full stop (outside quotation marks), as annotators do."""
PRONOUN_RELATIVES = frozenset({"who", "which", "that"})
THRESHOLD = 0.5
"""Default decision threshold; the learned model carries the one tuned on held-out training
articles."""


@dataclass(frozen=True, slots=True)
class Attribution:
    """Token-level attribution in one block; `content` may be several pieces (a split quote)."""

    content: tuple[Span, ...]
    kind: ClaimKind
    source: Span | None = None
    cue: tuple[Span, ...] = ()
    score: float = 1.0


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible cue token and the head of its possible content, linked by `config`."""

    cue: Token
    config: str
    content_head: Token
    up: bool  # the content is the cue's governor minus the cue's own clause

    @property
    def key(self) -> str:
        return f"{cue_lemma(self.cue)}|{self.config}"


@dataclass(frozen=True, slots=True)
class CueModel:
    """Logistic weights over candidate features, learned from annotated articles."""

    weights: dict[str, float]
    bias: float
    threshold: float = THRESHOLD

    def probability(self, features: list[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @classmethod
    def from_json(cls, raw: dict[str, object]) -> CueModel:
        weights = raw["weights"]
        bias, threshold = raw["bias"], raw.get("threshold", THRESHOLD)
        assert isinstance(weights, dict)
        assert isinstance(bias, int | float) and isinstance(threshold, int | float)
        return cls({str(k): float(v) for k, v in weights.items()}, float(bias), float(threshold))


@functools.cache
def default_model() -> CueModel:
    raw = resources.files("claims").joinpath("data/cues.json").read_text(encoding="utf-8")
    return CueModel.from_json(json.loads(raw))


def features(cand: Candidate, ids: set[int], quotes: list[Quotation]) -> list[str]:
    """What the model sees of a candidate: its lexical key, the shape of its content and who
    would be its source."""
    cue, head = cand.cue, cand.content_head
    subject = _subject(cue, head)
    subj = _subject_type(subject)
    quoted = inside_share(ids, quotes)
    q = "none" if quoted == 0 else "most" if quoted > 0.5 else "some"
    size = len(ids)
    length = (
        "1"
        if size <= 2
        else "3"
        if size <= 5
        else "6"
        if size <= 10
        else "11"
        if size <= 20
        else "21"
    )
    mark = next((c.lower_ for c in head.children if c.dep_ == "mark"), "-")
    lemma = cue_lemma(cue)
    voice = _voice(cue)
    dep = _clause_dep(cue)
    return [
        f"k={cand.key}",
        f"l={lemma}",
        f"c={cand.config}",
        f"t={cue.tag_}",
        f"c|t={cand.config}|{cue.tag_}",
        f"d={dep}",
        f"c|d={cand.config}|{dep}",
        f"s={subj}",
        f"k|s={cand.key}|{subj != 'none'}",
        f"l|s={lemma}|{subj}",
        f"h={head.pos_}",
        f"c|h={cand.config}|{head.pos_}",
        f"m={mark}",
        f"c|m={cand.config}|{mark}",
        f"q={q}",
        f"c|q={cand.config}|{q}",
        f"cq={quote_at(quotes, cue.i) is not None}",
        f"n={length}",
        f"c|n={cand.config}|{length}",
        f"neg={any(c.dep_ == 'neg' for c in cue.children)}",
        f"v={voice}",
        f"c|v={cand.config}|{voice}",
    ]


def _clause_dep(cue: Token) -> str:
    """ "He insisted that ...; only the depot had been hit": a verb the parse hangs on the clause
    after a semicolon heads its own clause, as it would before a full stop."""
    head = cue.head
    if head.i > cue.right_edge.i and any(t.text == ";" for t in cue.doc[cue.right_edge.i : head.i]):
        return "ROOT"
    return cue.dep_


def _voice(cue: Token) -> str:
    """Active, passive, or the impersonal passive of hearsay ("it is believed that ...")."""
    if not _is_passive(cue):
        return "active"
    if any(c.dep_ in ("nsubjpass", "expl") and c.lower_ == "it" for c in cue.children):
        return "impersonal"
    return "passive"


def _subject_type(subject: Token | None) -> str:
    if subject is None:
        return "none"
    if subject.pos_ == "PRON":
        return "pron"
    if subject.ent_type_:
        return subject.ent_type_
    return subject.pos_


def cue_lemma(token: Token) -> str:
    """The cue's lemma, with its particle ("point out", "according to")."""
    lemma = token.lemma_.lower()
    for child in token.children:
        if child.dep_ == "prt":
            return f"{lemma} {child.lower_}"
    return lemma


def candidates(doc: Doc | Span, quotes: list[Quotation] | None = None) -> Iterator[Candidate]:
    """Every (cue, configuration, content head) the model may judge; learning and use share it."""
    if quotes is None:
        quotes = quotations(doc.doc if isinstance(doc, Span) else doc)
    by_end = {q.end: q for q in quotes}
    by_start = {q.start: q for q in quotes}
    for tok in doc:
        if tok.pos_ not in CUE_POS and tok.lower_ != "according":
            continue
        if tok.pos_ == "VERB" and quote_at(quotes, tok.i) is None:
            yield from _quote_candidates(tok, by_end, by_start)
        for child in tok.children:
            if child.dep_ in CHILD_DEPS:
                yield Candidate(tok, child.dep_, child, up=False)
            elif child.dep_ == "prep":
                for obj in child.children:
                    if obj.dep_ in PREP_OBJECTS:
                        yield Candidate(tok, f"prep:{child.lower_}:{obj.dep_}", obj, up=False)
        if tok.dep_ in UP_DEPS and tok.head.i != tok.i and tok.head.pos_ in ("VERB", "AUX"):
            yield Candidate(tok, f"up:{tok.dep_}", tok.head, up=True)


def _quote_candidates(
    tok: Token, by_end: dict[int, Quotation], by_start: dict[int, Quotation]
) -> Iterator[Candidate]:
    """A quotation the parser cut off from its verb: right before the verb and its subject
    ("“…,” he said." read as a sentence of its own), or right after the verb and a colon ("She
    continued: “…”")."""
    doc = tok.doc
    subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    skip = set(_subtree_ids(subject)) if subject is not None else set()
    for child in tok.lefts:
        if child.dep_ in ("aux", "neg", "advmod"):
            skip.update(_subtree_ids(child))
    i = tok.i
    while i > 0 and (i - 1 in skip or _is_filler(doc[i - 1]) and doc[i - 1].text not in ".!?"):
        i -= 1  # '"...," he said'; not '"...". Reid, who ..., reckoned': a sentence between
    q = next((by_end[j] for j in range(i, tok.i + 1) if j in by_end), None)
    if q is not None and not skip.intersection(range(q.start, q.end)):
        yield Candidate(tok, "quote:before", doc[q.start], up=False)
    i = tok.i + 1
    while i < len(doc) and (doc[i].text in (":", ",") or doc[i].is_space):
        i += 1
    if i in by_start:
        yield Candidate(tok, "quote:after", doc[i], up=False)


def _is_filler(tok: Token) -> bool:
    """Punctuation or a space within a paragraph."""
    return (
        tok.is_punct
        and tok.text not in (OPEN_CURLY, *STRAIGHT)
        or (tok.is_space and "\n" not in tok.text)
    )


def find_attributions(doc: Doc, model: CueModel | None = None) -> list[Attribution]:
    model = model or default_model()
    mend_reported_speech(doc)
    quotes = quotations(doc)
    found: list[Attribution] = []
    for cand in candidates(doc, quotes):
        clause = _statement_clause(cand.cue)
        if (clause is not None and clause.i == cand.content_head.i) or _publication(cand):
            continue  # "in a statement released on Monday": when and how, no claim
        ids = _before_owned_count(doc, widen_to_quotes(cand, content_ids(cand), quotes))
        if not ids or _across_semicolon(cand, ids):
            continue
        p = model.probability(features(cand, ids, quotes))
        if p < model.threshold and not _inserted_statement(cand):
            continue
        content = _trimmed_runs(doc, ids)
        if not content or _ANONYMITY.fullmatch(" ".join(r.text for r in content).lower()):
            continue  # "who asked not to be named": a condition of speaking, no claim
        found.append(
            Attribution(
                content=content,
                kind=_kind(cand, ids, quotes),
                source=find_source(cand),
                cue=cue_pieces(cand),
                score=p,
            )
        )
    found += _hedged_attributions(doc, found)
    found += _estimates(doc, found)
    found += _figures_given(doc, found)
    found += _parenthetical(doc, found)
    found += _by_count(doc, found)
    found += _owned_levels(doc, found)
    found += _figures_after_colon(doc, found)
    found += _figure_then_source(doc, found)
    found += _according_to_opening(doc, found)
    found += _gapped(doc, found)
    kept = _subject_and_predicate(_best_per_content(found))
    return [_with_range_start(_before_next_speaker(a, kept)) for a in kept]


def _inserted_statement(cand: Candidate) -> bool:
    """ "Her government, she insisted, has 50 deputies": a statement verb with its own subject
    set into the clause it reports; the learned cues, trained mostly on "said", miss the rest."""
    cue = cand.cue
    return (
        cue.dep_ == "parataxis"
        and cue.head.i == cand.content_head.i
        and cue.lemma_.lower() in STATEMENT_LEMMAS
        and any(c.dep_ == "nsubj" for c in cue.children)
    )


_ANONYMITY = re.compile(
    r"(?:that (?:he|she|they) )?not (?:to )?be (?:named|identified|quoted)(?: by name)?"
)


def _subject_and_predicate(found: list[Attribution]) -> list[Attribution]:
    """'The staff said Northern dead in the assault since November 27 were now "nearly 2,300"':
    the parse may split one statement into a subject and a quoted predicate with no subject,
    both hung on the cue; they are one claim."""
    out = list(found)
    for a in found:
        for b in found:
            if a is b or a not in out or b not in out or a.cue != b.cue or not a.cue:
                continue
            first, last = a.content[-1], b.content[0]
            if first.end > last.start or first.sent != last.sent:
                continue
            verb = last[0]
            gap = first.doc[first.end : last.start]
            if (
                verb.pos_ == "AUX"
                and not any(c.dep_ in SUBJECT_DEPS for c in verb.children)
                and all(
                    t.pos_ in ("ADP", "SCONJ", "PROPN", "NUM", "DET", "NOUN", "ADJ") for t in gap
                )
                and a.kind == "indirect"
            ):
                joined = first.doc[a.content[0].start : b.content[-1].end]
                out[out.index(a)] = Attribution((joined,), "indirect", a.source, a.cue, a.score)
                out.remove(b)
    return out


def _before_next_speaker(attribution: Attribution, found: list[Attribution]) -> Attribution:
    """ "The operator said about 120 had been inside; police put the number at more than 200":
    the clause after a semicolon with a speaker of its own is that speaker's claim, not a part
    of the first, though the parse may hang it on the first content."""
    content = attribution.content
    doc = content[0].doc
    start, end = content[0].start, content[-1].end
    others = [
        b.source.start
        for b in found
        if b is not attribution
        and b.source is not None
        and b.cue
        and start < b.source.start < end
        and start < b.cue[0].start < end
    ]
    if not others:
        return attribution
    cut = next((i for i in range(min(others) - 1, start, -1) if doc[i].text == ";"), None)
    if cut is None:
        return attribution
    pieces = tuple(
        piece
        for p in content
        if p.start < cut and (piece := _trim(doc, doc[p.start : min(p.end, cut)])) is not None
    )
    return replace(attribution, content=pieces) if pieces else attribution


def _with_range_start(attribution: Attribution) -> Attribution:
    """ "published its estimate: between 400 and 700 soldiers killed": a content the parse starts
    at the first figure keeps the "between" that makes the two figures one range."""
    first = attribution.content[0]
    doc = first.doc
    if first.start == 0 or not first[0].like_num or doc[first.start - 1].lower_ != "between":
        return attribution
    widened = doc[first.start - 1 : first.end]
    if any(t.i == first.start - 1 for piece in attribution.cue for t in piece):
        return attribution
    return replace(attribution, content=(widened, *attribution.content[1:]))


def _before_owned_count(doc: Doc, ids: set[int]) -> set[int]:
    """ "said 6,100 people had left; the agency's tally was 5,400": a clause after a semicolon
    that gives its owner's count is the owner's claim (see `_owned_levels`), not the speaker's."""
    for i in sorted(ids):
        if doc[i].text != ";":
            continue
        for t in doc[i + 1 : min(len(doc), i + 6)]:
            if t.dep_ == "poss" and t.head.lemma_.lower() in COUNT_NOUNS | _FIGURE_NOUNS:
                return {j for j in ids if j < i}
    return ids


def _across_semicolon(cand: Candidate, ids: set[int]) -> bool:
    """ "The ministry said 12 were detained; the organisers said 70": the clause before the
    semicolon is not the second speaker's, though the parse may hang it on the second verb."""
    last = max(ids)
    if last >= cand.cue.i:
        return False
    doc = cand.cue.doc
    return any(doc[i].text == ";" for i in range(last + 1, cand.cue.i))


ESTIMATE_VERBS = frozenset({"estimate", "put", "place", "peg"})
REVISE_VERBS = frozenset(
    {"raise", "lower", "revise", "update", "increase", "cut", "trim", "reduce", "correct"}
)
"""Verbs of a body changing its own figure: "the ministry raised its count of dead to 27"."""
KEEP_VERBS = frozenset({"keep", "hold", "leave", "maintain", "stick", "stand"})
"""Verbs of a body standing by its figure: "the service kept its own toll at six dead", "the
survey held to its figure of 400,000"."""


def _figure_held_to(verb: Token) -> Token | None:
    """ "held to its figure of 400,000", "stood by its count of 14": the figure a body keeps."""
    for prep in verb.rights:
        if prep.dep_ == "prep" and prep.lower_ in ("to", "by"):
            for noun in prep.children:
                if noun.dep_ == "pobj" and noun.lower_ in COUNT_NOUNS | _FIGURE_NOUNS:
                    return noun
    return None


AS_VERBS = frozenset({"give", "list", "report", "record", "confirm", "cite"})
"""Verbs that give a figure after "as": "gave its own losses in the battle as 203"."""
_FIGURE_NOUNS = frozenset(
    {"number", "figure", "toll", "total", "forecast", "projection", "list", "range"}
)


SURVEY_VERBS = frozenset({"find", "have", "show", "measure"})
"""How a poll tells a party's share: "Meridian found Unity on 27 percent", "Civic Pulse had the
party on 30 percent and the Greens on 45". Read like "put" only for a share, so "found the
village at 300 metres" is no claim. A claim of shares holds every party's ("..., with the Greens
on 50"); a bare "on 45" after a share is a share, not the date the tagger took it for."""


def _is_share(figure: Token) -> bool:
    return any(t.lower_ in ("percent", "%", "per") for t in figure.subtree)


_PARTY_NOUNS = frozenset({"party", "parties", "candidate", "coalition", "alliance", "bloc"})


def _poll_reading(obj: Token, figure: Token) -> bool:
    """ "The Barometer had Unity on 23", "had the governing party on 24": a party on a bare
    number is its share in a poll, percent left unsaid."""
    return (
        figure.text.isdigit()
        and figure.head.lower_ == "on"
        and 0 < int(figure.text) <= 100
        and (obj.pos_ == "PROPN" or obj.lower_ in _PARTY_NOUNS)
    )


def _estimates(doc: Doc, found: list[Attribution]) -> list[Attribution]:
    """ "Police estimated the crowd at 2,500", "the ministry put the toll at 45": the claim is
    the thing and its figure together, which the parse hangs on the verb as two pieces."""
    covered = _content_ids(found)
    out = []
    for tok in doc:
        lemma = tok.lemma_.lower()
        shares = lemma in SURVEY_VERBS  # "found Unity on 27 percent"
        if shares:
            lemma = "put"  # read as "put Unity on 27 percent", for a share only (below)
        if lemma not in ESTIMATE_VERBS | REVISE_VERBS | CARRY_VERBS | KEEP_VERBS | AS_VERBS:
            continue
        if tok.pos_ != "VERB":
            continue
        obj = next((c for c in tok.rights if c.dep_ in ("dobj", "ccomp", "xcomp", "oprd")), None)
        if obj is None and lemma in ESTIMATE_VERBS | AS_VERBS:
            obj = _fronted_object(tok)
        held_to = obj is None and lemma in KEEP_VERBS
        if held_to:
            obj = _figure_held_to(tok)
        if obj is None:
            continue
        if lemma not in ESTIMATE_VERBS | AS_VERBS and obj.lower_ not in COUNT_NOUNS | _FIGURE_NOUNS:
            continue  # "raised prices to 40 euros" reports a deed, not a figure
        owner = _toll_owner(tok, obj)
        if owner is not None and owner.root.pos_ == "PRON" and _statement_carried(tok, found):
            owner = None  # "..., the ambulance service said, raising its toll to 11": the service
        said = None
        if lemma not in ESTIMATE_VERBS | AS_VERBS and owner is None:
            if lemma in CARRY_VERBS or not any(c.dep_ == "nsubj" for c in tok.children):
                said = _statement_carried(tok, found)
                if said is None:
                    continue  # "the toll was raised to 27", "bringing the toll to 19": nobody
        if owner is not None and obj.i in covered:
            continue  # "..., bringing its toll to 23, the company said": the speaker's claim
        # "put the toll at 45"; "put Unity on 36 percent", but not "on December 22"
        preps: tuple[str, ...] = (
            ("at", "on")
            if lemma in ESTIMATE_VERBS
            else ("at",)
            if lemma in KEEP_VERBS
            else ("as",)
            if lemma in AS_VERBS
            else ("to",)
        )
        if shares:
            preps = ("at", "on", "to")  # "found Unity down to 21 percent"
        if held_to:
            preps = ("of", "at")  # "held to its figure of 400,000"
        given = [
            p
            for prep in preps
            for t in tok.subtree
            if t.lower_ == prep
            and (t.i > obj.i or t.head == tok and t.i > tok.i)
            and (prep != "to" or not shares or doc[t.i - 1].lower_ in ("down", "up"))
            for p in t.children
            if (p.dep_ == "pobj" or p.dep_ in ("amod", "advmod") and prep == "at")
            and any(x.like_num for x in p.subtree)
            and not (prep == "on" and p.ent_type_ == "DATE" and not _bare_number(p))
            and not any(x.text == ":" for x in p.subtree)  # "at noon: four dead", said apart
        ]
        if shares:
            given.sort(key=lambda p: p.i)  # the first share told, whatever its preposition
        if not given and lemma in AS_VERBS:
            # "gave its losses as 203 killed and wounded": the parse makes "as 203 killed" a
            # clause of its own
            given = [
                c
                for c in tok.rights
                if c.dep_ == "advcl"
                and any(m.dep_ == "mark" and m.lower_ == "as" for m in c.children)
                and any(x.like_num for x in c.subtree)
            ]
        figure = given[0] if given else None
        if figure is None or (shares and not (_is_share(figure) or _poll_reading(obj, figure))):
            continue
        if _is_share(figure):
            # "found Unity on 27 percent and the Greens on 47": every party's share
            figure = max(given, key=lambda p: p.right_edge.i)
        # "raised to 27 the number charged over ...": the figure may come before the object
        first = min(obj.left_edge.i, figure.head.i if figure.dep_ == "pobj" else figure.left_edge.i)
        if owner is not None:
            first = max(first, owner.end)
        content = _trim(doc, doc[first : max(obj.right_edge.i, figure.right_edge.i) + 1])
        if content is None:
            continue
        pieces: tuple[Span, ...] = (content,)
        if obj.i < tok.i:
            # "Northern dead at Ostrovo he estimated at about 840": the thing, then its figure
            thing = _trim(doc, doc[obj.left_edge.i : obj.right_edge.i + 1])
            told = _trim(doc, doc[figure.head.i : figure.right_edge.i + 1])
            if thing is None or told is None:
                continue
            pieces = (thing, told)
        cand = Candidate(tok, obj.dep_, obj, up=False)
        source = find_source(cand) if owner is None else _without_case(owner)
        if held_to and owner is not None and owner.root.pos_ == "PRON":
            source = find_source(cand) or source  # "the authority held to its figure of 70"
        cue: tuple[Span, ...] = (doc[tok.i : tok.i + 1],)
        if said is not None:
            source, cue = said.source, said.cue
        out.append(Attribution(pieces, "indirect", source, cue, 1.0))
    return out


def _gapped(doc: Doc, found: list[Attribution]) -> list[Attribution]:
    """ "The WHO counted 220 civilians killed, and the Red Cross 229", "Police put the toll at 12
    and the fire service at 14": a second body's figure with the verb left out, told by the
    same cue; the figure counts what the first one does."""
    out = []
    for a in found:
        if a.source is None or len(a.cue) != 1 or len(a.cue[0]) != 1:
            continue
        verb = a.cue[0][0]
        if verb.pos_ != "VERB":
            continue
        content_end = max(piece.end for piece in a.content)
        for body in verb.rights:
            if body.dep_ not in ("conj", "npadvmod") or body.pos_ not in ("PROPN", "NOUN"):
                continue  # the parser hangs "and the Red Cross 229" either way
            if body.i < content_end:
                continue
            if not any(c.dep_ == "cc" for c in verb.children if c.i < body.i):
                continue
            figure = next((c for c in body.children if c.dep_ == "nummod" and c.i > body.i), None)
            if figure is None:
                figure = next(
                    (
                        p
                        for prep in verb.rights
                        if prep.dep_ == "prep" and prep.i == body.right_edge.i + 1
                        for p in prep.children
                        if p.dep_ == "pobj" and p.like_num
                    ),
                    None,
                )
            if figure is None or not any(t.like_num for t in figure.subtree):
                continue
            start = body.left_edge.i
            source = _trim(doc, doc[start : min(figure.left_edge.i, body.right_edge.i + 1)])
            content = _trim(doc, doc[figure.left_edge.i : figure.right_edge.i + 1])
            if source is None or content is None:
                continue
            out.append(Attribution((content,), "indirect", source, a.cue, a.score))
    return out


def _fronted_object(verb: Token) -> Token | None:
    """ "Northern dead at Ostrovo he estimated at about 840": the thing estimated, put before
    the speaker."""
    subjects = [c for c in verb.lefts if c.dep_ == "nsubj"]
    if not subjects:
        return None
    subject = subjects[-1]  # the speaker is the subject nearest the verb
    return next(
        (
            c
            for c in verb.lefts
            if c.i < subject.i
            and c.dep_ in ("dobj", "advmod", "npadvmod", "nsubj")
            and c.pos_ in ("NOUN", "ADJ", "PROPN")
        ),
        None,
    )


def _statement_carried(verb: Token, found: list[Attribution]) -> Attribution | None:
    """ "..., the ambulance service said, bringing the number of dead to ten": the figure the
    event carries is the speaker's too, told after the cue as a clause of its own (the speaker
    and cue of the statement, found or read from the verb of saying)."""
    head = verb.head
    relative = verb.dep_ == "relcl" and any(
        c.dep_ == "nsubj" and c.lower_ == "which" for c in verb.children
    )  # "..., the ministry said, which brought the number shot down to 1,055"
    if (
        not (verb.dep_ == "advcl" or relative)
        or head.i > verb.i
        or head.lemma_.lower() not in STATEMENT_LEMMAS
    ):
        return None
    said = next((a for a in found if a.source is not None and head.i in _cue_ids(a)), None)
    if said is not None:
        return said
    source = find_source(Candidate(head, "advcl", verb, up=False))
    if source is None:
        return None
    return Attribution((), "indirect", source, (head.doc[head.i : head.i + 1],), 1.0)


CARRY_VERBS = frozenset({"bring", "take", "push", "lift"})
"""Verbs of an event carrying a body's toll: "..., bringing the coast guard's toll to 19"."""


_EVENT_PRONOUNS = frozenset({"that", "this", "which"})


def _toll_owner(verb: Token, obj: Token) -> Span | None:
    """The owner of a figure changed by a verb with no subject of its own ("raising the coast
    guard's confirmed toll to 19"): the owner, not the verb's governor's subject, vouches for
    the figure."""
    if any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in _EVENT_PRONOUNS for c in verb.children
    ):
        return None  # "That brought the ministry's count to 231": the event, not a speaker
    owner = next((c for c in obj.children if c.dep_ == "poss"), None)
    if owner is None:
        return None
    return verb.doc[owner.left_edge.i : owner.right_edge.i + 1]


def _without_case(owner: Span) -> Span:
    """ "The coast guard's": the coast guard."""
    if len(owner) > 1 and owner[-1].dep_ == "case":
        return owner[:-1]
    return owner


FIGURE_VERBS = frozenset(
    {"claim", "register", "record", "acknowledge", "admit", "give", "report", "confirm", "cite",
     "find", "speak", "count", "tally", "list", "say", "show", "name", "estimate", "identify"}
)  # fmt: skip
HOLD_TO_VERBS = frozenset({"hold", "stick"})
"""Verbs of a body keeping its figure, given after "to" alone: "Agrifer holds to 14"."""
FIGURE_PREPS = frozenset({"to", "of", "over", "about"})
NAMED_COUNTS = frozenset(
    "prisoner victim dead casualty soldier person people civilian hostage detainee".split()
)
"""What a body "names" as a count: a list of people, not the people it appoints."""


def _figures_given(doc: Doc, found: list[Attribution]) -> list[Attribution]:
    """A body giving a figure as the verb's object, which the learned cues (trained on clauses
    said) miss: "the Greens claimed well over 35,000", "her office had registered nearer 190
    deaths", "Northgate admits to 77 dead", "the service had given 19 dead"."""
    covered = _content_ids(found)
    out = []
    for tok in doc:
        held = tok.lemma_.lower() in HOLD_TO_VERBS
        if tok.pos_ != "VERB" or not (tok.lemma_.lower() in FIGURE_VERBS or held):
            continue
        if _is_passive(tok) or not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in _subject_holder(tok).children
        ):
            continue  # "the service called off its search ... and gave a toll of 13": its subject
        # "Agrifer holds to 14": its figure, kept; "police held 40 people" is a deed
        obj = None if held else next((c for c in tok.rights if c.dep_ == "dobj"), None)
        if obj is None:
            obj = next(
                (
                    p
                    for c in tok.rights
                    if c.dep_ == "prep" and c.lower_ in FIGURE_PREPS
                    for p in c.children
                    if p.dep_ == "pobj"
                ),
                None,
            )
        if held and (obj is None or obj.head.lower_ != "to" or not _is_figure(obj)):
            continue
        if obj is None:
            obj = _counted_clause(tok)
        if obj is None or obj.i in covered or not any(_is_figure(t) for t in obj.subtree):
            continue
        if tok.lemma_.lower() == "say" and not _is_figure(obj):
            continue  # "said 70"; "said three things" is no figure given
        if tok.lemma_.lower() in ("show", "name") and _shown_by_a_person(tok):
            continue  # "records show two inspections", but "he showed two passports" is a deed
        if tok.lemma_.lower() == "name" and obj.lemma_.lower() not in NAMED_COUNTS:
            continue  # "names 121 prisoners" is a count; "named three new deputies" a deed
        start = tok.i + 1
        while start < obj.left_edge.i and (
            doc[start].lower_ in FIGURE_PREPS or doc[start].is_punct
        ):
            start += 1
        end = _clause_end(tok, start)
        content = _trim(doc, doc[start:end])
        if content is None:
            continue
        source = find_source(Candidate(tok, "dobj", obj, up=False))
        if source is None and (holder := _subject_holder(tok)) is not tok:
            source = find_source(Candidate(holder, "dobj", obj, up=False))
        out.append(Attribution((content,), "indirect", source, (doc[tok.i : tok.i + 1],), 0.9))
    return out


def _counted_clause(verb: Token) -> Token | None:
    """ "The service now counts 20 injured", "her office tallied 2,300 people moved out": the
    parse reads the counted people as the subject of a clause of their own; that clause, with
    no verb of its own but a participle, is the figure given."""
    if verb.lemma_.lower() not in ("count", "tally", "record", "register", "list"):
        return None
    for clause in verb.rights:
        if clause.dep_ != "ccomp" or clause.tag_ != "VBN":
            continue
        if any(c.dep_ in ("aux", "auxpass", "mark") for c in clause.children):
            continue  # "counted that 20 had been injured": a clause of its own
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if subject is not None and any(_is_figure(t) for t in subject.subtree):
            return clause
    return None


def _figures_after_colon(doc: Doc, found: list[Attribution]) -> list[Attribution]:
    """ "The emergency service put out a different toll in a statement: five civilians dead and
    14 injured": the figures after the colon are the toll the subject gave."""
    covered = _content_ids(found)
    out = []
    for colon in doc:
        if colon.text != ":" or colon.i + 1 >= colon.sent.end:
            continue
        given = [
            (tok, obj)
            for tok in doc[colon.sent.start : colon.i]
            if tok.pos_ == "VERB" and not _is_passive(tok)
            for obj in tok.rights
            if obj.dep_ == "dobj" and obj.i < colon.i and obj.lower_ in COUNT_NOUNS | _FIGURE_NOUNS
        ]
        if not given:
            continue
        verb, obj = given[-1]
        if not any(c.dep_ == "nsubj" for c in verb.children):
            continue
        content = _trim(doc, doc[colon.i + 1 : colon.sent.end])
        if content is None or any(t.i in covered for t in content):
            continue
        if not any(_is_figure(t) for t in content):
            continue
        source = find_source(Candidate(verb, "dobj", obj, up=False))
        out.append(Attribution((content,), "indirect", source, (doc[verb.i : obj.i + 1],), 0.9))
    return out


def _subject_holder(verb: Token) -> Token:
    """The verb whose subject a coordinated verb shares: "City police disagreed, added him to
    their list, and now count 26 dead"."""
    while verb.dep_ in ("conj", "dep") and verb.head is not verb:
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            return verb
        verb = verb.head
    return verb


def _shown_by_a_person(verb: Token) -> bool:
    """Documents and data show figures; a person showing something does a deed."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and (
        subject.ent_type_ == "PERSON" or subject.lower_ in ("he", "she", "i", "you")
    )


PARENTHETICAL_CUES = frozenset({"say", "add", "insist", "claim", "report"})


def _parenthetical(doc: Doc, found: list[Attribution]) -> list[Attribution]:
    """ "The ministry's own dead numbered 23, she said, four more than on Sunday": a speaker
    set off by commas after the clause they vouch for, however the parse hangs it."""
    covered = _content_ids(found)
    out = []
    for tok in doc:
        if tok.lemma_.lower() not in PARENTHETICAL_CUES or tok.pos_ != "VERB":
            continue
        if any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in tok.children):
            continue  # a cue with its own content
        subject = next((c for c in tok.lefts if c.dep_ == "nsubj"), None)
        if subject is None or subject.left_edge.i < 1:
            continue
        comma = subject.left_edge.i - 1
        after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if doc[comma].text != "," or after is None or after.text not in (",", ".", ";"):
            continue
        start = tok.sent.start
        if comma - start < 4 or any(i in covered for i in range(start, comma)):
            continue
        content = _trim(doc, doc[start:comma])
        if content is None or not any(_is_figure(t) for t in content):
            continue
        source = doc[subject.left_edge.i : subject.right_edge.i + 1]
        out.append(Attribution((content,), "indirect", source, (doc[tok.i : tok.i + 1],), 0.9))
    return out


def _content_ids(found: list[Attribution]) -> set[int]:
    """Tokens already inside some attribution's content."""
    return {i for a in found for piece in a.content for i in range(piece.start, piece.end)}


def _is_figure(tok: Token) -> bool:
    return tok.like_num and not (tok.ent_type_ in ("DATE", "TIME") and tok.text.isdigit())


def _clause_end(verb: Token, start: int) -> int:
    """Where the verb's own clause ends after `start`: before a comma, a semicolon or a dash
    that opens something else, or a clause of its own joined by "and"."""
    doc = verb.doc
    end = verb.right_edge.i + 1
    for t in doc[start:end]:
        if t.dep_ == "cc" and t.head == verb and _second_object(doc, t):
            continue
        if t.text in (",", ";", ":", "—", "–") or (t.dep_ in ("cc", "relcl") and t.head == verb):
            return t.i
        if t.dep_ == "conj" and t.head == verb and not _second_object(doc, doc[t.i - 1]):
            return t.i
    return end


def _second_object(doc: Doc, cc: Token) -> bool:
    """ "recorded 338 cases in Brisk and a thirteenth death": the parse joins the second object
    to the verb; a figure with no verb of its own is still the verb's object."""
    conj = next((c for c in cc.head.children if c.dep_ == "conj" and c.i > cc.i), None)
    return (
        cc.dep_ == "cc"
        and conj is not None
        and conj.pos_ in ("NOUN", "PROPN")
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in conj.children)
        and any(d.like_num or d.ent_type_ in ("ORDINAL", "CARDINAL") for d in conj.subtree)
    )


def _tally_owner(doc: Doc, count: Token) -> Span | None:
    """The named owner of a count or tally just before ("The General Staff's running tally")."""
    for tok in reversed(doc[max(0, count.i - 60) : count.i]):
        if tok.lower_ not in COUNT_NOUNS and tok.lower_ not in ("figure", "toll", "total"):
            continue
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if owner is not None and owner.pos_ != "PRON":
            end = owner.right_edge.i + 1
            if doc[end - 1].dep_ == "case":
                end -= 1  # "The General Staff's": the staff
            return doc[owner.left_edge.i : end]
    return None


COUNT_NOUNS = frozenset({"count", "tally", "reckoning", "estimate", "estimates", "figures"})


BY_COUNT = frozenset({"by", "in", "on"})


def _by_count(doc: Doc, found: list[Attribution]) -> list[Attribution]:
    """ "By its count, more than 640 soldiers have been killed", "In the General Staff's
    estimate, Northern dead numbered about 2,400": the clause is the owner's claim."""
    out = []
    for tok in doc:
        if tok.lower_ not in COUNT_NOUNS:
            continue
        if tok.dep_ == "pobj" and tok.head.lower_ in BY_COUNT and tok.head.dep_ == "prep":
            prep = tok.head
            verb = prep.head
        elif (
            tok.dep_ in SUBJECT_DEPS
            and tok.left_edge.i == tok.sent.start + 1
            and doc[tok.sent.start].lower_ in BY_COUNT
        ):
            # "In the General Staff's estimate, Northern dead ... numbered about 2,400": the
            # parse loses the "in" and makes the estimate the subject
            prep, verb = doc[tok.sent.start], tok.head
        else:
            continue
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if verb.dep_ in SUBJECT_DEPS and verb.i < prep.i:
            verb = verb.head  # "Northern dead, by the staff's estimate, were ...": the subject's
        if owner is None or verb.pos_ not in ("VERB", "AUX"):
            continue
        skip = (set(_subtree_ids(tok)) | {prep.i}) - _appositive_ids(tok)
        ids = {i for i in _subtree_ids(verb) if i not in skip and not doc[i].is_space}
        second = _second_owner(verb, prep)
        if second is not None:
            ids -= set(range(second[0].left_edge.i - 2, second[0].right_edge.i + 1))
        if not any(_is_figure(doc[i]) for i in ids):
            continue
        content = _trimmed_runs(doc, ids)
        if not content:
            continue
        source = _without_case(doc[owner.left_edge.i : owner.right_edge.i + 1])
        if owner.pos_ == "PRON":
            # "The General Staff's running tally ... By its count, ...": the tally's owner
            source = _tally_owner(doc, tok) or source
        cue = doc[prep.i : tok.i + 1]
        out.append(Attribution(content, "according_to", source, (cue,), 0.9))
        if second is not None:
            figure, by, other = second
            # the figure alone, as for "..., and the Red Cross 229" (see `_gapped`)
            runs = _trimmed_runs(doc, set(_subtree_ids(figure)) - set(_subtree_ids(by)))
            if runs:
                source = _without_case(doc[other.left_edge.i : other.right_edge.i + 1])
                out.append(Attribution(runs, "according_to", source, (doc[by.i : by.i + 1],), 0.9))
    return out


def _second_owner(verb: Token, prep: Token) -> tuple[Token, Token, Token] | None:
    """ "reached 224 on the WHO's count, and 233 on the Red Cross's": a second figure with its
    own owner, the count noun left out. (figure, its preposition, the owner)."""
    for figure in verb.children:
        if figure.dep_ != "conj" or figure.i < prep.i or not _is_figure(figure):
            continue
        for by in figure.children:
            if by.dep_ != "prep" or by.lower_ != prep.lower_:
                continue
            other = next((o for o in by.children if o.dep_ == "pobj"), None)
            if other is not None and any(c.dep_ == "case" for c in other.children):
                return figure, by, other
    return None


def _according_to_opening(doc: Doc, found: list[Attribution]) -> list[Attribution]:
    """ "According to the General Staff, Eastern losses at Ostrovo amount to 134 killed, wounded
    and missing, while ...", "In a Civic Pulse survey taken on May 2-4, Unity was backed by a
    third of respondents": a sentence that opens by naming its source is that source's claim to
    its end, however the parse hangs the opening (on a noun, or on the verb of a later clause,
    where the cue model rejects it)."""
    cued = {t.i for a in found for piece in a.cue for t in piece}
    out = []
    for tok in doc:
        if tok.i != tok.sent.start or tok.i in cued or tok.lower_ not in ("according", "in"):
            continue
        if tok.lower_ == "in":
            prep, source = tok, next((o for o in tok.children if o.dep_ == "pobj"), None)
        else:
            prep, source = _according_to_object(tok) or (tok, None)
        if source is None or source.right_edge.i + 1 >= tok.sent.end:
            continue
        if tok.lower_ == "in" and source.lemma_.lower() not in SURVEY_NOUNS:
            continue  # "In Brisk, ..." names a place, not a source
        after = source.right_edge.i + 1
        if doc[after].text != ",":
            continue  # "According to the ministry the ..." without a comma: left to the model
        content = _trimmed_runs(doc, set(range(after + 1, tok.sent.end)))
        if not content:
            continue
        span = doc[source.left_edge.i : source.right_edge.i + 1]
        cue = doc[tok.i : prep.i + 1]
        out.append(Attribution(content, "according_to", span, (cue,), 0.9))
    return out


SURVEY_NOUNS = frozenset({"survey", "poll", "study", "census", "tally", "count", "estimate"})
"""What a sentence can open with as its source: "In a Civic Pulse survey taken ..., Unity ..."."""


def _appositive_ids(count: Token) -> set[int]:
    """ "becoming, by the service's count, a 23rd victim": the parse hangs what follows the
    count on it as an appositive, though it is the verb's and the owner's claim."""
    return {i for c in count.rights if c.dep_ == "appos" for i in _subtree_ids(c)}


SEGMENT_BREAKS = frozenset({",", ":", ";", "—", "–", "("})


def _figure_then_source(doc: Doc, found: list[Attribution]) -> list[Attribution]:
    """ "...: 3,500 by the police's estimate, at least 20,000 according to the Greens": a figure
    with its source right after it, hung on no verb, so neither the learned cues nor "By its
    count, ..." see it. The claim is the stretch before the source, back to a comma or colon."""
    covered = _content_ids(found)
    out = []
    for tok in doc:
        if tok.head.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            continue
        named = _named_after(tok)
        if named is None:
            continue
        source, cue, kind = named
        start = tok.i
        while start > tok.sent.start and doc[start - 1].text not in SEGMENT_BREAKS:
            start -= 1
        content = _trim(doc, doc[start : tok.i])
        if content is None or any(t.i in covered for t in content):
            continue
        if not any(_is_figure(t) for t in content):
            continue
        out.append(Attribution((content,), kind, source, (cue,), 0.9))
    return out


def _according_to_object(according: Token) -> tuple[Token, Token] | None:
    """The "to" of "according to X" and X, as the parse hangs them on "according"."""
    prep = next((c for c in according.children if c.dep_ == "prep" and c.lower_ == "to"), None)
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
    return (prep, obj) if prep is not None and obj is not None else None


def _named_after(tok: Token) -> tuple[Span, Span, ClaimKind] | None:
    """Source, cue and kind of "according to X" or "by X's estimate" starting at `tok`."""
    doc = tok.doc
    given = _according_to_object(tok) if tok.lower_ == "according" else None
    if given is not None:
        prep, obj = given
        source = doc[obj.left_edge.i : obj.right_edge.i + 1]
        return source, doc[tok.i : prep.i + 1], "according_to"
    if tok.lower_ == "by" and tok.dep_ == "prep":
        count = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if count is not None and count.lower_ in COUNT_NOUNS:
            # "by the police's estimate", "by the police count"
            owner = next((c for c in count.children if c.dep_ == "poss"), None) or next(
                (c for c in count.children if c.dep_ == "compound"), None
            )
            if owner is not None:
                source = _without_case(doc[owner.left_edge.i : owner.right_edge.i + 1])
                return source, doc[tok.i : count.i + 1], "according_to"
    return None


LEVEL_VERBS = frozenset(
    {"stand", "be", "rise", "climb", "reach", "grow", "increase", "jump", "fall", "drop",
     "pass", "top", "exceed", "hit", "go", "come", "edge", "creep", "inch", "tick", "remain"}
)  # fmt: skip
"""Verbs giving the level of a figure: "the ministry's toll stands at 64", "has climbed to 90",
"went up to 830", "came to 49"."""


_LOSS_NOUNS = frozenset({"dead", "losses", "casualties"})


def _owned_levels(doc: Doc, found: list[Attribution]) -> list[Attribution]:
    """ "The ministry's weekly figure stood at 88", "Berg's tally has climbed to nearly 1,300": a
    figure a body owns is the owner's claim, though no verb of saying is there."""
    covered = _content_ids(found)
    out = []
    for noun in doc:
        # "The ministry's own dead rose to 51": a body's own losses are its count of them
        own_losses = noun.lower_ in _LOSS_NOUNS and noun.i > 0 and doc[noun.i - 1].lower_ == "own"
        latest = noun.lower_ == "latest" and noun.dep_ == "nsubj"  # "Agrifer's latest was 14"
        if noun.lower_ not in COUNT_NOUNS | _FIGURE_NOUNS and not own_losses and not latest:
            continue
        owner = (
            next((c for c in noun.children if c.dep_ == "poss"), None)
            or _keeper(noun)
            or _named_owner(noun)
        )
        if owner is None or noun.i in covered:
            continue
        verb = noun.head if noun.dep_ == "nsubj" else None
        if verb is None or verb.lemma_.lower() not in LEVEL_VERBS:
            # "Her figure for Eastern dead since ... now stands at 1,580": "dead" taken for the verb
            verb = _level_verb_after(noun)
        if verb is None:
            continue
        figure = _level_given(verb)
        if figure is None:
            continue
        if owner.dep_ in ("poss", "compound"):
            pieces = [doc[owner.right_edge.i + 1 : figure.right_edge.i + 1]]
        else:  # "A third tally, kept by ..., came to 49": the tally and its level
            pieces = [doc[noun.left_edge.i : noun.i + 1], doc[verb.i : figure.right_edge.i + 1]]
        content = tuple(p for p in (_trim(doc, piece) for piece in pieces) if p is not None)
        if not content:
            continue
        source = _without_case(doc[owner.left_edge.i : owner.right_edge.i + 1])
        out.append(Attribution(content, "according_to", source, (doc[noun.i : noun.i + 1],), 0.9))
    return out


def _named_owner(noun: Token) -> Token | None:
    """ "The Red Cross count reached 219", "The police figure was 260": a body named before the
    count owns it."""
    return next(
        (
            c
            for c in noun.children
            if c.dep_ == "compound"
            and (
                c.pos_ == "PROPN"
                and c.ent_type_ in ("ORG", "NORP", "")
                or c.pos_ == "NOUN"
                and c.lower_ in ORG_HEADS
            )
        ),
        None,
    )


def _keeper(noun: Token) -> Token | None:
    """ "A third tally, kept by parliamentary clerks and reported by Radio Aldora, came to 49":
    who keeps the count owns it."""
    for acl in noun.children:
        if acl.dep_ != "acl" or acl.i < noun.i:
            continue
        agent = next((c for c in acl.children if c.dep_ == "agent"), None)
        who = next((p for p in agent.children if p.dep_ == "pobj"), None) if agent else None
        if who is not None:
            return who
    return None


def _level_verb_after(noun: Token) -> Token | None:
    """ "The ministry's tally of people who have fallen ill since ... now stands at 261": when the
    parse loses the count's verb in a long subject, the first verb of level after it in its
    clause that gives a figure."""
    doc = noun.doc
    for tok in doc[noun.i + 1 : noun.sent.end]:
        if tok.text in (";", ":"):
            return None
        level = tok.pos_ == "VERB" and tok.lemma_.lower() in LEVEL_VERBS - {"be"}
        if level and _level_given(tok) is not None:
            return tok  # "stands at 261", not "have fallen ill" before it
    return None


def _level_given(verb: Token) -> Token | None:
    """The figure a verb of level gives: "at 64", "to 90", "passed 640", "was 88"."""
    for child in verb.rights:
        if child.dep_ == "prep" and child.lower_ in ("at", "to"):
            child = next((p for p in child.children if p.dep_ == "pobj"), child)
        elif child.dep_ not in ("dobj", "attr"):
            continue
        if any(_is_figure(t) for t in child.subtree) or _bare_number(child):
            return child
    return None


def _bare_number(tok: Token) -> bool:
    """ "..., published on Monday, was 97": a number alone after a verb of level is the level,
    though the tagger took it into the date before it; a year is not."""
    return tok.like_num and bare_count(tok.text)


HEARSAY_ADVERBS = frozenset({"reportedly", "allegedly", "purportedly", "supposedly"})
EMERGING_VERBS = frozenset({"emerge", "surface", "circulate", "mount", "grow", "spread"})
HEARSAY_NOUNS = frozenset({"claim", "report", "rumour", "rumor", "allegation", "suggestion"})


def _hedged_attributions(doc: Doc, found: list[Attribution]) -> list[Attribution]:
    """Claims with nobody behind them, kept so they can be flagged: "Reportedly, X", "X
    allegedly did Y", "claims are emerging that X"."""
    taken = {(a.content[0].start, a.content[-1].end) for a in found}
    cues = {t.i for a in found for piece in a.cue for t in piece}
    out = []
    for tok in doc:
        if tok.i in cues:
            continue
        content: tuple[Span, ...] = ()
        if tok.lower_ in HEARSAY_ADVERBS and tok.dep_ == "advmod":
            ids = set(_subtree_ids(tok.head)) - set(_subtree_ids(tok))
            content = _trimmed_runs(doc, ids)
        elif (
            tok.lemma_.lower() in HEARSAY_NOUNS
            and tok.pos_ == "NOUN"
            and not any(c.dep_ == "poss" for c in tok.children)
        ):
            clause = next((c for c in tok.children if c.dep_ in ("acl", "ccomp")), None)
            if clause is None and tok.dep_ == "nsubj" and tok.head.lemma_ in EMERGING_VERBS:
                # "claims are emerging that X": the clause hangs on the verb
                clause = next((c for c in tok.head.children if c.dep_ in ("ccomp", "advcl")), None)
            if clause is None:
                prep = next(
                    (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None
                )
                clause = (
                    next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
                )
            if clause is not None:
                content = _trimmed_runs(doc, set(_subtree_ids(clause)))
        if content and (content[0].start, content[-1].end) not in taken:
            out.append(Attribution(content, "unattributed", None, (doc[tok.i : tok.i + 1],), 0.5))
    return out


def content_pieces(cand: Candidate) -> tuple[Span, ...]:
    return _trimmed_runs(cand.cue.doc, content_ids(cand))


def content_ids(cand: Candidate) -> set[int]:
    head = cand.content_head
    if cand.config.startswith("quote:"):
        return {head.i}  # the quotation it opens is taken whole by `widen_to_quotes`
    if cand.up:
        excluded = set(_subtree_ids(cand.cue))
        return {i for i in _subtree_ids(head) if i not in excluded}
    ids = set(_subtree_ids(head)) - _second_statement_ids(head)
    ids |= _second_object_ids(cand.cue, head)
    if head.pos_ in ("NOUN", "PROPN", "PRON"):
        ids -= _aside_ids(head)
    if cand.cue.lemma_ in RAISING_CUES and cand.config in ("xcomp", "oprd"):
        ids |= _raised_subject_ids(cand.cue)
    return ids


def _second_object_ids(verb: Token, obj: Token) -> set[int]:
    """ "recorded 338 cases in Brisk and a thirteenth death": the second object, which the
    parse joins to the verb (see `_second_object`), and what stands between the two."""
    if obj.dep_ != "dobj" or obj.head.i != verb.i:
        return set()
    doc = verb.doc
    for cc in verb.rights:
        if cc.i > obj.i and _second_object(doc, cc):
            conj = next(c for c in verb.children if c.dep_ == "conj" and c.i > cc.i)
            between = range(obj.right_edge.i + 1, conj.right_edge.i + 1)
            if any(doc[i].is_punct for i in between):
                return set()
            return set(between)
    return set()


STATEMENT_LEMMAS = frozenset(
    {"say", "tell", "add", "insist", "claim", "report", "state", "announce", "confirm", "deny",
     "admit", "argue", "warn", "stress"}
)  # fmt: skip
"""Verbs of a statement that can follow another one in the same sentence ("said ..., and
insisted that ...")."""


def _second_statement_ids(head: Token) -> set[int]:
    """ "it said seven people had died, and insisted that no more than 30 had been there": the
    parse hangs the second statement on the first one's verb; it is not part of the first."""
    out: set[int] = set()
    for child in head.rights:
        if (
            child.dep_ == "conj"
            and child.lemma_.lower() in STATEMENT_LEMMAS
            and not any(c.dep_ in SUBJECT_DEPS for c in child.children)
            and any(c.dep_ == "ccomp" for c in child.children)
        ):
            start = child.left_edge.i
            while start > head.i + 1 and head.doc[start - 1].dep_ in ("cc", "punct"):
                start -= 1
            out |= set(range(start, child.right_edge.i + 1))
    return out


def _outer_speaker(verb: Token) -> Token | None:
    """The verb of saying whose statement holds `verb`'s head, when `verb` is a second statement
    coordinated inside it (see `_second_statement_ids`)."""
    head = verb.head
    if verb.dep_ != "conj" or head.dep_ != "ccomp":
        return None
    outer = head.head
    return outer if outer.lemma_.lower() in STATEMENT_LEMMAS else None


NONRESTRICTIVE = frozenset({"who", "whom", "whose", "which", "where", "when"})


def _aside_ids(noun: Token) -> set[int]:
    """A relative clause set off by a comma at the end of a noun content is the writer's aside,
    not what was said: "praised the governor, who dropped out on Monday"."""
    doc = noun.doc
    end = noun.right_edge.i
    for child in noun.rights:
        start = child.left_edge.i
        if (
            child.dep_ == "relcl"
            and start > 0
            and doc[start - 1].text == ","
            and doc[start].lower_ in NONRESTRICTIVE
            and all(t.is_punct or t.is_space for t in doc[child.right_edge.i + 1 : end + 1])
        ):
            return set(range(start - 1, end + 1))
    return set()


def _raised_subject_ids(cue: Token) -> set[int]:
    """In "the plan seems to work" the raised subject belongs to the claim, not to a source."""
    for child in cue.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ not in ("it", "there"):
            return set(_subtree_ids(child))
    return set()


SPEECH_LEMMAS = frozenset("say tell add continue write ask explain insist note argue".split())


def widen_to_quotes(cand: Candidate, ids: set[int], quotes: list[Quotation]) -> set[int]:
    """A content touching a quotation takes all of it, and the quotation that continues it after
    the cue's sentence; a cue inside a quotation keeps its content inside too."""
    if not quotes or not ids:
        return ids
    doc = cand.cue.doc
    own = quote_at(quotes, cand.cue.i)
    if own is not None:
        return {i for i in ids if own.covers(i)}
    widened = set(ids)
    touched = False
    for q in quotes:
        if any(q.covers(i) for i in ids):
            widened.update(range(q.start, q.end))
            touched = True
    if touched:
        sentence = cand.cue.sent
        for q in quotes:  # "“A,” she said, “B.”": the quotation resumes after the cue
            if cand.cue.i < q.start < sentence.end and q.start - cand.cue.i <= 6:
                widened.update(range(q.start, q.end))
        after = continuation(doc, quotes, sentence.end)
        if after is not None and not _has_own_cue(doc, after):
            widened.update(range(after.start, after.end))
    return widened


def _has_own_cue(doc: Doc, q: Quotation) -> bool:
    last = doc[q.end - 1].sent
    return any(
        t.lemma_ in SPEECH_LEMMAS and not q.covers(t.i) for t in doc[q.end : max(q.end, last.end)]
    )


def cue_pieces(cand: Candidate) -> tuple[Span, ...]:
    doc = cand.cue.doc
    tok = cand.cue
    ids = {tok.i}
    ids.update(c.i for c in tok.children if c.dep_ in ("prt", "aux", "auxpass", "neg"))
    if cand.config.startswith("prep:") and cand.config.split(":")[1] in ("to", "that"):
        ids.update(c.i for c in tok.children if c.dep_ == "prep")
    if tok.lower_ == "according":
        ids.update(c.i for c in tok.children if c.dep_ == "prep" and c.lower_ == "to")
    return _runs(doc, ids)


PUBLISH_VERBS = frozenset({"issue", "release", "publish", "post", "circulate", "distribute"})
"""How a statement came out: "a statement issued on Monday" says when, not what."""


def _statement_clause(cue: Token) -> Token | None:
    """ "The General Staff, in a written statement released the same evening, said its troops
    held ...": the parse can make "released" a clause of "said" with the speaker as its
    subject, leaving "said" with none. That clause, whose subject is the real speaker."""
    if cue.pos_ != "VERB" or any(c.dep_ in SUBJECT_DEPS for c in cue.children):
        return None
    for child in cue.lefts:
        if child.dep_ == "ccomp" and child.lemma_.lower() in PUBLISH_VERBS:
            if any(c.dep_ in SUBJECT_DEPS for c in child.children):
                return child
    return None


def _publication(cand: Candidate) -> bool:
    """ "a statement issued on Monday": the participle after a noun cue is no content."""
    head = cand.content_head
    return (
        cand.cue.pos_ == "NOUN"
        and head.dep_ == "acl"
        and head.tag_ == "VBN"
        and head.lemma_.lower() in PUBLISH_VERBS
    )


RAISING_CUES = frozenset({"seem", "appear"})
"""'Russia seems to have stepped up its attacks': nobody is cited; Russia is part of the claim."""


def find_source(cand: Candidate) -> Span | None:
    tok = cand.cue
    doc = tok.doc
    if tok.lemma_ in RAISING_CUES:
        return None
    if tok.lower_ == "according":
        for prep in tok.children:
            if prep.dep_ == "prep":
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        return doc[obj.left_edge.i : obj.right_edge.i + 1]
        return None
    subject = _subject(tok, cand.content_head)
    if subject is None and (clause := _statement_clause(tok)) is not None:
        subject = next(c for c in clause.children if c.dep_ in SUBJECT_DEPS)
    if subject is None:
        return None
    if subject.lower_ in PRONOUN_RELATIVES and tok.dep_ == "relcl":
        subject = tok.head
        return doc[_noun_start(subject) : subject.i + 1]
    if subject.dep_ == "expl" or subject.lower_ == "it" and _is_passive(tok):
        return None
    appos = next((c for c in subject.children if c.dep_ == "appos"), None)
    if (
        appos is not None
        and subject.i >= 1
        and doc[subject.i - 1].pos_ == "ADP"
        and doc[subject.i - 1].is_sent_start
        and doc[subject.i + 1].text == ","
    ):
        # "Over Korvin, the Federation's Defence Ministry reported ...": the parse made the
        # opening place the subject and the speaker its apposition
        return doc[appos.left_edge.i : appos.right_edge.i + 1]
    named = _named_after_a_list(subject) or _named_after_a_clause(subject)
    if named is not None:
        return doc[named.left_edge.i : named.right_edge.i + 1]
    if tok.dep_ == "acl" and tok.head.i == subject.i and subject.dep_ == "ROOT":
        # "In Dalsk, ..., the UN refugee agency estimated on Friday that ...": the parse makes
        # the agency the sentence's root; its source is the noun phrase, not all it governs
        return doc[_phrase_start(subject) : subject.i + 1]
    return _after_fronted_place(
        _after_dateline(_within_paragraph(doc[subject.left_edge.i : subject.right_edge.i + 1], tok))
    )


def _named_after_a_list(subject: Token) -> Token | None:
    """ "..., killing two people, the night baker and his son, Governor Ivo Stan said": the parse
    coordinates the speaker with the dead listed before; the speaker is the name set off by a
    comma alone after a list of common nouns."""
    if subject.ent_type_ or subject.pos_ == "PRON":
        return None
    rights = [c for c in subject.rights if c.dep_ in ("conj", "appos")]
    if len(rights) < 2 or not any(c.dep_ == "cc" for c in subject.children):
        return None  # the parse makes the name a third conjunct or an apposition
    last = rights[-1]
    before = subject.doc[last.left_edge.i - 1]
    if before.text != "," or last.ent_type_ not in ("PERSON", "ORG"):
        return None
    if any(c.ent_type_ in ("PERSON", "ORG") for c in rights[:-1]):
        return None  # "Smith, Jones, Brown": a list of speakers
    return last


def _named_after_a_clause(subject: Token) -> Token | None:
    """ "the ministry's roll of soldiers missing lengthened to 34, and spokeswoman Anna Berg
    repeated that ...": the parse takes the clause's verb for a participle and coordinates the
    speaker with its subject; the speaker is the name after ", and"."""
    rights = [c for c in subject.rights if c.dep_ == "conj"]
    if len(rights) != 1 or rights[0].ent_type_ not in ("PERSON", "ORG"):
        return None
    last = rights[0]
    doc = subject.doc
    start = last.left_edge.i
    if start < 2 or doc[start - 2].text != "," or doc[start - 1].lower_ != "and":
        return None
    clause = doc[subject.i + 1 : start - 2]
    if any(
        t.tag_ in ("VBD", "VBN")
        and t.dep_ in ("acl", "relcl")
        and any(d.like_num for d in t.subtree)
        and not any(c.dep_ == "nsubj" for c in t.children)
        for t in clause
    ):
        return last
    return None


_FRONTED_PLACE = frozenset({"north", "south", "east", "west"})


def _after_fronted_place(span: Span) -> Span:
    """ "North of Lenne, General Staff spokesman Pavel Orlov": where the story turns, which the
    parse took into the speaker's phrase."""
    if len(span) < 5 or span[0].lower_ not in _FRONTED_PLACE or span[1].lower_ != "of":
        return span
    comma = next((t.i for t in span if t.text == ","), None)
    if comma is None or comma + 1 >= span.end:
        return span
    return span.doc[comma + 1 : span.end]


_DATELINE_TOKENS = 14
"""A dateline is short: "EASTPORT, Jan 6 (Eastport Daily) -" is nine tokens."""


def _after_dateline(span: Span) -> Span:
    """ "EASTPORT, Jan 6 (Eastport Daily) - Anna Berg, ...": the dateline glued to the first
    sentence is not part of its subject, nor of its content."""
    for t in span[:_DATELINE_TOKENS]:
        if t.text in ("-", "–", "—") and t.i > span.start and span.doc[t.i - 1].text == ")":
            return span.doc[t.i + 1 : span.end] if t.i + 1 < span.end else span
    return span


def _within_paragraph(span: Span, cue: Token) -> Span:
    """A headline glued to the first sentence is not part of its subject: keep the paragraph
    nearest the cue."""
    breaks = [t.i for t in span if t.is_space and "\n" in t.text]
    if not breaks:
        return span
    if cue.i >= span.end:
        return span.doc[breaks[-1] + 1 : span.end]
    return span.doc[span.start : breaks[0]]


def _subject(tok: Token, content_head: Token) -> Token | None:
    """The cue's subject, or the agent of a passive cue; a subjectless cue ("by telling", "to
    say") borrows its governor's. The patient of a passive cue is not its source."""
    seen = 0
    while tok is not None and seen < 5:
        subjects = [c for c in tok.children if c.dep_ in SUBJECT_DEPS and c.i != content_head.i]
        if subjects:
            return _nearest_subject(subjects, tok)
        for child in tok.children:
            if child.dep_ == "agent":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return obj
        if _is_passive(tok):
            return None
        lent = _subject_of_participle_before(tok)
        if lent is not None:
            return lent
        if tok.pos_ in ("NOUN", "PROPN"):
            for child in tok.children:
                if child.dep_ == "poss":
                    return child
                if child.dep_ == "prep" and child.lower_ in ("by", "from"):
                    for obj in child.children:
                        if obj.dep_ == "pobj" and obj.i != content_head.i:
                            return obj
            if tok.dep_ in ("dobj", "attr", "pobj") and tok.head.i != tok.i:
                tok = tok.head
                seen += 1
                continue
        if tok.dep_ in CLIMB_DEPS and tok.head.i != tok.i:
            if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
                return tok.head
            outer = _outer_speaker(tok) if tok.lemma_.lower() in STATEMENT_LEMMAS else None
            tok = outer if outer is not None else tok.head
            seen += 1
            continue
        return None
    return None


def _subject_of_participle_before(verb: Token) -> Token | None:
    """ "Tomas Reid, addressing a rally outside the court, said ...": the parse hangs the
    speaker on the participle set off before the verb."""
    for clause in verb.lefts:
        if clause.dep_ == "advcl" and clause.tag_ == "VBG":
            subject = next((c for c in clause.lefts if c.dep_ == "nsubj"), None)
            if subject is not None:
                return subject
    return None


def _nearest_subject(subjects: list[Token], cue: Token) -> Token:
    """ "Geneva: The WHO said ...", "Inside Lenne, the Red Cross counted ...": the parse makes
    the phrase fronted before the speaker a second subject of the cue; the speaker is the
    subject nearest the cue."""
    before = [s for s in subjects if s.i < cue.i]
    return before[-1] if before else subjects[0]


def _is_passive(tok: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)


_PHRASE_DEPS = frozenset({"det", "compound", "amod", "poss", "nmod", "nummod", "case", "punct"})


def _phrase_start(tok: Token) -> int:
    """Where the noun phrase ending at `tok` starts: its determiners and modifiers right before
    it, not clauses hung on its left."""
    start = tok.i
    for left in reversed(list(tok.lefts)):
        if left.dep_ not in _PHRASE_DEPS or left.right_edge.i != start - 1 or left.text == ",":
            break
        start = left.left_edge.i
    return start


def _noun_start(tok: Token) -> int:
    return min([tok.i] + [c.left_edge.i for c in tok.lefts])


def _kind(cand: Candidate, ids: set[int], quotes: list[Quotation]) -> ClaimKind:
    if inside_share(ids, quotes) > 0.5:
        return "direct_quote"
    if cand.cue.lower_ == "according":
        return "according_to"
    return "indirect"


def _subtree_ids(tok: Token) -> Iterator[int]:
    return (t.i for t in tok.subtree)


def _trimmed_runs(doc: Doc, ids: set[int]) -> tuple[Span, ...]:
    return tuple(
        piece
        for piece in (_trim(doc, s) for s in _runs(doc, ids))
        if piece is not None and len(piece)
    )


def _runs(doc: Doc, ids: set[int]) -> tuple[Span, ...]:
    if not ids:
        return ()
    ordered = sorted(ids)
    runs: list[Span] = []
    start = prev = ordered[0]
    for i in ordered[1:]:
        if i != prev + 1:
            runs.append(doc[start : prev + 1])
            start = i
        prev = i
    runs.append(doc[start : prev + 1])
    return tuple(runs)


def _trim(doc: Doc, span: Span) -> Span | None:
    """Without edge commas and dashes; a piece of punctuation alone is no content."""
    start, end = span.start, span.end
    while start < end and (doc[start].text in EDGE_PUNCT or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].text in TRAILING_PUNCT or doc[end - 1].is_space):
        end -= 1
    if all(t.is_punct or t.is_space for t in doc[start:end]):
        return None
    return _after_dateline(doc[start:end])


def _best_per_content(found: list[Attribution]) -> list[Attribution]:
    """One attribution per content: the most probable cue wins, over the same tokens or mostly
    the same (a quotation reached from two cues, with and without its continuation); a cue
    claims no part of what it already claims whole."""
    kept: list[tuple[Attribution, set[int]]] = []
    for a in sorted(found, key=lambda a: -a.score):
        ids = {i for piece in a.content for i in range(piece.start, piece.end)}
        if all(
            len(ids & other) * 2 <= len(ids | other)
            and not (ids <= other and _cue_ids(a) == _cue_ids(b))
            for b, other in kept
        ):
            kept.append((a, ids))
    return sorted((a for a, _ in kept), key=lambda a: a.content[0].start)


def _cue_ids(a: Attribution) -> set[int]:
    return {t.i for piece in a.cue for t in piece}
