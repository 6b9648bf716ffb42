"""Who-claims-what summaries for people: plain text for the command line.

Claims are grouped by claimant in the order claimants first speak; anonymous sources keep their own
words ("Local officials") as a heading, and claims with no source at all come last, under
"Unattributed". Every piece says whether it is a quote or a paraphrase and whether it is hedged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from claims.model import Claim, Extraction, Figure

UNATTRIBUTED = "Unattributed"
KIND_LABEL = {
    "direct_quote": "quote",
    "indirect": "paraphrase",
    "according_to": "according to",
    "unattributed": "unattributed",
}


@dataclass
class ClaimantGroup:
    """The claims of one claimant, with how the heading describes them."""

    heading: str
    kind: str
    roles: list[str] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


def group_claims(claims: Sequence[Claim]) -> list[ClaimantGroup]:
    groups: dict[str, ClaimantGroup] = {}
    for claim in claims:
        if claim.claimant:
            key, heading = claim.claimant, claim.claimant
        elif claim.source is not None:
            key = heading = f"Unnamed: {claim.source.text.strip(' ,')}"
        else:
            key = heading = UNATTRIBUTED
        group = groups.setdefault(key, ClaimantGroup(heading, claim.claimant_kind))
        role = _role(claim)
        if role and role not in group.roles:
            group.roles.append(role)
        group.claims.append(claim)
    ordered = [g for k, g in groups.items() if k != UNATTRIBUTED]
    if UNATTRIBUTED in groups:
        ordered.append(groups[UNATTRIBUTED])
    return ordered


def _role(claim: Claim) -> str | None:
    if claim.speaker and claim.claimant_role:
        return f"{claim.claimant_role} {claim.speaker}"
    return claim.speaker or claim.claimant_role


def content_text(claim: Claim, text: str | None = None) -> str:
    """The claim's words; a quotation split by its cue is shown as its pieces joined by '…'."""
    if claim.content.parts and text is not None:
        return " … ".join(text[s:e] for s, e in claim.content.parts)
    return claim.content.text


def figure_text(figure: Figure) -> str:
    return f"{figure.text} ({figure.what})" if figure.what else figure.text


def summary_counts(extraction: Extraction) -> str:
    claimants = {c.claimant for c in extraction.claims if c.claimant}
    unattributed = sum(1 for c in extraction.claims if c.source is None)
    hedged = sum(1 for c in extraction.claims if c.hedged)
    return (
        f"{len(extraction.claims)} claims from {len(claimants)} named claimants; "
        f"{unattributed} unattributed, {hedged} hedged"
    )


def render_text(extraction: Extraction, text: str, *, width: int = 100) -> str:
    lines: list[str] = []
    if extraction.title:
        lines += [extraction.title, "=" * min(len(extraction.title), width)]
    if not extraction.claims:
        lines.append("No claims found: nobody in this text is reported as saying anything.")
        return "\n".join(lines) + "\n"
    lines += [summary_counts(extraction), ""]
    for group in group_claims(extraction.claims):
        heading = group.heading
        if group.heading != UNATTRIBUTED:
            heading += f" [{group.kind}]"
        if group.roles:
            heading += " — " + "; ".join(group.roles)
        lines.append(heading)
        for claim in group.claims:
            tags = [KIND_LABEL[claim.kind]] + (["hedged"] if claim.hedged else [])
            lines.append(f"  • ({', '.join(tags)}) {_one_line(content_text(claim, text))}")
            details = []
            if claim.figures:
                details.append("figures: " + "; ".join(figure_text(f) for f in claim.figures))
            if claim.when:
                details.append(f"when: {claim.when}")
            if claim.places:
                details.append("places: " + ", ".join(claim.places))
            if details:
                lines.append("      " + " · ".join(details))
        lines.append("")
    return "\n".join(lines)


def _one_line(value: str) -> str:
    return " ".join(value.split())
