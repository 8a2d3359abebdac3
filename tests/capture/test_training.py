"""Tests for :mod:`tb_plugin.capture.training` and ``log_training_graph``, on steps really traced by torch."""

import collections
import copy
import json

import pytest
import torch
from torch import nn

import tb_plugin
from tb_plugin import cli, ir, serialize, simplify, views
from tb_plugin.capture import CaptureError
from tb_plugin.capture.training import capture_training_step, joint_graph_module
from tb_plugin.capture.training_groups import BACKWARD_CLASS, BACKWARD_SEGMENT, backward_path, common_group, repeated_blocks
from tb_plugin.capture.training_optimizer import OPTIMIZER_CLASS

from tests.support.training_model import residual_training_step


@pytest.fixture(scope="module")
def step():
    model, x, loss_fn = residual_training_step()
    return model, x, loss_fn, capture_training_step(model, x, loss_fn)


@pytest.fixture(scope="module")
def folded(step):
    return simplify.simplify(step[3], check=True)


def _producer_module(graph: ir.Graph, output: str) -> str:
    return graph.node(graph.node(output).inputs[0].node).module


def _inside(path: str, group: str) -> bool:
    return path == group or path.startswith(group + ".")


class TestJointGraphModule:
    """Pins what GraphFold reads of the private ``aot_export_joint_with_descriptors`` (torch 2.13)."""

    def test_backward_ops_know_their_forward_module(self):
        model = nn.Sequential(nn.Linear(4, 4), nn.ReLU(), nn.Linear(4, 1))
        x = torch.randn(2, 4)
        ep = torch.export.export(nn.Sequential(model), (x,), strict=False)
        gm = joint_graph_module(ep.module(), (x,), {})
        nodes = list(gm.graph.nodes)
        backward = [n for n in nodes if n.meta.get("partitioner_tag") == "is_backward" and n.op == "call_function"]
        paths = {str(n.target): list(n.meta["fwd_nn_module_stack"].values())[-1][0]
                 for n in backward if n.meta.get("fwd_nn_module_stack")}
        assert paths["aten.threshold_backward.default"] == "0.1"
        assert paths["aten.mm.default"] in ("0.0", "0.2")
        assert all("nn_module_stack" in n.meta for n in nodes if n.op == "call_function" and n not in backward)
        descs = {type(n.meta["desc"]).__name__ for n in nodes if n.op == "placeholder"}
        assert descs == {"ParamAOTInput", "PlainAOTInput", "TangentAOTInput"}
        outputs = [type(d).__name__ for v, d in zip(nodes[-1].args[0], nodes[-1].meta["desc"]) if v is not None]
        assert outputs == ["PlainAOTOutput"] + ["GradAOTOutput"] * 4  # the input's gradient is None


class TestBackwardPath:
    def test_inside_a_block(self):
        assert backward_path("h.2.mlp.fc", {"h.1", "h.2"}) == "h.2.∇.mlp.fc"

    def test_the_block_itself(self):
        assert backward_path("h.2", {"h.2"}) == "h.2.∇"

    def test_no_block(self):
        assert backward_path("head", set()) == "∇.head"
        assert backward_path("", set()) == "∇"


class TestCommonGroup:
    def test_siblings_meet_in_their_parent(self):
        assert common_group(["h.0.∇.mlp.fc1", "h.0.∇.mlp.fc2"]) == "h.0.∇.mlp"

    def test_groups_of_different_blocks_meet_at_the_root(self):
        assert common_group(["h.0.∇", "h.1.∇.mlp"]) == "∇"


class TestRepeatedBlocks:
    def test_leaves_are_no_blocks(self):
        assert repeated_blocks({"": "M", "q": "Linear", "k": "Linear"}) == set()

    def test_one_of_a_kind_is_no_block(self):
        assert repeated_blocks({"": "M", "a": "A", "a.fc": "L", "b": "B", "b.fc": "L"}) == set()


class TestCaptureTrainingStep:
    def test_against_autograd(self, step):
        """The graph computes the gradients that autograd computes for the same step, where it says."""
        model, x, loss_fn, graph = step
        model = copy.deepcopy(model)
        loss = loss_fn(model(x))
        loss.backward()
        autograd = collections.Counter()
        todo, seen = [loss.grad_fn], set()
        while todo:
            fn = todo.pop()
            if fn is None or fn in seen:
                continue
            seen.add(fn)
            autograd[type(fn).__name__] += 1
            todo += [next_fn for next_fn, _ in fn.next_functions]
        ops = collections.Counter(n.op for n in graph.nodes.values())
        assert ops["aten.threshold_backward.default"] == autograd["ReluBackward0"] == 4
        assert ops["aten.tanh_backward.default"] == autograd["TanhBackward0"] == 4
        assert ops["aten.native_layer_norm_backward.default"] == autograd["NativeLayerNormBackward0"] == 8
        with_grad = {name: p for name, p in model.named_parameters() if p.grad is not None}
        assert autograd["AccumulateGrad"] == len(with_grad)
        outputs = {n.name[len("grad:"):]: n for n in graph.nodes.values() if n.name.startswith("grad:")}
        assert outputs.keys() == with_grad.keys()
        blocks = repeated_blocks({path: type(m).__name__ for path, m in model.named_modules()})
        for name, parameter in with_grad.items():
            group = backward_path(ir.parent_path(name) or "", blocks)
            assert _inside(_producer_module(graph, f"grad:{name}"), group), name
            producer = graph.node(outputs[name].inputs[0].node)
            assert producer.outputs[outputs[name].inputs[0].output].dims == tuple(parameter.shape)

    def test_backward_groups(self, step):
        graph = step[3]
        assert graph.modules["blocks.1.∇"].class_name == f"{BACKWARD_CLASS}/tests.support.training_model.ResidualBlock"
        assert graph.modules["blocks.1.∇.mlp.fc1"].class_name == f"{BACKWARD_CLASS}/torch.nn.modules.linear.Linear"
        assert graph.modules["∇.head"].class_name == f"{BACKWARD_CLASS}/torch.nn.modules.linear.Linear"
        for node in graph.nodes.values():
            if node.kind is ir.NodeKind.OP:
                backward = BACKWARD_SEGMENT in node.module.split(".")
                assert (node.attrs["phase"] == "backward") == backward, node.name
        assert graph.node("loss_grad").kind is ir.NodeKind.CONSTANT

    def test_phases(self, step):
        graph = step[3]
        assert graph.phases == ("forward", "loss", "backward")
        assert graph.capture == "torch.export"
        phases = collections.Counter(n.attrs.get("phase") for n in graph.nodes.values() if n.kind is ir.NodeKind.OP)
        assert set(phases) == {"forward", "loss", "backward"}
        assert {n.module for n in graph.nodes.values() if n.attrs.get("phase") == "loss"} == {"loss", ""}

    def test_round_trip(self, step):
        graph = step[3]
        header, blob = serialize.encode_graph(graph)
        back = serialize.decode_graph(serialize.decode_header(header), blob)
        assert back.phases == graph.phases
        assert serialize.graph_to_json(back)["phases"] == ["forward", "loss", "backward"]
        assert back.dump() == graph.dump()

    def test_batchnorm_statistics_are_outputs(self):
        model = nn.Sequential(nn.Conv2d(3, 4, 3), nn.BatchNorm2d(4), nn.Flatten(), nn.Linear(16, 2))
        graph = capture_training_step(model, torch.randn(2, 3, 4, 4), lambda out: out.square().mean())
        assert {"mutation:1.running_mean", "mutation:1.running_var"} <= set(graph.nodes)

    def test_model_and_weights_unchanged(self):
        model, x, loss_fn = residual_training_step(blocks=2)
        model.eval()
        optimizer = torch.optim.Adam(model.parameters())
        before = {k: v.clone() for k, v in model.state_dict().items()}
        capture_training_step(model, x, loss_fn, optimizer=optimizer)
        assert all(torch.equal(before[k], v) for k, v in model.state_dict().items())
        assert not any(m.training for m in model.modules())
        assert not optimizer.state and all(p.grad is None for p in model.parameters())


class TestFoldedTrainingGraph:
    def test_every_edge_accounted_for(self, step, folded):
        for path in folded.h.module_paths:
            views.check_view(folded, path)
        edges = simplify.simplify_stats(folded)["edges"]
        assert edges["dead"] == 0 and edges["check"] == 0  # the loss and the gradients keep every op live
        assert edges["drawn"] + edges["pruned"] + edges["embedded"] + edges["contracted"] == edges["original"]

    def test_blocks_stack_with_their_backward(self, step, folded):
        stats = simplify.simplify_stats(folded)
        (stack,) = [s for s in stats["stacks"] if s["parent"] == "blocks"]
        # the last block lacks the sum of its output's gradient, read by the head alone: a variant
        assert stack["count"] == 4 and stack["variants"] == 1 and stack["module_class"].endswith("ResidualBlock")
        representative = stack["members"][0]
        view = folded.view(representative)
        backward = [c for c in view["children"] if c["id"] == f"m:{representative}.∇"]
        assert backward and backward[0]["class_name"].startswith(BACKWARD_CLASS)

    def test_gradient_edges_are_marked(self, folded):
        edges = {e["id"]: e for e in folded.view("blocks.1")["edges"]}
        assert not edges["e:m:blocks.1.mixer->m:blocks.1.mlp"]["gradient"]
        inside = folded.view("blocks.1.∇")["edges"]
        assert inside and all(e["gradient"] for e in inside)


class TestOptimizer:
    @pytest.mark.parametrize("make, states", [
        (lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9), {"momentum_buffer"}),
        (lambda p: torch.optim.AdamW(p, amsgrad=True), {"exp_avg", "exp_avg_sq", "max_exp_avg_sq", "step"}),
    ])
    def test_update_of_every_parameter(self, make, states):
        model, x, loss_fn = residual_training_step()
        graph = capture_training_step(model, x, loss_fn, optimizer=make(model.parameters()))
        assert graph.phases == ("forward", "loss", "backward", "optimizer")
        assert graph.modules["optimizer"].class_name.startswith(OPTIMIZER_CLASS + "/torch.optim.")
        for name, _ in model.named_parameters():
            module = ir.join_path("optimizer", ir.parent_path(name) or "")
            assert graph.node(f"updated:{name}").module == module
            assert _inside(_producer_module(graph, f"updated:{name}"), module)
            assert {s for s in states if f"optimizer.{name}.{s}" in graph.nodes} == states
        assert not any(n.name.startswith("grad:") for n in graph.nodes.values())
        folded = simplify.simplify(graph, check=True)
        assert simplify.simplify_stats(folded)["edges"]["dead"] == 0
        # the update mirrors the blocks' stack, bigger than it; the tab still leads to the model's
        assert folded.h.module_paths[folded.main_stack()] == "blocks.0"

    def test_tied_weight_updated_once(self):
        class Tied(nn.Module):
            def __init__(self):
                super().__init__()
                self.embed = nn.Embedding(10, 4)
                self.head = nn.Linear(4, 10, bias=False)
                self.head.weight = self.embed.weight

            def forward(self, ids):
                return self.head(self.embed(ids))

        model = Tied()
        graph = capture_training_step(model, torch.tensor([[1, 2, 3]]), lambda out: out.logsumexp(-1).mean(),
                                      optimizer=torch.optim.SGD(model.parameters(), lr=0.1))
        updated = [n.name for n in graph.nodes.values() if n.name.startswith("updated:")]
        assert len(updated) == 1 and updated[0] in ("updated:embed.weight", "updated:head.weight")
        assert graph.parameter_count == 40  # one tensor, counted once

    def test_unsupported_optimizer(self):
        model, x, loss_fn = residual_training_step(blocks=1)
        with pytest.raises(CaptureError, match="torch.optim.SGD, torch.optim.Adam, torch.optim.AdamW"):
            capture_training_step(model, x, loss_fn, optimizer=torch.optim.RMSprop(model.parameters()))


class TestErrors:
    def test_loss_must_be_a_scalar(self):
        model, x, _ = residual_training_step(blocks=1)
        with pytest.raises(CaptureError, match="scalar"):
            capture_training_step(model, x, lambda logits: logits.sum(0))

    def test_data_dependent_control_flow(self):
        class Branchy(nn.Module):
            def __init__(self):
                super().__init__()
                self.fc = nn.Linear(4, 4)

            def forward(self, x):
                return self.fc(x) if x.sum() > 0 else -self.fc(x)

        with pytest.raises(CaptureError, match="torch.where or torch.cond"):
            capture_training_step(Branchy(), torch.ones(2, 4), lambda out: out.mean())


class TestLossModule:
    def test_module_loss_and_a_taken_name(self):
        class WithLossChild(nn.Module):
            def __init__(self):
                super().__init__()
                self.loss = nn.Linear(4, 2)  # a module called "loss" moves the loss group aside

            def forward(self, x):
                return self.loss(x)

        class MeanSquare(nn.Module):
            def forward(self, out):
                return out.pow(2).mean()

        graph = capture_training_step(WithLossChild(), torch.randn(3, 4), MeanSquare())
        assert graph.modules["loss_1"].class_name.endswith("MeanSquare")
        assert {n.module for n in graph.nodes.values() if n.attrs.get("phase") == "loss"} == {"loss_1", ""}


class TestLogTrainingGraph:
    def test_logged_and_simplified(self, tmp_path, capsys):
        model, x, loss_fn = residual_training_step(blocks=2)
        graph = tb_plugin.log_training_graph(str(tmp_path), model, x, loss_fn, step=3)
        assert graph.phases == ("forward", "loss", "backward")
        logged = cli.load_graph(str(tmp_path), tag="train", step=3)
        assert logged.phases == graph.phases and len(logged.nodes) == len(graph.nodes)
        assert cli.main(["simplify", str(tmp_path), "--tag", "train", "--json"]) == 0
        stats = json.loads(capsys.readouterr().out)
        assert stats["graph"]["phases"] == ["forward", "loss", "backward"]

    def test_compiled_model_is_unwrapped(self, tmp_path):
        model, x, loss_fn = residual_training_step(blocks=1)
        graph = tb_plugin.log_training_graph(str(tmp_path), torch.compile(model), x, loss_fn)
        assert "∇.blocks.0" in graph.modules and not any("_orig_mod" in path for path in graph.modules)

    def test_bad_tag_fails_before_capture(self, tmp_path):
        with pytest.raises(ValueError, match="tag"):
            tb_plugin.log_training_graph(str(tmp_path), nn.Linear(2, 2), torch.ones(1, 2), lambda o: o.sum(), tag="")
