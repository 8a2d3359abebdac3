"""A module called more than once is drawn once per call (tb_plugin.capture.module_calls)."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from tb_plugin.capture.module_calls import ModuleCalls, module_path
from tb_plugin.capture.torch_export import capture_module
from tb_plugin.simplify import simplify


class ReluTwice(nn.Module):
    """A ResNet basic block: one ``self.relu`` after each convolution."""

    def __init__(self, c: int = 4) -> None:
        super().__init__()
        self.conv1, self.bn1 = nn.Conv2d(c, c, 3, padding=1), nn.BatchNorm2d(c)
        self.conv2, self.bn2 = nn.Conv2d(c, c, 3, padding=1), nn.BatchNorm2d(c)
        self.relu = nn.ReLU()

    def forward(self, x):
        y = self.relu(self.bn1(self.conv1(x)))
        return self.relu(self.bn2(self.conv2(y)) + x)


class SharedBlock(nn.Module):
    """ALBERT's shape: one block object run three times, after a stem."""

    def __init__(self) -> None:
        super().__init__()
        self.stem = nn.Conv2d(3, 4, 1)
        self.block = ReluTwice()

    def forward(self, x):
        x = self.stem(x)
        for _ in range(3):
            x = self.block(x)
        return x


@pytest.fixture(scope="module", params=[False, True], ids=["non_strict", "strict"])
def shared(request):
    return capture_module(SharedBlock().eval(), torch.randn(1, 3, 6, 6), strict=request.param)


def test_each_call_is_a_module_and_inner_calls_keep_their_names(shared):
    instances = [p for p in shared.modules if module_path(p) in ("block", "block.relu")]
    assert instances == ["block", "block.relu", "block.relu@1", "block@1", "block@1.relu", "block@1.relu@1",
                         "block@2", "block@2.relu", "block@2.relu@1"]
    assert {shared.modules[p].class_name for p in instances if p.rpartition(".")[2].startswith("block")} == {
        f"{ReluTwice.__module__}.ReluTwice"}
    # Parameters stay with the first call's module, whose path is their name.
    assert shared.node("block.conv1.weight").module == "block.conv1"
    assert all(p in shared.modules for p in ("block@1.conv1", "block@2.bn2"))


def test_no_call_reads_its_own_output(shared):
    folded = simplify(shared)
    for path in ("block", "block@1"):
        assert not [e for e in folded.view(path)["edges"] if e["reversed"]], path


def test_the_calls_stack(shared):
    root = simplify(shared).view("")
    (stack,) = [c for c in root["children"] if c["type"] == "stack"]
    assert stack["members"] == ["block", "block@1", "block@2"]
    assert not [e for e in root["edges"] if e["reversed"]]


def test_a_module_called_once_per_outer_call_keeps_its_path():
    calls = ModuleCalls()
    first = calls.instances([("L__self__enc", "enc"), ("L__self__enc.layer.0", "enc.layer.0")])
    again = calls.instances([("L__self__enc@1", "enc"), ("L__self__enc.layer.0@1", "enc.layer.0")])
    assert (first, again) == (["enc", "enc.layer.0"], ["enc@1", "enc@1.layer.0"])
    # A module its caller does not hold (a shared one at the root) counts its calls at its own level.
    assert calls.instances([("L__self__enc", "enc"), ("L__self__act", "act")]) == ["enc", "act"]
    assert calls.instances([("L__self__enc@1", "enc"), ("L__self__act@1", "act")]) == ["enc@1", "act@1"]


def test_training_step_tells_calls_apart():
    from tb_plugin.capture.training import capture_training_step

    model = SharedBlock()
    graph = capture_training_step(model, torch.randn(2, 3, 6, 6), lambda out: out.pow(2).mean(),
                                  optimizer=torch.optim.SGD(model.parameters(), lr=0.1))
    relu = "torch.nn.modules.activation.ReLU"
    assert graph.modules["block@2.relu@1"].class_name == relu
    # Each call of the block holds the backward of its own modules, classed after the forward ones.
    assert graph.modules["block@2.∇.relu@1"].class_name == f"graphfold.Backward/{relu}"
    backward_of_call = {n.module for n in graph.nodes.values() if n.attrs.get("phase") == "backward"}
    assert {"block.∇.relu@1", "block@1.∇.conv2", "block@2.∇.bn1"} <= backward_of_call
    simplify(graph, check=True)
