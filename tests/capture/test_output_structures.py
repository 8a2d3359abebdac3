"""Tests for what :func:`capture_module` does with the structures a model returns.

Real models exported by torch, including transformers models whose output holds
a key/value cache (``DynamicCache``, ``EncoderDecoderCache``) that torch.export
cannot return by itself. Configs are tiny, weights random; nothing is downloaded.
"""

import dataclasses
from collections import namedtuple

import pytest
import torch
from torch import nn

from tb_plugin import ir
from tb_plugin.capture import CaptureError
from tb_plugin.capture import module_calls
from tb_plugin.capture.output_structures import output_name, tensors_with_paths
from tb_plugin.capture.torch_export import capture_exported_program, capture_module

from tests.capture.test_torch_export import check_real_model
from tests.models import Block

Pair = namedtuple("Pair", "hidden logits")


@dataclasses.dataclass
class Result:
    hidden: torch.Tensor
    extra: torch.Tensor | None = None
    steps: int = 0


class Holder:
    """A plain object that keeps its tensors in attributes, as transformers caches do."""

    def __init__(self, **tensors):
        self.__dict__.update(tensors)


class Slotted:
    __slots__ = ("keys", "values", "unset")

    def __init__(self, keys, values):
        self.keys, self.values = keys, values


class Returning(nn.Module):
    """A Block whose forward wraps its two tensors (the block's output and its input) with ``make``."""

    def __init__(self, make):
        super().__init__()
        self.block = Block()
        self.make = make

    def forward(self, x):
        return self.make(self.block(x), x)


def outputs(graph: ir.Graph) -> dict[str, ir.InputRef]:
    return {n.name: n.inputs[0] for n in graph.nodes.values() if n.kind is ir.NodeKind.OUTPUT}


def check_model_names(graph: ir.Graph, model: nn.Module) -> None:
    """Module paths (of module instances: a dropout called twice is two) and parameter names are the model's own."""
    assert {module_calls.module_path(p) for p in graph.modules} == {path for path, _ in model.named_modules()}
    state = {name for name, _ in model.named_parameters(remove_duplicate=False)}
    state |= {name for name, _ in model.named_buffers(remove_duplicate=False)}
    parameters = {n.name for n in graph.nodes.values() if n.kind in (ir.NodeKind.PARAMETER, ir.NodeKind.BUFFER)}
    assert parameters and parameters <= state
    assert not any(n.module.startswith("model") for n in graph.nodes.values())


class TestTensorsWithPaths:
    def test_lone_tensor(self):
        x = torch.zeros(1)
        assert tensors_with_paths(x) == [((), x)]

    def test_none_and_non_tensors_are_dropped(self):
        x = torch.zeros(1)
        assert tensors_with_paths((None, 3, "text", x, [None])) == [(("3",), x)]

    def test_nested_containers(self):
        x, y, z = torch.zeros(1), torch.ones(1), torch.ones(2)
        found = tensors_with_paths({"pair": Pair(x, None), "list": [y, {"deep": (z,)}]})
        assert found == [(("pair", "hidden"), x), (("list", "0"), y), (("list", "1", "deep", "0"), z)]

    def test_dataclass_fields_in_order(self):
        x, y = torch.zeros(1), torch.ones(1)
        assert tensors_with_paths(Result(x, y, 4)) == [(("hidden",), x), (("extra",), y)]

    def test_object_attributes_and_slots(self):
        x, y = torch.zeros(1), torch.ones(1)
        found = tensors_with_paths(Holder(a=x, b=Slotted(x, y)))
        assert found == [(("a",), x), (("b", "keys"), x), (("b", "values"), y)]

    def test_cycle_is_walked_once(self):
        x = torch.zeros(1)
        holder = Holder(x=x)
        holder.me = holder
        assert tensors_with_paths(holder) == [(("x",), x)]

    def test_modules_and_functions_are_not_walked(self):
        assert tensors_with_paths({"layer": nn.Linear(2, 2), "fn": torch.relu, "cls": torch.Tensor}) == []


class TestOutputName:
    def test_lone_tensor(self):
        assert output_name(()) == "output"

    def test_root_index(self):
        assert output_name(("2",)) == "output_2"
        assert output_name(("0", "keys")) == "output_0.keys"

    def test_field_path(self):
        assert output_name(("cache", "layers", "0", "keys")) == "cache.layers.0.keys"


@pytest.mark.parametrize("strict", [False, True], ids=["non_strict", "strict"])
class TestCaptureModuleOutputs:
    @pytest.mark.parametrize(
        ("make", "names"),
        [
            (lambda y, x: Result(y, None, 1), ["hidden"]),
            (lambda y, x: Pair(y, x), ["hidden", "logits"]),
            (lambda y, x: {"out": y, "more": [x, None, {"again": y + 1}]}, ["out", "more.0", "more.2.again"]),
            (lambda y, x: Holder(state=Slotted(y, x)), ["state.keys", "state.values"]),
            (lambda y, x: (y, [x]), ["output_0", "output_1.0"]),
        ],
        ids=["dataclass", "namedtuple", "dict_with_list", "object", "tuple"],
    )
    def test_names_follow_fields(self, strict, make, names):
        model = Returning(make).eval()
        graph = capture_module(model, torch.randn(3, 4), strict=strict)
        check_real_model(graph, model)
        check_model_names(graph, model)
        assert list(outputs(graph)) == names

    def test_repeated_tensor_gets_a_node_per_field(self, strict):
        graph = capture_module(Returning(lambda y, x: {"a": y, "b": y}), torch.randn(3, 4), strict=strict)
        graph.lint()
        found = outputs(graph)
        assert list(found) == ["a", "b"] and found["a"] == found["b"]
        assert graph.node(found["a"].node).module == "block.act"

    def test_clashing_names_are_suffixed(self, strict):
        make = lambda y, x: {"relu": y, "a.b": x, "a": {"b": y}}  # noqa: E731
        graph = capture_module(Returning(make), torch.randn(3, 4), strict=strict)
        graph.lint()
        assert list(outputs(graph)) == ["relu_1", "a.b", "a.b_1"]
        assert graph.node("relu").op == "aten.relu.default"

    def test_no_tensor_is_an_error(self, strict):
        with pytest.raises(CaptureError, match="returned no tensor"):
            capture_module(Returning(lambda y, x: Result(None, None, 3)), torch.randn(3, 4), strict=strict)

    def test_dynamic_shapes_by_argument_name(self, strict):
        batch = torch.export.Dim("batch")
        graph = capture_module(Returning(Pair), torch.randn(3, 4), strict=strict, dynamic_shapes={"x": {0: batch}})
        graph.lint()
        (x_type,) = graph.node("x").outputs
        assert isinstance(x_type.dims[0], str)

    def test_model_is_left_as_it_was(self, strict):
        model = Returning(Pair).train()
        model.block.eval()
        before = (list(model.named_modules()), list(model.named_parameters()), dict(model.__dict__))
        capture_module(model, torch.randn(3, 4), strict=strict)
        assert (list(model.named_modules()), list(model.named_parameters()), dict(model.__dict__)) == before
        assert [m.training for m in model.modules()] == [True, False, False, False]


class TestCaptureTransformersCaches:
    @pytest.mark.parametrize("strict", [False, True], ids=["non_strict", "strict"])
    def test_gpt2_with_default_cache(self, strict):
        from transformers import GPT2Config, GPT2Model

        model = GPT2Model(GPT2Config(vocab_size=100, n_embd=32, n_layer=2, n_head=2)).eval()
        graph = capture_module(model, (torch.randint(0, 100, (1, 8)),), strict=strict)
        check_real_model(graph, model)
        check_model_names(graph, model)
        found = outputs(graph)
        cache = [f"cache.layers.{i}.{kind}" for i in range(2) for kind in ("keys", "values")]
        assert list(found) == ["last_hidden_state", *cache]
        assert graph.node(found["cache.layers.1.keys"].node).module.startswith("h.1.")
        assert graph.modules["h.1"].class_name == "transformers.models.gpt2.modeling_gpt2.GPT2Block"

    def test_t5_with_encoder_decoder_cache(self):
        from transformers import T5Config, T5Model

        config = T5Config(vocab_size=100, d_model=32, d_kv=16, d_ff=64, num_layers=2, num_heads=2)
        model = T5Model(config).eval()
        ids = torch.randint(0, 100, (1, 8))
        graph = capture_module(model, {"input_ids": ids, "decoder_input_ids": ids})
        check_real_model(graph, model)
        check_model_names(graph, model)
        found = outputs(graph)
        assert {"last_hidden_state", "encoder_last_hidden_state"} <= found.keys()
        for side in ("self_attention_cache", "cross_attention_cache"):
            assert {f"cache.{side}.layers.1.keys", f"cache.{side}.layers.1.values"} <= found.keys()
        assert graph.node(found["encoder_last_hidden_state"].node).module.startswith("encoder.")
        # The encoder and decoder embeddings are T5's shared one, counted once.
        assert graph.node("decoder.embed_tokens.weight").attrs == {"tied_to": "shared.weight"}
        assert graph.node("decoder.embed_tokens.weight").parameter_count == 0


class TestCaptureExportedProgramOutputs:
    def test_names_follow_the_output_tree(self):
        ep = torch.export.export(Returning(lambda y, x: {"a": y, "b": (x, y)}), (torch.randn(3, 4),))
        graph = capture_exported_program(ep)
        graph.lint()
        assert list(outputs(graph)) == ["a", "b.0", "b.1"]
        assert graph.node("block.fc.weight").module == "block.fc"

    def test_root_path_strips_a_wrapper(self):
        class Wrapper(nn.Module):
            def __init__(self):
                super().__init__()
                self.inner = Returning(Pair)

            def forward(self, x):
                return self.inner(x).hidden

        graph = capture_exported_program(torch.export.export(Wrapper(), (torch.randn(3, 4),)), root_path="inner")
        graph.lint()
        assert set(graph.modules) == {"", "block", "block.fc", "block.act"}
        assert graph.node("linear").module == "block.fc" and "block.fc.weight" in graph.nodes
        assert list(outputs(graph)) == ["output"]
