"""Finds attribution relations (source, cue, content) in a parsed block.

Placeholder rules; the learned engine replaces them.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from claims.model import ClaimKind

REPORTING_VERBS = frozenset(
    "say tell claim report state add warn announce insist declare explain inform deny "
    "confirm argue note write believe think".split()
)


@dataclass(frozen=True, slots=True)
class Attribution:
    """Token-level attribution in one block; `content` may be several pieces (a split quote)."""

    content: tuple[Span, ...]
    kind: ClaimKind
    source: Span | None = None
    cue: tuple[Span, ...] = ()


def find_attributions(doc: Doc) -> list[Attribution]:
    out: list[Attribution] = []
    for tok in doc:
        if tok.pos_ != "VERB" or tok.lemma_ not in REPORTING_VERBS:
            continue
        comp = [c for c in tok.children if c.dep_ in ("ccomp", "xcomp")]
        subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not comp:
            continue
        content = _subtree(doc, comp[0])
        source = _subtree(doc, subj[0]) if subj else None
        out.append(
            Attribution(content=(content,), kind="indirect", source=source, cue=(doc[tok.i : tok.i + 1],))
        )
    return out


def _subtree(doc: Doc, tok: Token) -> Span:
    return doc[tok.left_edge.i : tok.right_edge.i + 1]
