"""What every layout module provides, and what they are given."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from functools import cached_property
from typing import ClassVar

from actionplans.records import Action, ContextRow, Recommendation
from extractors.model import SourceDoc
from extractors.statements import Stated, stated_recommendations
from extractors.tables import ActionTable, doc_to_action_tables


@dataclass
class Context:
    """A document read into blocks, with what several layouts look for computed once."""

    doc: SourceDoc

    @cached_property
    def tables(self) -> list[ActionTable]:
        return doc_to_action_tables(self.doc)

    @cached_property
    def stated(self) -> list[Stated]:
        return stated_recommendations(self.doc)

    def extractor(self, layout: str) -> str:
        flavour = f":{self.doc.flavour}" if self.doc.flavour else ""
        return f"{self.doc.reader}{flavour}/{layout}"


@dataclass
class LayoutResult:
    """What a layout read: records, and notes on how much to trust them."""

    recommendations: list[Recommendation] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    context: list[ContextRow] = field(default_factory=list)
    report: list[str] = field(default_factory=list)


class Layout(ABC):
    """One way plans lay out their actions.

    ``score`` says how well the document fits (0 = not at all, 1 = surely);
    the registry picks the best-scoring layout and calls ``extract``.
    """

    name: ClassVar[str]
    description: ClassVar[str]

    @abstractmethod
    def score(self, ctx: Context) -> float: ...

    @abstractmethod
    def extract(self, ctx: Context) -> LayoutResult: ...
