"""The simplification passes, in the order they run.

1. :class:`GroupRepeatedBlocksPass` wraps repeated operator blocks of flat
   modules into modules (it rebuilds the graph, so it goes first);
2. :class:`HideCaptureNoisePass` hides dead operators, export bookkeeping and
   container plumbing (drawing edges through the plumbing instead);
3. :class:`GroupHelperRegionsPass` groups the masks and position ids computed
   beside the model into one closed module each;
4. :class:`EmbedConstantsPass` turns parameters and constants into details of
   their consumers: the largest reduction, and it keeps weights out of the
   structure that stacking compares and out of the fan-out statistics;
5. :class:`StackIsomorphicModulesPass` draws isomorphic siblings as one stack,
   so that edges between layers end up inside the stack;
6. :class:`PruneEdgesPass` moves high fan-out and long cross-module edges to
   port stubs, removing the usual cause of interleaved modules;
7. :class:`RemoveCyclesPass` reverses the fewest drawn edges (weighted by the
   original edges they carry) so every view is acyclic; it runs last because it
   must see exactly what is drawn.
"""

from tb_plugin.passes._infra import FoldPass, FoldState, PassError, PassResult, run_passes
from tb_plugin.passes.embed_constants import EmbedConstantsPass
from tb_plugin.passes.group_blocks import GroupRepeatedBlocksPass
from tb_plugin.passes.group_helpers import GroupHelperRegionsPass
from tb_plugin.passes.hide_noise import HideCaptureNoisePass
from tb_plugin.passes.prune_edges import PruneEdgesPass
from tb_plugin.passes.remove_cycles import RemoveCyclesPass
from tb_plugin.passes.stack_modules import StackIsomorphicModulesPass

__all__ = [
    "EmbedConstantsPass",
    "FoldPass",
    "FoldState",
    "GroupHelperRegionsPass",
    "GroupRepeatedBlocksPass",
    "HideCaptureNoisePass",
    "PassError",
    "PassResult",
    "PruneEdgesPass",
    "RemoveCyclesPass",
    "StackIsomorphicModulesPass",
    "default_passes",
    "run_passes",
]


def default_passes() -> list[FoldPass]:
    return [
        GroupRepeatedBlocksPass(),
        HideCaptureNoisePass(),
        GroupHelperRegionsPass(),
        EmbedConstantsPass(),
        StackIsomorphicModulesPass(),
        PruneEdgesPass(),
        RemoveCyclesPass(),
    ]
