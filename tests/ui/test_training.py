"""A training step in the tab: the blocks' stack holds each block's backward group, gradients have their colour.

The step is logged by ``tb_plugin.log_training_graph`` (:mod:`tests.ui.graphs`);
what the server draws is asked from its routes, what the tab draws from
``window.__graphfold``.
"""

from __future__ import annotations

import pytest

from tests.support.graphfold_tab import CHROMIUM, plugin_json
from tests.ui.graphs import TRAINING

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing; install Debian's chromium (scripts/test.sh does)"
)

BACKWARD_FILL = (0xF3, 0xE8, 0xFD)  # theme.ts LIGHT.backwardFill


def test_backward_groups_stacks_and_gradients(tab, tensorboard):
    tab.open(**TRAINING)
    root = plugin_json(tensorboard, "view", TRAINING, module="")
    (blocks,) = [c for c in root["children"] if c["type"] == "stack"]
    assert blocks["count"] == 4 and blocks["class_name"].endswith(".ResidualBlock"), blocks
    assert tab.item(blocks["id"])["label"].startswith("ResidualBlock ×4"), tab.item(blocks["id"])

    backward = tab.item("m:∇")
    assert backward["label"].startswith("∇ ResidualNet"), backward
    assert tab.item_fill("m:∇") == BACKWARD_FILL
    assert tab.item("m:optimizer")["label"].startswith("Δ SGD")
    gradients = [e for e in tab.edges() if e["gradient"]]
    assert {e["id"] for e in gradients} == {e["id"] for e in root["edges"] if e["gradient"]} != set()

    tab.toggle(blocks["id"])
    member = blocks["representative"]
    inside = tab.item(f"m:{member}.∇")
    assert inside["label"].startswith("∇ ResidualBlock"), inside
    assert {f"m:{member}.mixer", f"m:{member}.mlp"} <= tab.item_ids()

    tab.toggle(f"m:{member}.∇")
    assert tab.item(f"m:{member}.∇.mlp")["label"].startswith("∇ FeedForward")
    assert any(e["gradient"] and e["id"].startswith(f"e:m:{member}.∇.mlp->") for e in tab.edges())
