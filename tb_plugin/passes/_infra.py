"""The small infrastructure of the folding passes.

A pass takes a :class:`FoldState` and returns a :class:`PassResult` holding a
new state; states are immutable, so a pass never changes its input (the base
class checks that claim when checks are on). ``requires`` and ``ensures`` state
a pass's pre- and postconditions; they run around every call with
``check=True``, which the tests turn on for every graph they fold.
"""

from __future__ import annotations

import abc
import dataclasses
import time
from collections.abc import Mapping
from typing import ClassVar

from tb_plugin import ir
from tb_plugin.hierarchy import Hierarchy

__all__ = ["FoldPass", "FoldState", "PassError", "PassResult", "run_passes"]


class PassError(RuntimeError):
    """A pass broke its contract; the message names the pass and the violation."""


@dataclasses.dataclass(frozen=True)
class FoldState:
    """Everything the passes know about one graph. Fields are set by the passes in order."""

    graph: ir.Graph
    hierarchy: Hierarchy
    # per original edge id: True when the producer is embedded into its consumer
    embedded: tuple[bool, ...] | None = None
    # original edge id -> why it was pruned into port stubs ("fan_out" or "long")
    pruned: Mapping[int, str] = dataclasses.field(default_factory=dict)
    # isomorphic sibling modules drawn as one item (tb_plugin.passes.stacking.Stack)
    stacks: tuple = ()
    # module id -> (source item, target item) pairs drawn reversed in that module's view
    reversed: Mapping[int, frozenset[tuple[int, int]]] | None = None
    # module id -> drawn item edges of its view, as cycle removal saw them (a cache for the views)
    drawn: Mapping[int, dict] | None = dataclasses.field(default=None, compare=False)
    # the item edges of every view after pruning, as prune_edges computed them, for cycle removal: use
    # through current_pruned_levels(), which checks that hierarchy, stacks and pruned edges are still those
    pruned_levels: tuple | None = dataclasses.field(default=None, compare=False, repr=False)
    # pass name -> what it reported
    reports: Mapping[str, dict] = dataclasses.field(default_factory=dict)

    @classmethod
    def of(cls, graph: ir.Graph) -> "FoldState":
        return cls(graph=graph, hierarchy=Hierarchy(graph))

    def current_pruned_levels(self) -> Mapping[int, dict] | None:
        """The cached item edges after pruning, or ``None`` when absent or computed for another state."""
        if self.pruned_levels is None:
            return None
        hierarchy, stacks, pruned, levels = self.pruned_levels
        current = hierarchy is self.hierarchy and stacks is self.stacks and pruned is self.pruned
        return levels if current else None

    def fingerprint(self) -> tuple:
        """A cheap identity of the contents, to detect a pass that mutated its input."""
        return (
            id(self.graph), len(self.graph.nodes), len(self.graph.modules), self.embedded,
            tuple(sorted(self.pruned.items())), self.stacks,
            None if self.reversed is None else tuple(sorted((k, tuple(sorted(v))) for k, v in self.reversed.items())),
        )


@dataclasses.dataclass(frozen=True)
class PassResult:
    state: FoldState
    modified: bool
    report: dict


class FoldPass(abc.ABC):
    """Base of every folding pass: settings go to ``__init__`` as keyword arguments."""

    name: ClassVar[str]

    def requires(self, state: FoldState) -> None:
        """Raise :class:`PassError` if ``state`` is not ready for this pass."""

    def ensures(self, state: FoldState) -> None:
        """Raise :class:`PassError` if the pass's output breaks its postcondition."""

    @abc.abstractmethod
    def call(self, state: FoldState) -> PassResult: ...

    def __call__(self, state: FoldState, *, check: bool = False) -> PassResult:
        if check:
            self.requires(state)
            before = state.fingerprint()
        start = time.perf_counter()
        result = self.call(state)
        report = dict(result.report, seconds=round(time.perf_counter() - start, 4))
        result = dataclasses.replace(
            result, report=report, state=dataclasses.replace(result.state, reports={**result.state.reports, self.name: report})
        )
        if check:
            if state.fingerprint() != before:
                raise PassError(f"pass {self.name} changed its input state; passes must return a new state")
            self.ensures(result.state)
        return result


def run_passes(graph: ir.Graph, passes: list[FoldPass], *, check: bool = False) -> FoldState:
    """Fold ``graph`` with ``passes`` in order and return the final state."""
    state = FoldState.of(graph)
    for fold_pass in passes:
        state = fold_pass(state, check=check).state
    return state
