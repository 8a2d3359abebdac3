"""The channel trace: which nodes each layer's input channels come from, and where the trace breaks."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from tb_plugin import ir
from tb_plugin.capture import torch_export
from tb_plugin.overlays.channel_connectivity import WeightGraphError, layer_connectivity
from tests.conftest import make_tiny_graph
from tests.models import TINY_MODELS


def _trace(model: nn.Module, *inputs):
    connectivity = layer_connectivity(torch_export.capture_module(model, inputs))
    connectivity.lint()
    return connectivity


def _sources(connectivity, module: str) -> dict[int, set[tuple[str, int]]]:
    """Input channel → {(site name, channel of that site)} of one layer."""
    layer = next(layer for layer in connectivity.layers if layer.module == module)
    found: dict[int, set] = {}
    for channel, node in zip(layer.input_channels.tolist(), layer.input_nodes.tolist(), strict=True):
        site = next(s for s in connectivity.sites if node in s.nodes)
        found.setdefault(channel, set()).add((site.name, node - site.first_node))
    return found


class SmallCNN(nn.Module):
    """Every rule of a classic CNN: BN, pooling, grouped conv, residual add, scaling, cat, flatten, view."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2),
                                      nn.Conv2d(4, 4, 3, padding=1, groups=2))
        self.b = nn.Conv2d(4, 4, 1)
        self.fc = nn.Linear(8 * 4 * 4, 5)
        self.fc2 = nn.Linear(5, 3)

    def forward(self, x):
        y = self.features(x)
        y = y + self.b(y)
        y = torch.cat([y, y * 2], 1)
        y = torch.relu(self.fc(torch.flatten(y, 1)))
        return self.fc2(y.view(y.shape[0], -1))


class TestLayerConnectivity:
    def test_small_cnn(self):
        connectivity = _trace(SmallCNN().eval(), torch.randn(2, 3, 8, 8))
        assert [(s.kind, s.name, s.size) for s in connectivity.sites] == [
            ("layer", "features.0", 4), ("layer", "features.4", 4), ("layer", "b", 4), ("layer", "fc", 5),
            ("layer", "fc2", 3), ("input", "x", 3)]
        assert [(layer.layer_type, layer.kind, layer.groups) for layer in connectivity.layers] == [
            ("Conv2d", "conv", 1), ("Conv2d", "conv", 2), ("Conv2d", "conv", 1), ("Linear", "linear", 1),
            ("Linear", "linear", 1)]
        assert connectivity.warnings == ()
        assert _sources(connectivity, "features.0") == {j: {("x", j)} for j in range(3)}
        assert _sources(connectivity, "features.4") == {j: {("features.0", j)} for j in range(4)}
        # fc reads flatten(cat([y, 2y])) with 16 positions per channel; y = features.4 + b.
        fc = _sources(connectivity, "fc")
        assert len(fc) == 128
        assert all(fc[k] == {("features.4", (k // 16) % 4), ("b", (k // 16) % 4)} for k in range(128))
        assert _sources(connectivity, "fc2") == {j: {("fc", j)} for j in range(5)}

    def test_train_mode_graph(self):
        connectivity = _trace(SmallCNN().train(), torch.randn(2, 3, 8, 8))
        assert connectivity.warnings == () and len(connectivity.layers) == 5

    def test_hand_built_graph(self):
        connectivity = layer_connectivity(make_tiny_graph())
        connectivity.lint()
        assert [(s.kind, s.name, s.first_node, s.size) for s in connectivity.sites] == [
            ("layer", "fc", 0, 3), ("input", "x", 3, 4)]
        (layer,) = connectivity.layers
        assert (layer.parameter, layer.weight_shape, layer.calls) == ("fc.weight", (3, 4), ("linear",))
        assert layer.input_nodes.tolist() == [3, 4, 5, 6]

    def test_no_layers(self):
        g = ir.Graph(name="plain")
        g.add_node(ir.Node("x", "input", ir.NodeKind.INPUT, outputs=(ir.TensorType((1, 4), "float32"),)))
        g.add_node(ir.Node("relu", "aten.relu.default", inputs=(ir.InputRef("x"),)))
        with pytest.raises(WeightGraphError, match="graph 'plain' has no convolution or linear layer"):
            layer_connectivity(g)

    def test_break_is_recorded(self):
        class Sorted(nn.Module):
            def __init__(self):
                super().__init__()
                self.a, self.b = nn.Linear(3, 4), nn.Linear(4, 2)

            def forward(self, x):
                return self.b(torch.sort(self.a(x), dim=1).values)

        connectivity = _trace(Sorted(), torch.randn(2, 3))
        (warning,) = connectivity.warnings
        assert "break at 'sort' (aten.sort.default)" in warning and "4 channels" in warning
        assert connectivity.sites[-1].kind == "opaque"
        assert _sources(connectivity, "b") == {j: {("sort", j)} for j in range(4)}

    def test_shared_weights_are_one_layer(self):
        class Twice(nn.Module):
            def __init__(self):
                super().__init__()
                self.step = nn.Linear(3, 3)

            def forward(self, x):
                return self.step(torch.tanh(self.step(x)))

        connectivity = _trace(Twice(), torch.randn(2, 3))
        (layer,) = connectivity.layers
        assert len(layer.calls) == 2
        assert _sources(connectivity, "step") == {j: {("x", j), ("step", j)} for j in range(3)}

    def test_transposed_conv_is_noted(self):
        model = nn.Sequential(nn.Conv2d(1, 2, 3), nn.ConvTranspose2d(2, 2, 3), nn.Conv2d(2, 1, 1))
        connectivity = _trace(model, torch.randn(1, 1, 6, 6))
        assert [layer.module for layer in connectivity.layers] == ["0", "2"]
        assert any("transposed convolutions are not supported" in w for w in connectivity.warnings)
        assert any(w.startswith("break at 'conv_transpose2d'") for w in connectivity.warnings)

    def test_sequence_features_map_directly(self):
        model = nn.Sequential(nn.Linear(6, 8), nn.LayerNorm(8), nn.GELU(), nn.Dropout(), nn.Linear(8, 2))
        connectivity = _trace(model, torch.randn(2, 5, 6))
        assert _sources(connectivity, "4") == {j: {("0", j)} for j in range(8)}

    def test_squeeze_excitation_gate_joins(self):
        class SqueezeExcite(nn.Module):
            def __init__(self):
                super().__init__()
                self.conv, self.squeeze, self.expand = nn.Conv2d(3, 4, 3), nn.Conv2d(4, 2, 1), nn.Conv2d(2, 4, 1)
                self.head = nn.Conv2d(4, 1, 1)

            def forward(self, x):
                y = self.conv(x)
                gate = torch.sigmoid(self.expand(torch.relu(self.squeeze(y.mean((2, 3), keepdim=True)))))
                return self.head(y * gate)

        connectivity = _trace(SqueezeExcite(), torch.randn(1, 3, 8, 8))
        assert _sources(connectivity, "squeeze") == {j: {("conv", j)} for j in range(4)}
        assert _sources(connectivity, "head") == {j: {("conv", j), ("expand", j)} for j in range(4)}

    def test_patch_embedding(self):
        class Patches(nn.Module):
            def __init__(self):
                super().__init__()
                self.patch, self.proj = nn.Conv2d(3, 6, 4, stride=4), nn.Linear(6, 2)

            def forward(self, x):
                return self.proj(self.patch(x).flatten(2).transpose(1, 2)[:, 1:])

        connectivity = _trace(Patches(), torch.randn(1, 3, 8, 8))
        assert connectivity.warnings == ()
        assert _sources(connectivity, "proj") == {j: {("patch", j)} for j in range(6)}

    def test_split_and_slice_offsets(self):
        class Pieces(nn.Module):
            def __init__(self):
                super().__init__()
                self.a, self.b, self.c = nn.Linear(2, 6), nn.Linear(3, 2), nn.Linear(1, 1)

            def forward(self, x):
                first, second = self.a(x).split([2, 4], dim=1)
                return self.b(second[:, 1:4:1] + 1), self.c(first[:, ::2])

        connectivity = _trace(Pieces(), torch.randn(2, 2))
        assert _sources(connectivity, "b") == {j: {("a", 3 + j)} for j in range(3)}
        assert _sources(connectivity, "c") == {0: {("a", 0)}}

    def test_unflatten(self):
        class Decoder(nn.Module):
            def __init__(self):
                super().__init__()
                self.fc, self.conv = nn.Linear(3, 2 * 4 * 4), nn.Conv2d(2, 1, 1)

            def forward(self, z):
                return self.conv(self.fc(z).view(-1, 2, 4, 4))

        connectivity = _trace(Decoder(), torch.randn(1, 3))
        assert _sources(connectivity, "conv") == {c: {("fc", c * 16 + k) for k in range(16)} for c in range(2)}

    def test_cycle_in_hand_built_graph_is_a_break(self):
        g = ir.Graph(name="loop")
        t = (ir.TensorType((1, 2), "float32"),)
        g.add_node(ir.Node("w", "parameter", ir.NodeKind.PARAMETER, outputs=(ir.TensorType((2, 2), "float32"),)))
        g.add_node(ir.Node("a", "aten.relu.default", inputs=(ir.InputRef("b"),), outputs=t))
        g.add_node(ir.Node("b", "aten.relu.default", inputs=(ir.InputRef("a"),), outputs=t))
        g.add_node(ir.Node("fc", "aten.linear.default", inputs=(ir.InputRef("b"), ir.InputRef("w")), outputs=t))
        connectivity = layer_connectivity(g)
        connectivity.lint()
        assert any("cycle" in w for w in connectivity.warnings)

    @pytest.mark.parametrize("name", sorted(TINY_MODELS))
    def test_real_models(self, name):
        model, inputs = TINY_MODELS[name]()
        connectivity = _trace(model, *inputs)
        layers = {n for n, m in model.named_modules() if isinstance(m, (nn.Conv2d, nn.Linear))}
        traced = {layer.module for layer in connectivity.layers}
        assert layers <= traced
        # Breaks are recorded, never silent: every opaque site has its warning.
        opaque = [s.name for s in connectivity.sites if s.kind == "opaque"]
        assert len([w for w in connectivity.warnings if w.startswith("break at")]) == len(opaque)

    def test_gpt2_conv1d_layers(self):
        model, inputs = TINY_MODELS["gpt2"]()
        connectivity = _trace(model, *inputs)
        c_fc = next(layer for layer in connectivity.layers if layer.module == "h.0.mlp.c_fc")
        assert c_fc.weight_in_out and c_fc.layer_type == "Conv1D" and c_fc.site.size == 4 * 32
        assert {site for sources in _sources(connectivity, "h.0.mlp.c_proj").values() for site in sources} == {
            ("h.0.mlp.c_fc", j) for j in range(128)}

    def test_lint_names_the_offender(self):
        connectivity = _trace(nn.Sequential(nn.Linear(3, 2)), torch.randn(1, 3))
        layer = connectivity.layers[0]
        object.__setattr__(layer, "input_channels", layer.input_channels[:2])
        object.__setattr__(layer, "input_nodes", layer.input_nodes[:2])
        with pytest.raises(WeightGraphError, match="layer '0': not every one of its 3 input channels"):
            connectivity.lint()


def test_channels_never_lost_in_resnet():
    from transformers import ResNetConfig, ResNetModel

    model = ResNetModel(ResNetConfig(embedding_size=8, hidden_sizes=[8, 16], depths=[2, 1], layer_type="basic")).eval()
    connectivity = _trace(model, torch.randn(1, 3, 32, 32))
    assert connectivity.warnings == ()
    # A basic block's second stage reads the first stage's residual stream: both convs of the stream.
    shortcut = _sources(connectivity, "encoder.stages.1.layers.0.shortcut.convolution")
    assert {name for sources in shortcut.values() for name, _ in sources} == {
        "embedder.embedder.convolution", "encoder.stages.0.layers.0.layer.1.convolution",
        "encoder.stages.0.layers.1.layer.1.convolution"}
    assert np.all([len(sources) == 3 for sources in shortcut.values()])
