"""Shared fixtures: small hand-built graphs and a TensorBoard app over a real logdir."""

from __future__ import annotations

import sys
import types

import pytest
from tensorboard.backend import application
from tensorboard.backend.event_processing import data_provider as event_data_provider
from tensorboard.backend.event_processing import plugin_event_multiplexer
from tensorboard.plugins import base_plugin
from werkzeug import test as werkzeug_test

from tb_plugin import ir, plugin

# TensorBoard's readers import the real TensorFlow when it is installed (it is, for the TF/Keras
# tests, which run it in subprocesses); this marker module makes them use TensorBoard's own stub
# instead, as its `no_tensorflow` build does, so the test process never loads TF beside torch.
sys.modules.setdefault("tensorboard.compat.notf", types.ModuleType("tensorboard.compat.notf"))


def make_tiny_graph(name: str = "tiny") -> ir.Graph:
    """x -> fc (Linear) -> relu -> output, with the weight attached to fc."""
    g = ir.Graph(name=name, source_format=ir.SourceFormat.TORCH_EXPORT, producer="hand", root_class="Tiny")
    g.add_module("fc", "torch.nn.modules.linear.Linear")
    g.add_node(ir.Node("x", "input", ir.NodeKind.INPUT, outputs=(ir.TensorType((2, 4), "float32"),)))
    g.add_node(
        ir.Node(
            "fc.weight", "parameter", ir.NodeKind.PARAMETER, module="fc",
            outputs=(ir.TensorType((3, 4), "float32"),), parameter_count=12,
        )
    )
    g.add_node(
        ir.Node(
            "linear", "aten.linear.default", module="fc",
            inputs=(ir.InputRef("x"), ir.InputRef("fc.weight")),
            outputs=(ir.TensorType((2, 3), "float32"),),
        )
    )
    g.add_node(
        ir.Node("relu", "aten.relu.default", inputs=(ir.InputRef("linear"),), outputs=(ir.TensorType((2, 3), "float32"),))
    )
    g.add_node(ir.Node("output", "output", ir.NodeKind.OUTPUT, inputs=(ir.InputRef("relu"),)))
    return g


@pytest.fixture
def tiny_graph() -> ir.Graph:
    return make_tiny_graph()


def tensorboard_client(logdir) -> werkzeug_test.Client:
    """A werkzeug client for a TensorBoard app with GraphFold over ``logdir`` (Python data provider)."""
    multiplexer = plugin_event_multiplexer.EventMultiplexer(tensor_size_guidance={"graphfold": 0, "graphs": 0})
    multiplexer.AddRunsFromDirectory(str(logdir))
    multiplexer.Reload()
    provider = event_data_provider.MultiplexerDataProvider(multiplexer, str(logdir))
    context = base_plugin.TBContext(logdir=str(logdir), data_provider=provider)
    app = application.TensorBoardWSGI([plugin.GraphFoldPlugin(context)], data_provider=provider)
    return werkzeug_test.Client(app)
