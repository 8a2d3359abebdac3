"""Numbered blocks in flat Keras layer names (tb_plugin.capture.numbered_blocks)."""

from __future__ import annotations

from tb_plugin.capture.numbered_blocks import numbered_block_paths, split_numbered_blocks


class TestSplitNumberedBlocks:
    def test_empty(self):
        assert split_numbered_blocks([]) == {}

    def test_resnet_stages_and_blocks(self):
        names = [f"conv{s}_block{b}_{part}" for s in (2, 3) for b in (1, 2, 3) for part in ("1_conv", "1_bn", "add")]
        blocks = split_numbered_blocks(["conv1_conv", "conv1_bn", "pool1_pool", *names])
        assert blocks["conv2_block3_1_bn"] == ("conv2", "block3")
        assert blocks["conv1_conv"] == ("conv1",)  # the stem is a numbered stage of two layers too
        assert blocks["pool1_pool"] == ()

    def test_mobilenet_style_underscored_numbers(self):
        names = [f"block_{b}_{part}" for b in (1, 2, 3) for part in ("expand", "depthwise", "project")]
        blocks = split_numbered_blocks(["Conv1", "Conv1_relu", "expanded_conv_project", *names])
        assert blocks["block_2_depthwise"] == ("block_2",)
        assert blocks["Conv1_relu"] == () and blocks["expanded_conv_project"] == ()

    def test_a_long_run_of_blocks_is_a_list(self):
        names = [f"block_{b}_{part}" for b in range(1, 17) for part in ("expand", "project")]
        blocks = split_numbered_blocks(["Conv1", "Conv_1", "Conv_1_bn", *names])
        assert blocks["block_12_project"] == ("block", "block_12")
        assert blocks["Conv_1_bn"] == ()

    def test_seven_blocks_stay_side_by_side(self):
        names = [f"conv{s}_block1_{part}" for s in range(1, 8) for part in ("conv", "bn")]
        assert split_numbered_blocks(names)["conv7_block1_bn"] == ("conv7", "block1")

    def test_a_list_never_takes_a_sibling_name(self):
        names = [f"block_{b}_{part}" for b in range(1, 9) for part in ("expand", "project")]
        assert split_numbered_blocks(["block", *names])["block_3_expand"] == ("block_3",)

    def test_auto_numbered_layers_stay_flat(self):
        # Keras names unnamed layers dense, dense_1, dense_2...: numbers without a rest are no blocks.
        assert set(split_numbered_blocks(["dense", "dense_1", "dense_2", "re_lu_1"]).values()) == {()}

    def test_single_member_blocks_stay_flat(self):
        assert set(split_numbered_blocks(["layer1_a", "layer2_a", "layer3_a"]).values()) == {()}


class TestNumberedBlockPaths:
    def test_decides_per_parent(self):
        paths = ["m.a1_x", "m.a1_y", "m.a2_x", "m.a2_y", "n.a1_x", "n.b"]
        placed = numbered_block_paths(paths)
        assert placed["m.a1_y"] == "m.a1.a1_y" and placed["n.a1_x"] == "n.a1_x"

    def test_no_blocks_changes_nothing(self):
        paths = ["", "encoder", "encoder.layer", "head"]
        assert numbered_block_paths(paths) == {p: p for p in paths}


class TestLetteredBlocks:
    def test_efficientnet_stages_and_lettered_blocks(self):
        names = ["stem_conv", "block1a_dwconv", "block1a_project_conv",
                 *[f"block2{b}_{part}" for b in "ab" for part in ("expand_conv", "dwconv", "project_conv")],
                 "top_conv"]
        blocks = split_numbered_blocks(names)
        assert blocks["block2b_dwconv"] == ("block2", "block2b")
        assert blocks["block1a_dwconv"] == ("block1",)  # a stage of one block: no level for that block alone
        assert blocks["stem_conv"] == () and blocks["top_conv"] == ()

    def test_one_letter_is_no_block(self):
        # conv2d_5, conv3d_1: Keras names of unnamed layers, a digit and a letter in the class name.
        names = ["conv2d_1", "conv2d_2", "conv2d_3_x", "conv2d_3_y", "conv3d_1", "conv1d_2_x"]
        assert set(split_numbered_blocks(names).values()) == {()}
