"""HideCaptureNoisePass and tb_plugin.capture_noise: dead code, checks and tuple plumbing on hand-built graphs."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tb_plugin import ir
from tb_plugin.capture_noise import _element_indices, _sources, find_capture_noise
from tb_plugin.passes import HideCaptureNoisePass, run_passes
from tb_plugin.search import SearchIndex, compile_pattern
from tb_plugin.simplify import simplify, simplify_stats
from tb_plugin.views import check_view

ACCOUNTED = ("drawn", "pruned", "embedded", "contracted", "dead", "check")


def _node(g, name, op, *inputs, module="", kind=ir.NodeKind.OP, **attrs):
    refs = tuple(i if isinstance(i, ir.InputRef) else ir.InputRef(i) for i in inputs)
    return g.add_node(ir.Node(name, op, kind, module, refs, attrs=attrs))


def _graph_with_noise() -> ir.Graph:
    """x -> relu (checked) -> out; a dead arange -> unsqueeze chain; a size read feeding a view."""
    g = ir.Graph("noisy", ir.SourceFormat.TORCH_EXPORT)
    _node(g, "x", "input", kind=ir.NodeKind.INPUT)
    _node(g, "relu", "aten.relu.default", "x", module="block")
    _node(g, "assert", "aten._assert_tensor_metadata.default", "relu")
    _node(g, "size", "aten.sym_size.int", "relu")
    _node(g, "view", "aten.view.default", "relu", "size", module="block")
    _node(g, "arange", "aten.arange.default")
    _node(g, "unsqueeze", "aten.unsqueeze.default", "arange")
    _node(g, "out", "output", "view", kind=ir.NodeKind.OUTPUT)
    return g


def _tuple_graph() -> ir.Graph:
    """An add_graph-style layer returning a tuple that the next layer unpacks (one unpack node per element)."""
    g = ir.Graph("tuples", ir.SourceFormat.GRAPHDEF)
    _node(g, "x", "IO Node", kind=ir.NodeKind.INPUT)
    _node(g, "a", "aten::relu", "x", module="layer0")
    _node(g, "b", "aten::neg", "x", module="layer0")
    _node(g, "t", "prim::TupleConstruct", "a", "b")
    _node(g, "u0", "prim::TupleUnpack", "t")
    _node(g, "u1", "prim::TupleUnpack", "t")
    _node(g, "c", "aten::add", "u0", "u1", module="layer1")
    _node(g, "d", "aten::mul", "u1", "c", module="layer1")
    _node(g, "k", "prim::Constant", kind=ir.NodeKind.CONSTANT, attr="{ value : 1}")
    _node(g, "lst", "prim::ListConstruct", "c", "d")
    _node(g, "cat", "aten::cat", "lst", "k", module="layer1")
    _node(g, "y", "IO Node", "cat", kind=ir.NodeKind.OUTPUT)
    return g


class TestFindCaptureNoise:
    def test_reasons(self):
        noise = find_capture_noise(_graph_with_noise())
        assert dict(noise.hidden) == {"assert": "check", "size": "check", "arange": "dead", "unsqueeze": "dead"}
        assert noise.through == ()

    def test_no_outputs_means_no_dead_code(self):
        g = ir.Graph()
        _node(g, "x", "Placeholder", kind=ir.NodeKind.INPUT)
        _node(g, "save", "SaveV2", "x")
        assert find_capture_noise(g).hidden == {}

    def test_unpack_resolves_to_its_element(self):
        noise = find_capture_noise(_tuple_graph())
        assert {k: v for k, v in noise.hidden.items()} == {"t": "plumbing", "u0": "plumbing", "u1": "plumbing",
                                                            "lst": "plumbing"}
        edges = {(e.producer.node, e.consumer, e.input) for e in noise.through}
        # c reads u0 = a and u1 = b; d reads u1 = b; cat reads the whole list [c, d]
        assert edges == {("a", "c", 0), ("b", "c", 1), ("b", "d", 0), ("c", "cat", 0), ("d", "cat", 0)}

    def test_unpack_cycle_terminates(self):
        """An unpack reading itself would nest selections forever; the walk stops at MAX_NESTING."""
        g = ir.Graph()
        _node(g, "x", "IO Node", kind=ir.NodeKind.INPUT)
        _node(g, "u", "prim::TupleUnpack", "u")
        _node(g, "y", "IO Node", "u", "x", kind=ir.NodeKind.OUTPUT)
        noise = find_capture_noise(g)
        assert noise.hidden == {"u": "plumbing"} and noise.through == ()

    def test_plumbing_cycle_terminates(self):
        g = ir.Graph()
        _node(g, "x", "IO Node", kind=ir.NodeKind.INPUT)
        _node(g, "t", "prim::TupleConstruct", "x", "u")
        _node(g, "u", "prim::TupleUnpack", "t")
        _node(g, "y", "IO Node", "u", kind=ir.NodeKind.OUTPUT)
        assert {(e.producer.node, e.consumer) for e in find_capture_noise(g).through} == {("x", "y")}


    @settings(max_examples=150, deadline=None)
    @given(st.data())
    def test_through_edges_are_the_walks_of_every_plumbing_read(self, data):
        """Through edges, shortcut for one cast or unpack of a real tensor, are what the full walk gives."""
        g = ir.Graph("random", ir.SourceFormat.GRAPHDEF)
        _node(g, "x", "IO Node", kind=ir.NodeKind.INPUT)
        names = ["x"]
        ops = ["aten::relu", "prim::TupleConstruct", "prim::ListConstruct", "prim::TupleUnpack",
               "prim::TupleIndex", "aten::_assert_async", "aten::add"]
        for i in range(data.draw(st.integers(1, 12))):
            inputs = data.draw(st.lists(st.sampled_from(names + [f"n{i}"]), min_size=1, max_size=3))
            _node(g, f"n{i}", data.draw(st.sampled_from(ops)), *inputs)
            names.append(f"n{i}")
        _node(g, "y", "IO Node", *data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=3)),
              kind=ir.NodeKind.OUTPUT)
        noise = find_capture_noise(g)
        plumbing = {name for name, reason in noise.hidden.items() if reason == "plumbing"}
        element = _element_indices(g, plumbing)
        expected = {}
        for node in g.nodes.values():
            if node.name in noise.hidden:
                continue
            for index, ref in enumerate(node.inputs):
                if ref.node in plumbing:
                    for producer, via in _sources(g, ref, plumbing, element):
                        if producer.node not in noise.hidden:
                            expected.setdefault((producer.node, producer.output, node.name, index), via)
        assert {(e.producer.node, e.producer.output, e.consumer, e.input): e.via for e in noise.through} == expected

    def test_torchscript_shape_reads_are_checks(self):
        # x.view(x.size(0), -1) traced: size -> NumToTensor -> Int -> ListConstruct -> view;
        # int() of a computed value is a value, and stays drawn.
        g = ir.Graph("traced", ir.SourceFormat.GRAPHDEF)
        _node(g, "x", "IO Node", kind=ir.NodeKind.INPUT)
        _node(g, "relu", "aten::relu", "x", module="block")
        _node(g, "size", "aten::size", "relu")
        _node(g, "num", "prim::NumToTensor", "size")
        _node(g, "int", "aten::Int", "num")
        _node(g, "sum", "aten::sum", "relu")
        _node(g, "int_sum", "aten::Int", "sum")
        _node(g, "shape", "prim::ListConstruct", "int", "int_sum")
        _node(g, "view", "aten::view", "relu", "shape", module="block")
        _node(g, "y", "IO Node", "view", kind=ir.NodeKind.OUTPUT)
        noise = find_capture_noise(g)
        assert dict(noise.hidden) == {"size": "check", "num": "check", "int": "check", "shape": "plumbing"}
        assert [(t.producer.node, t.consumer) for t in noise.through] == [("int_sum", "view")]
        folded = simplify(g, check=True)
        (relu,) = [c for c in folded.view("block")["children"] if c["id"] == "n:relu"]
        assert [c["name"] for c in relu["checks"]] == ["size", "num", "int"]
        assert folded.reveal("int")["embedded_in"] == "relu"
        for path in folded.h.module_paths:
            check_view(folded, path)


    def test_no_op_reshapes_and_casts_are_contracted(self):
        # GPT-2's input_ids.view(-1, 12) of a [1, 12] input, and x.to(device): the input, unchanged.
        g = ir.Graph("noop", ir.SourceFormat.TORCH_EXPORT)
        t = ir.TensorType((1, 12), "int64")
        g.add_node(ir.Node("ids", "input", ir.NodeKind.INPUT, outputs=(t,)))
        g.add_node(ir.Node("same", "aten.view.default", inputs=(ir.InputRef("ids"),), outputs=(t,)))
        g.add_node(ir.Node("flat", "aten.view.default", inputs=(ir.InputRef("same"),),
                           outputs=(ir.TensorType((12,), "int64"),)))
        g.add_node(ir.Node("cast", "aten.to.dtype", inputs=(ir.InputRef("flat"),),
                           outputs=(ir.TensorType((12,), "float32"),)))
        g.add_node(ir.Node("unknown", "aten.to.dtype", inputs=(ir.InputRef("cast"),),
                           outputs=(ir.TensorType((12,), ""),)))
        g.add_node(ir.Node("emb", "aten.embedding.default", module="wte", inputs=(ir.InputRef("unknown"),),
                           outputs=(ir.TensorType((12, 4), "float32"),)))
        g.add_node(ir.Node("y", "output", ir.NodeKind.OUTPUT, inputs=(ir.InputRef("emb"),)))
        noise = find_capture_noise(g)
        assert dict(noise.hidden) == {"same": "plumbing"}
        assert [(t.producer.node, t.consumer, t.via) for t in noise.through] == [("ids", "flat", ("same",))]
        folded = simplify(g, check=True)
        check_view(folded, "")


class TestHideCaptureNoisePass:
    def test_hides_and_changes_nothing_else(self):
        g = _graph_with_noise()
        before = g.dump()
        result = HideCaptureNoisePass()(run_passes(g, []), check=True)
        assert result.modified and g.dump() == before
        assert dict(result.report, seconds=0) == {"check": 2, "dead": 2, "plumbing": 0, "through_edges": 0, "seconds": 0}

    def test_clean_graph_is_unchanged(self, tiny_graph):
        result = HideCaptureNoisePass()(run_passes(tiny_graph, []), check=True)
        assert not result.modified

    def test_view_hides_counts_and_accounts(self):
        folded = simplify(_graph_with_noise(), check=True)
        root = folded.view("")
        assert {c["id"] for c in root["children"]} == {"n:x", "n:out", "m:block"}
        assert root["hidden"] == {"dead": 2, "check": 2, "plumbing": 0}
        for path in folded.h.module_paths:
            check_view(folded, path)
        stats = simplify_stats(folded)
        assert stats["edges"]["original"] == sum(stats["edges"][k] for k in ACCOUNTED)
        assert stats["edges"]["dead"] == 1 and stats["edges"]["check"] == 3
        assert stats["hidden_nodes"] == {"dead": 2, "check": 2, "plumbing": 0}

    def test_checks_are_details_of_the_checked_node(self):
        folded = simplify(_graph_with_noise())
        (relu,) = [c for c in folded.view("block")["children"] if c["id"] == "n:relu"]
        assert [c["name"] for c in relu["checks"]] == ["assert", "size"]
        (view,) = [c for c in folded.view("block")["children"] if c["id"] == "n:view"]
        assert [e["node"] for e in view["embedded"]] == ["size"]

    def test_hidden_nodes_stay_searchable(self):
        folded = simplify(_graph_with_noise())
        hit = folded.reveal("unsqueeze")
        assert hit["hidden"] == "dead" and hit["reveal"] == [{"view": "", "item": None}]
        check = folded.reveal("assert")
        assert check["hidden"] == "check" and check["embedded_in"] == "relu"
        assert check["reveal"][-1] == {"view": "block", "item": "n:relu"}
        assert SearchIndex(folded).search(folded, compile_pattern("arange"), limit=10)["total"] == 1

    def test_tuple_plumbing_contracted(self):
        folded = simplify(_tuple_graph(), check=True)
        root = folded.view("")
        assert {c["id"] for c in root["children"]} == {"n:x", "n:y", "m:layer0", "m:layer1"}
        assert {(e["source"], e["target"]) for e in root["edges"]} == {
            ("n:x", "m:layer0"), ("m:layer0", "m:layer1"), ("m:layer1", "n:y")}
        assert not any(e["reversed"] for e in root["edges"])
        for path in folded.h.module_paths:
            check_view(folded, path)
        stats = simplify_stats(folded)
        assert stats["edges"]["contracted"] == 10 and stats["edges"]["through"] == 5
        assert stats["edges"]["original"] == sum(stats["edges"][k] for k in ACCOUNTED)
