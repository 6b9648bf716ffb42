"""A story's figures over time as a PNG: one series per claimant, sources in the legend."""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from storage.repository import StoredClaim


def timeline_chart(title: str, claims: Sequence[StoredClaim]) -> bytes | None:
    """None when fewer than two claims of the story give a figure: nothing to draw."""
    series: dict[str, list[tuple[datetime, float]]] = defaultdict(list)
    sources: dict[str, set[str]] = defaultdict(set)
    for claim in claims:
        if not claim.values:
            continue
        who = claim.claimant or "unattributed"
        series[who].append((claim.published_on, claim.values[0]))
        sources[who].add(claim.outlet or claim.article_title or "article")
    if sum(len(points) for points in series.values()) < 2:
        return None

    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.dates import DateFormatter

    fig, ax = plt.subplots(figsize=(8, 4.5), dpi=100)
    try:
        for who, points in series.items():
            points.sort(key=lambda p: p[0])
            xs = [p[0] for p in points]
            ys = [p[1] for p in points]
            label = f"{who} ({', '.join(sorted(sources[who]))[:60]})"
            ax.plot(xs, ys, marker="o", label=label)  # type: ignore[arg-type]
        ax.set_title(title)
        ax.set_ylabel("figure given")
        ax.xaxis.set_major_formatter(DateFormatter("%d %b"))  # type: ignore[no-untyped-call]
        ax.grid(alpha=0.3)
        ax.legend(fontsize="small", loc="best")
        fig.autofmt_xdate()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", bbox_inches="tight")
        return buffer.getvalue()
    finally:
        plt.close(fig)
