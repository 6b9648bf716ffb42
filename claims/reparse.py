"""Mend misparses of reported speech that the small English parser makes often enough to lose
claims, before attributions are read from the tree.

- "said its own dead at Tarva had reached 43": the parser takes "its own dead" for what was said
  (an object, or a modifier of the verb) and hangs "had reached 43" on the verb as a clause of
  its own, so the claim reads "its own dead at Tarva" and its figure goes to a claim of "had
  reached". The noun is the subject of the clause that follows it, and that clause is what was
  said.
- "said in a statement the same day that 15 people had died": the parser hangs the that-clause
  on "day" as a relative clause. A relative clause's "that" is its subject or object; a "that"
  before a clause with a subject of its own marks what was said.
- "by the Red Cross's reckoning each side has now recovered 626 men": the parser reads
  "reckoning" as a verb whose subject is the Red Cross and whose object is "each side". It is
  the Red Cross's count, and "each side" is the subject of what follows.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

SAYING = frozenset(
    {"say", "tell", "add", "insist", "claim", "report", "state", "announce", "confirm", "deny",
     "admit", "argue", "warn", "stress", "repeat", "maintain", "acknowledge", "estimate"}
)  # fmt: skip
"""Verbs whose object is what was said; "estimate" for "estimated the toll had reached 40"."""

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
_TIMES = frozenset({"DATE", "TIME"})


_COUNTS = frozenset({"count", "tally", "reckoning", "estimate", "estimates"})


def mend_reported_speech(doc: Doc) -> Doc:
    """The same doc, its reported clauses hung on their verbs of saying (see the module)."""
    for tok in doc:
        if tok.lower_ in _COUNTS and tok.dep_ == "pcomp":
            _count_read_as_verb(tok)
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in SAYING:
            continue
        _object_as_subject(tok)
        _that_clause_on_time(tok)
    return doc


def _count_read_as_verb(count: Token) -> None:
    """ "by [the Red Cross's reckoning] [each side has now recovered 626 men]"."""
    prep = count.head
    if prep.lower_ not in ("by", "in") or prep.head.pos_ not in ("VERB", "AUX"):
        return
    owner = next((c for c in count.lefts if c.dep_ == "nsubj"), None)
    thing = next((c for c in count.rights if c.dep_ == "dobj"), None)
    if owner is None or thing is None or not any(c.dep_ == "case" for c in owner.children):
        return  # "the Red Cross's": an owner, not a subject
    if any(c.dep_ in _SUBJECTS for c in prep.head.children) or thing.i > prep.head.i:
        return
    owner.dep_ = "poss"
    count.dep_ = "pobj"
    count.pos_ = "NOUN"
    thing.head = prep.head
    thing.dep_ = "nsubj"


def _finite(verb: Token) -> bool:
    return verb.tag_ in ("VBD", "VBZ", "VBP") or any(
        c.dep_ in ("aux", "auxpass") for c in verb.children
    )


def _object_as_subject(verb: Token) -> None:
    """ "said [its own dead at Tarva] [had reached 43]", "said, [Northern dead since November
    27] [were close to 2,500]": the object (or modifier) is the clause's subject."""
    obj = next((c for c in verb.rights if c.dep_ in ("dobj", "advmod", "npadvmod")), None)
    if obj is None or obj.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "ADJ"):
        return
    clause = next(
        (c for c in verb.rights if c.dep_ == "advcl" and c.i > obj.i and c.pos_ in ("VERB", "AUX")),
        None,
    )
    if clause is None or clause.left_edge.i != obj.right_edge.i + 1 or not _finite(clause):
        return
    if any(c.dep_ in _SUBJECTS or _conjunction(c) for c in clause.children):
        return  # "said three things when he arrived": a clause of its own
    passive = any(c.dep_ == "auxpass" for c in clause.children)
    obj.head = clause
    obj.dep_ = "nsubjpass" if passive else "nsubj"
    clause.dep_ = "ccomp"


def _conjunction(tok: Token) -> bool:
    """A clause's "when", "because"; not "since Monday", which the parser takes for one too."""
    return tok.dep_ == "mark" and not any(c.dep_ == "pobj" for c in tok.children)


def _that_clause_on_time(verb: Token) -> None:
    """ "said ... the same day [that 15 people had died]": the clause is what was said."""
    for when in list(verb.rights):
        if not (when.dep_ == "npadvmod" or when.dep_ == "dobj" and when.ent_type_ in _TIMES):
            continue
        for clause in list(when.rights):
            if clause.dep_ != "relcl" or clause.pos_ not in ("VERB", "AUX"):
                continue
            marks = [c for c in clause.children if c.dep_ == "mark" and c.lower_ == "that"]
            if not marks or marks[0].i != clause.left_edge.i:
                continue
            if not any(c.dep_ in _SUBJECTS for c in clause.children):
                continue
            clause.head = verb
            clause.dep_ = "ccomp"
            return
