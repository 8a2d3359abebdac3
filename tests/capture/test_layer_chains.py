"""Runs of single layers beside numbered blocks (capture/layer_chains.py), and blocks the wiring refutes."""

from __future__ import annotations

import pytest
from tensorboard.compat.proto import graph_pb2

from tb_plugin import ir
from tb_plugin.capture.graphdef import capture_graphdef
from tb_plugin.capture.layer_chains import layer_chain_paths
from tb_plugin.capture.numbered_blocks import acyclic_block_paths, numbered_block_paths
from tb_plugin.simplify import simplify, view_elements

STEM = ["Conv1", "bn_Conv1", "Conv1_relu", "expanded_conv_depthwise", "expanded_conv_depthwise_BN",
        "expanded_conv_depthwise_relu", "expanded_conv_project", "expanded_conv_project_BN"]
HEAD = ["Conv_1", "Conv_1_bn", "out_relu", "predictions"]


def _mobile(blocks: int = 8, stem=STEM, head=HEAD, *, side_read: str | None = None) -> graph_pb2.GraphDef:
    """A GraphDef named as a Keras MobileNetV2 is: stem layers, ``block_1`` … ``block_N``, head layers.

    With ``side_read``, the last head layer also reads that stem layer's output (a skip connection).
    """
    gd = graph_pb2.GraphDef()
    gd.node.add(name="input", op="Placeholder")
    previous = "input"

    def layer(scope: str, op: str = "", *extra: str) -> None:
        nonlocal previous
        op = op or ("Relu6" if "relu" in scope else "FusedBatchNormV3" if "bn" in scope.lower() else "Conv2D")
        gd.node.add(name=f"{scope}/{op}", op=op, input=[previous, *extra])
        previous = f"{scope}/{op}"

    for name in stem:
        layer(name)
    for block in range(1, blocks + 1):
        start = previous
        layer(f"block_{block}_expand", "MatMul")
        layer(f"block_{block}_project", "MatMul")
        gd.node.add(name=f"block_{block}_add/AddV2", op="AddV2", input=[start, previous])
        previous = f"block_{block}_add/AddV2"
    for i, name in enumerate(head):
        layer(name, "", *([f"{side_read}/Conv2D"] if side_read and i == len(head) - 1 else []))
    gd.node.add(name="output", op="Identity", input=[previous])
    return gd


def _root(gd: graph_pb2.GraphDef) -> dict:
    return simplify(capture_graphdef(gd)).view("")


def _modules(view: dict) -> dict[str, str]:
    return {c["path"]: c["class_name"] for c in view["children"] if c["type"] == "module"}


class TestRunsBesideBlocks:
    def test_stem_and_head_become_one_module_each(self):
        graph = capture_graphdef(_mobile())
        view = simplify(graph).view("")
        stem, head = "Conv1…expanded_conv_project_BN", "Conv_1…predictions"
        assert _modules(view) == {stem: "Layers[8]", head: "Layers[4]"}
        assert [c["count"] for c in view["children"] if c["type"] == "stack"] == [8]  # block_1 … block_8
        assert view_elements(view)["elements"] <= 20
        # Every layer keeps its name as the last segment; Conv_1 and Conv_1_bn stay a block of their own.
        assert graph.node("Conv1_relu/Relu6").module == f"{stem}.Conv1_relu"
        assert graph.node("Conv_1_bn/FusedBatchNormV3").module == f"{head}.Conv_1_bn"
        assert graph.node("predictions/Conv2D").module == f"{head}.predictions"

    def test_small_drawings_keep_every_layer(self):
        view = _root(_mobile(stem=STEM[:3], head=HEAD[2:]))
        assert "Layers" not in " ".join(_modules(view).values())
        assert view_elements(view)["elements"] <= 20

    def test_without_numbered_blocks_nothing_moves(self):
        graph = capture_graphdef(_mobile(blocks=0, stem=[f"stem{c}" for c in "abcdefghijklmn"]))
        assert not [m for m in graph.modules.values() if m.class_name.startswith("Layers")]
        assert graph.node("stemc/Conv2D").module == "stemc"

    def test_a_layer_read_from_outside_the_run_splits_it(self):
        # predictions also reads expanded_conv_depthwise: the stem run stops there, and so does the head's.
        graph = capture_graphdef(_mobile(side_read="expanded_conv_depthwise"))
        modules = _modules(simplify(graph).view(""))
        assert "Conv1…expanded_conv_depthwise" in modules and "expanded_conv_depthwise_BN…expanded_conv_project_BN" in modules
        assert "predictions" in modules and "Conv_1…out_relu" in modules

    def test_inside_a_block_every_layer_stays(self):
        nodes = [ir.Node("x", "Input", ir.NodeKind.INPUT)]
        previous = "x"
        for i in range(12):
            nodes.append(ir.Node(f"op{i}", "Relu", module=f"blk.layer{i}", inputs=(ir.InputRef(previous),)))
            previous = f"op{i}"
        assert layer_chain_paths(nodes, set(), max_elements=4) == ({}, {})


class TestBlocksTheWiringRefutes:
    def test_a_layer_a_block_leaves_out_is_taken_in(self):
        # Op-graph scopes: Conv1_1 and Conv1_relu_1 name a block Conv1, but bn_Conv1_1 sits between them.
        nodes = [ir.Node("conv", "Conv2D"), ir.Node("bn", "Mul", inputs=(ir.InputRef("conv"),)),
                 ir.Node("relu", "Relu6", inputs=(ir.InputRef("bn"),))]
        scopes = {"conv": "Conv1_1", "bn": "bn_Conv1_1.batchnorm", "relu": "Conv1_relu_1"}
        placed = numbered_block_paths(list(scopes.values()))
        assert placed["Conv1_1"] == "Conv1.Conv1_1" and placed["bn_Conv1_1.batchnorm"] == "bn_Conv1_1.batchnorm"
        assert acyclic_block_paths(nodes, scopes, placed) == ({
            "conv": "Conv1.Conv1_1", "bn": "Conv1.bn_Conv1_1.batchnorm", "relu": "Conv1.Conv1_relu_1"}, {"Conv1"})

    def test_blocks_the_wiring_allows_stay(self):
        nodes = [ir.Node("a", "MatMul"), ir.Node("b", "Relu", inputs=(ir.InputRef("a"),)),
                 ir.Node("c", "MatMul", inputs=(ir.InputRef("b"),))]
        scopes = {"a": "pool1_pad", "b": "pool1_pool", "c": "dense"}
        placed = numbered_block_paths(list(scopes.values()))
        assert acyclic_block_paths(nodes, scopes, placed) == (
            {"a": "pool1.pool1_pad", "b": "pool1.pool1_pool", "c": "dense"}, {"pool1"})

    def test_ops_of_the_parent_on_the_cycle_go_in(self):
        # MobileNetV3's op graph: hard-swish's Add and Mul sit in the model's scope, between a block's layers.
        nodes = [ir.Node("conv", "Conv2D"), ir.Node("add", "AddV2", inputs=(ir.InputRef("conv"),)),
                 ir.Node("mul", "Mul", inputs=(ir.InputRef("add"),)), ir.Node("dw", "Conv2D", inputs=(ir.InputRef("mul"),))]
        scopes = {"conv": "m.block_1_expand", "add": "m", "mul": "m", "dw": "m.block_1_depthwise"}
        kept, blocks = acyclic_block_paths(nodes, scopes, numbered_block_paths(["m", *scopes.values()]))
        assert kept == {"conv": "m.block_1.block_1_expand", "add": "m.block_1", "mul": "m.block_1",
                        "dw": "m.block_1.block_1_depthwise"} and blocks == {"m.block_1"}

    def test_glue_between_blocks_of_a_stage_goes_in_the_stage(self):
        # ResNet50V2: conv2_block3's shortcut is an unnamed max_pooling2d beside stage conv2.
        names = [("conv2_block1_1_conv", []), ("conv2_block1_2_conv", ["conv2_block1_1_conv"]),
                 ("max_pooling2d", ["conv2_block1_2_conv"]), ("conv2_block2_1_conv", ["conv2_block1_2_conv"]),
                 ("conv2_block2_2_conv", ["conv2_block2_1_conv", "max_pooling2d"])]
        nodes = [ir.Node(n, "Relu", inputs=tuple(ir.InputRef(i) for i in inputs)) for n, inputs in names]
        scopes = {n: n for n, _ in names}
        kept, _ = acyclic_block_paths(nodes, scopes, numbered_block_paths(list(scopes.values())))
        assert kept["max_pooling2d"] == "conv2.max_pooling2d"
        assert kept["conv2_block2_1_conv"] == "conv2.block2.conv2_block2_1_conv"

    def test_blocks_on_one_cycle_are_dropped_with_the_blocks_inside(self):
        # Stages conv2 and conv3 interleave: neither can be drawn as one box, nor can their blocks.
        names = [("conv2_block1_1_conv", []), ("conv2_block1_2_conv", ["conv2_block1_1_conv"]),
                 ("conv3_block1_1_conv", ["conv2_block1_2_conv"]), ("conv3_block1_2_conv", ["conv3_block1_1_conv"]),
                 ("conv2_block2_1_conv", ["conv3_block1_2_conv"]), ("conv2_block2_2_conv", ["conv2_block2_1_conv"]),
                 ("conv3_block2_1_conv", ["conv2_block2_2_conv"]), ("conv3_block2_2_conv", ["conv3_block2_1_conv"])]
        nodes = [ir.Node(n, "Relu", inputs=tuple(ir.InputRef(i) for i in inputs)) for n, inputs in names]
        scopes = {n: n for n, _ in names}
        placed = numbered_block_paths(list(scopes.values()))
        assert placed["conv2_block2_1_conv"] == "conv2.block2.conv2_block2_1_conv"
        assert acyclic_block_paths(nodes, scopes, placed) == ({n: n for n, _ in names}, set())

    @pytest.mark.timeout(10)
    def test_deep_scopes_are_refused_before_blocks_are_looked_for(self):
        from tb_plugin.capture import CaptureError

        gd = graph_pb2.GraphDef()
        gd.node.add(name="a1_x/" * 700 + "op", op="Relu")
        with pytest.raises(CaptureError, match="MAX_PATH_DEPTH|MAX_PATH_LENGTH"):
            capture_graphdef(gd)


class TestClosingMerges:
    @staticmethod
    def _convnext(add_scope) -> tuple[list, dict]:
        """Two blocks of stage 0 whose residual adds come after them, as Keras' ConvNeXt names them."""
        nodes, scopes, previous = [ir.Node("stem", "Conv2D")], {"stem": "stem"}, "stem"
        for b in range(2):
            first = f"stage_0_block_{b}_dwconv"
            nodes += [ir.Node(first, "Conv2D", inputs=(ir.InputRef(previous),)),
                      ir.Node(f"stage_0_block_{b}_pw", "MatMul", inputs=(ir.InputRef(first),)),
                      ir.Node(f"add_{b}", "AddV2", inputs=(ir.InputRef(previous), ir.InputRef(f"stage_0_block_{b}_pw")))]
            scopes.update({first: first, f"stage_0_block_{b}_pw": f"stage_0_block_{b}_pw", f"add_{b}": add_scope(b)})
            previous = f"add_{b}"
        nodes.append(ir.Node("head", "MatMul", inputs=(ir.InputRef(previous),)))
        scopes["head"] = "head"
        return nodes, scopes

    def test_a_residual_add_after_a_block_goes_in_it(self):
        nodes, scopes = self._convnext(lambda b: f"add_{b}")
        paths, blocks = acyclic_block_paths(nodes, scopes, numbered_block_paths(list(scopes.values())))
        assert paths["add_0"] == "stage_0.block_0.add_0"  # inside the stage's cycle first, then its block's
        assert paths["add_1"] == "stage_0.block_1.add_1"  # after the stage: read only by the head
        assert paths["head"] == "head" and blocks == {"stage_0", "stage_0.block_0", "stage_0.block_1"}

    def test_an_add_op_in_the_parent_scope_goes_in_alone(self):
        nodes, scopes = self._convnext(lambda b: "")  # the op graph's Add ops sit in the model's scope
        paths, _ = acyclic_block_paths(nodes, scopes, numbered_block_paths(list(scopes.values())))
        assert paths["add_0"] == "stage_0.block_0" and paths["add_1"] == "stage_0.block_1"

    def test_a_merge_with_other_inputs_stays_out(self):
        # mix reads block 0's output and y, which block 0 does not read: it joins two paths, closing no block.
        nodes = [ir.Node("x", "Conv2D"), ir.Node("y", "Conv2D"), ir.Node("s_block_0_a", "Conv2D", inputs=(ir.InputRef("x"),)),
                 ir.Node("s_block_0_b", "Conv2D", inputs=(ir.InputRef("s_block_0_a"),)),
                 ir.Node("mix", "AddV2", inputs=(ir.InputRef("y"), ir.InputRef("s_block_0_b"))),
                 ir.Node("close", "AddV2", inputs=(ir.InputRef("x"), ir.InputRef("s_block_0_b")))]
        scopes = {n.name: n.name for n in nodes}
        paths, _ = acyclic_block_paths(nodes, scopes, numbered_block_paths(list(scopes.values())))
        assert paths["mix"] == "mix" and paths["close"] == "s_block_0.close"
