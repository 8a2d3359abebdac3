"""Default views of real models through every capture path: small roots, the main stack on screen, true stacks.

Tiny widths, real depths where the rule needs them; every fold runs with the
passes' checks on and every view's accounting checked.
"""

from __future__ import annotations

import pytest
import torch

from tb_plugin.capture import graphdef, onnx_model, torch_export
from tb_plugin.simplify import simplify, simplify_stats, view_elements
from tb_plugin.views import check_view

from tests.models import tiny_bert


def _fold(graph):
    folded = simplify(graph, check=True)
    for path in folded.h.module_paths:
        check_view(folded, path)
    return folded


def _root_stacks(folded) -> dict[str, int]:
    return {c["class_name"].rpartition(".")[2]: c["count"] for c in folded.view("")["children"] if c["type"] == "stack"}


def _add_graph(model, inputs, tmp_path):
    from tensorboard.backend.event_processing.event_file_loader import LegacyEventFileLoader
    from torch.utils.tensorboard import SummaryWriter

    with SummaryWriter(tmp_path) as writer:
        writer.add_graph(model, inputs, use_strict_trace=False)
    (event_file,) = tmp_path.glob("events*")
    (graph_def,) = [e.graph_def for e in LegacyEventFileLoader(str(event_file)).Load() if e.graph_def]
    return graphdef.capture_graphdef(graph_def)


def _onnx(model, inputs, tmp_path):
    path = tmp_path / "model.onnx"
    torch.onnx.export(model, inputs, str(path), dynamo=True)
    return onnx_model.capture_onnx(path)


@pytest.mark.parametrize("path", ["log_graph", "onnx", "add_graph"])
def test_bert_root_shows_the_layer_stack(path, tmp_path):
    model, inputs = tiny_bert(4)
    capture = {"log_graph": lambda: torch_export.capture_module(model, inputs),
               "onnx": lambda: _onnx(model, inputs, tmp_path),
               "add_graph": lambda: _add_graph(model, inputs, tmp_path)}[path]
    folded = _fold(capture())
    assert _root_stacks(folded)["BertLayer"] == 4  # encoder and encoder.layer only wrap it
    assert view_elements(folded.view(""))["elements"] <= 20


def test_gpt2_with_its_defaults():
    """use_cache=True: the cache's 2 x 12 outputs are one group; the 12 blocks are drawn at the root."""
    from transformers import GPT2Config, GPT2Model

    config = GPT2Config(n_layer=12, n_embd=32, n_head=2, vocab_size=100, n_positions=64, bos_token_id=99,
                        eos_token_id=99, attn_implementation="eager")
    folded = _fold(torch_export.capture_module(GPT2Model(config).eval(), (torch.randint(0, 100, (1, 8)),)))
    root = {c["id"]: c for c in folded.view("")["children"]}
    assert _root_stacks(folded)["GPT2Block"] == 12 and root["s:h.0"]["wrappers"] == ["h"]
    assert root["m:cache"]["class_name"] == "graphfold.Outputs" and root["m:cache"]["node_count"] == 24
    assert any(c["class_name"] == "graphfold.Helper" for c in root.values() if c["type"] == "module")
    stats = simplify_stats(folded)
    assert stats["hidden_nodes"]["dead"] > 0
    assert view_elements(folded.view(""))["elements"] <= 30


def test_t5_first_blocks_are_variants_and_attention_kinds_do_not_stack():
    """Block 0 computes the position bias (a variant); self- and cross-attention layers never stack."""
    from transformers import T5Config, T5Model

    config = T5Config(vocab_size=100, d_model=32, d_kv=8, d_ff=64, num_layers=3, num_heads=2)
    ids = torch.randint(0, 100, (1, 8))
    folded = _fold(torch_export.capture_module(T5Model(config).eval(), (ids, None, ids)))
    h = folded.h
    stacks = {h.module_paths[s.parent]: s for s in folded.state.stacks}
    for part in ("encoder", "decoder"):
        stack = stacks[f"{part}.block"]
        assert len(stack.members) == 3
        assert [h.module_paths[v.member] for v in stack.variants] == [f"{part}.block.0"]
    for s in folded.state.stacks:
        classes = {h.module_class[m].rpartition(".")[2] for m in s.members}
        assert classes != {"T5LayerSelfAttention", "T5LayerCrossAttention"}
        assert len(classes) == 1 or not classes & {"T5LayerSelfAttention", "T5LayerCrossAttention"}
