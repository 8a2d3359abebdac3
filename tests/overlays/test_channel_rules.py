"""The per-op rules of the channel trace, on hand-built IR nodes."""

from __future__ import annotations

import numpy as np
import pytest

from tb_plugin import ir
from tb_plugin.overlays.channel_rules import IDENTITY, ChannelWindow, channel_routes, op_stem, reshape_source_axis


def _graph(op: str, in_shapes: list[tuple], out_shapes: list[tuple], **attrs) -> tuple[ir.Graph, ir.Node]:
    """Inputs ``i0, i1, ...`` of the given shapes feeding one op node ``n``."""
    g = ir.Graph()
    for k, shape in enumerate(in_shapes):
        g.add_node(ir.Node(f"i{k}", "input", ir.NodeKind.INPUT, outputs=(ir.TensorType(shape, "float32"),)))
    node = ir.Node("n", op, inputs=tuple(ir.InputRef(f"i{k}") for k in range(len(in_shapes))),
                   outputs=tuple(ir.TensorType(s, "float32") for s in out_shapes), attrs=attrs)
    return g, g.add_node(node)


class TestOpStem:
    @pytest.mark.parametrize(("op", "stem"), [
        ("aten.relu.default", "relu"), ("aten.relu_.default", "relu"), ("aten.add_.Tensor", "add"),
        ("aten._native_batch_norm_legit_no_training.default", "_native_batch_norm_legit_no_training"),
        ("operator.getitem", ""), ("Conv", ""), ("aten.__and__.Tensor", "__and__"),
    ])
    def test_stems(self, op, stem):
        assert op_stem(op) == stem


class TestReshapeSourceAxis:
    @pytest.mark.parametrize(("in_dims", "out_dims", "axis", "expected"), [
        ((2, 3, 4), (2, 3, 4), 1, (1, 1, False)),        # same shape
        ((2, 5, 6), (10, 6), 1, (2, 1, False)),          # batch and time merged, features kept
        ((10, 6), (2, 5, 6), 2, (1, 1, False)),
        ((2, 3, 4, 4), (2, 48), 1, (1, 16, False)),      # flatten(1)
        ((3, 4, 4), (48,), 0, (0, 16, False)),           # unbatched flatten
        ((2, 3, 4, 4), (2, 3, 16), 1, (1, 1, False)),    # flatten(2) keeps the channels
        ((2, 48), (2, 3, 4, 4), 1, (1, 16, True)),       # unflatten
        ((2, 3, 4, 4), (2, 12, 4), 1, (1, 4, False)),    # channels merged with rows: 4 rows per channel
        ((2, 1, 3), (2, 3), 1, (2, 1, False)),           # squeeze
        ((2, 3), (2, 3, 1, 1), 1, (1, 1, False)),        # unsqueeze
    ])
    def test_channels_found(self, in_dims, out_dims, axis, expected):
        assert reshape_source_axis(in_dims, out_dims, axis) == expected

    @pytest.mark.parametrize(("in_dims", "out_dims", "axis"), [
        ((2, 5, 4, 8), (2, 5, 32), 2),                   # attention heads merged
        ((2, 5, 32), (2, 5, 4, 8), 2),                   # heads split off: channel 0..3 are heads
        ((2, 12, 4), (2, 3, 4, 4), 2),                   # rows split off a merged axis: not channels
        ((6, 4), (4, 6), 1),                             # a reshape that scrambles
    ])
    def test_no_channel_axis(self, in_dims, out_dims, axis):
        assert reshape_source_axis(in_dims, out_dims, axis) is None


class TestChannelWindow:
    def test_identity(self):
        channels, nodes = IDENTITY.apply(np.array([0, 2]), np.array([7, 9]))
        assert channels.tolist() == [0, 2] and nodes.tolist() == [7, 9]

    def test_strided_slice_keeps_the_window(self):
        # out = x[:, 1:6:2] of a 7-channel x: out c is x channel 1 + 2c, for c < 3.
        window = ChannelWindow(hi=3, base=1, step=2)
        channels, nodes = window.apply(np.arange(7), np.arange(100, 107))
        assert channels.tolist() == [0, 1, 2] and nodes.tolist() == [101, 103, 105]

    def test_unflatten(self):
        channels, nodes = ChannelWindow(hw=3, unflatten=True).apply(np.arange(6), np.arange(6))
        assert channels.tolist() == [0, 0, 0, 1, 1, 1] and nodes.tolist() == list(range(6))


class TestChannelRoutes:
    def test_unknown_op_breaks(self):
        g, node = _graph("aten.sort.default", [(2, 3)], [(2, 3)])
        assert channel_routes(g, node, 0, 1) == "this trace does not see through it"

    def test_unknown_shape_breaks(self):
        g, node = _graph("aten.relu.default", [(2, 3)], [None])
        assert "unknown" in channel_routes(g, node, 0, 1)

    def test_unary_with_two_computed_operands_breaks(self):
        g, node = _graph("aten.pow.Tensor_Tensor", [(2, 3), (2, 3)], [(2, 3)])
        assert channel_routes(g, node, 0, 1) == "it reads several computed tensors"

    def test_broadcast_operand_is_skipped(self):
        g, node = _graph("aten.mul.Tensor", [(2, 4, 5, 5), (2, 1, 5, 5), (4, 1, 1)], [(2, 4, 5, 5)])
        routes = channel_routes(g, node, 0, 1)
        assert [(ref.node, axis) for ref, axis, _ in routes] == [("i0", 1), ("i2", 0)]

    def test_cat_along_another_axis(self):
        g, node = _graph("aten.cat.default", [(2, 1, 4), (2, 3, 4)], [(2, 4, 4)], dim=1)
        routes = channel_routes(g, node, 0, 2)
        assert [(ref.node, axis, window) for ref, axis, window in routes] == [("i0", 2, IDENTITY), ("i1", 2, IDENTITY)]

    def test_cat_negative_dim(self):
        g, node = _graph("aten.cat.default", [(2, 1), (2, 3)], [(2, 4)], dim=-1)
        routes = channel_routes(g, node, 0, 1)
        assert [window for _, _, window in routes] == [ChannelWindow(lo=0, hi=1), ChannelWindow(lo=1, hi=4)]

    def test_reduce_over_channels_breaks(self):
        g, node = _graph("aten.mean.dim", [(2, 3, 4)], [(2, 1, 4)], dim=(1,), keepdim=True)
        assert channel_routes(g, node, 0, 1) == "it reduces over the channel axis"

    def test_reduce_moves_the_axis(self):
        g, node = _graph("aten.sum.dim_IntList", [(2, 5, 3)], [(2, 3)], dim=(1,))
        assert [(ref.node, axis) for ref, axis, _ in channel_routes(g, node, 0, 1)] == [("i0", 2)]

    def test_permute(self):
        g, node = _graph("aten.permute.default", [(2, 3, 4)], [(4, 2, 3)], dims=(2, 0, 1))
        assert [axis for _, axis, _ in channel_routes(g, node, 0, 2)] == [1]

    def test_select(self):
        g, node = _graph("aten.select.int", [(2, 5, 3)], [(2, 3)], dim=1, index=0)
        assert [axis for _, axis, _ in channel_routes(g, node, 0, 1)] == [2]

    def test_split_piece(self):
        g, node = _graph("aten.split_with_sizes.default", [(2, 5)], [(2, 2), (2, 3)], dim=1)
        assert [window for _, _, window in channel_routes(g, node, 1, 1)] == [ChannelWindow(hi=3, base=2)]

    def test_expand_of_broadcast_channel_breaks(self):
        g, node = _graph("aten.expand.default", [(2, 1)], [(2, 5)])
        assert channel_routes(g, node, 0, 1) == "it broadcasts the channel axis"
