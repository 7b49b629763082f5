"""The layout registry: one module per way plans lay out their actions.

``LAYOUTS`` is the single list of layout names.  ``choose`` scores a document
against every layout and picks the best; ties go to the layout listed first.
"""

from __future__ import annotations

from extractors.layouts.base import Context, Layout, LayoutResult
from extractors.layouts.flowed import FlowedLayout
from extractors.layouts.narrative import NarrativeLayout
from extractors.layouts.sectioned import SectionedLayout
from extractors.layouts.table import TableLayout
from extractors.layouts.themed import ThemedLayout

LAYOUTS: dict[str, type[Layout]] = {
    cls.name: cls for cls in (TableLayout, SectionedLayout, FlowedLayout, ThemedLayout, NarrativeLayout)
}


def choose(ctx: Context, only: str | None = None) -> Layout | None:
    """The layout that fits ``ctx`` best (or the one named ``only``), ``None`` if none fits."""
    if only is not None:
        if only not in LAYOUTS:
            raise ValueError(f"unknown layout {only!r}; known layouts: {', '.join(LAYOUTS)}")
        return LAYOUTS[only]()
    best: tuple[float, Layout] | None = None
    for cls in LAYOUTS.values():
        layout = cls()
        score = layout.score(ctx)
        if score > 0 and (best is None or score > best[0]):
            best = (score, layout)
    return best[1] if best else None


__all__ = ["LAYOUTS", "Context", "Layout", "LayoutResult", "choose"]
