"""Tests for :mod:`tb_plugin.model_wrappers` on real wrappers, FSDP in a one-process gloo group included."""

import pytest
import torch
import torch.distributed as dist
from torch import nn

from tb_plugin.model_wrappers import is_sharded, meta_replica, original_class, unwrap_model
from tests.models import Block
from tests.models import BlocksAndHead as Net


SHAPES = {"blocks.0.fc.weight": (4, 4), "blocks.0.fc.bias": (4,), "blocks.1.fc.weight": (4, 4),
          "blocks.1.fc.bias": (4,), "head.weight": (2, 4), "head.bias": (2,)}


@pytest.fixture
def process_group(tmp_path):
    """A one-process gloo group, destroyed afterwards so that no other test sees it."""
    dist.init_process_group("gloo", init_method=f"file://{tmp_path / 'store'}", rank=0, world_size=1)
    yield
    dist.destroy_process_group()


class TestUnwrapModel:
    def test_plain_model(self):
        model = Net()
        assert unwrap_model(model) is model and not is_sharded(model)

    def test_nested_wrappers(self):
        model = Net()
        assert unwrap_model(torch.compile(nn.DataParallel(model))) is model
        assert unwrap_model(nn.DataParallel(torch.compile(model))) is model

    def test_script_module_stays(self):
        scripted = torch.jit.script(Net())
        assert unwrap_model(scripted) is scripted

    def test_not_a_module(self):
        with pytest.raises(TypeError, match="must be a torch.nn.Module"):
            unwrap_model([1, 2])


class TestMetaReplica:
    def test_plain_model_is_copied_to_meta_and_left_alone(self):
        model = Net()
        replica = meta_replica(model)
        assert {n: tuple(p.shape) for n, p in replica.named_parameters()} == SHAPES
        assert all(p.device.type == "meta" for p in replica.parameters())
        assert all(p.device.type == "cpu" for p in model.parameters())
        assert model(torch.randn(1, 4)).shape == (1, 2)

    def test_ddp(self, process_group):
        model = Net()
        assert unwrap_model(nn.parallel.DistributedDataParallel(model)) is model

    @pytest.mark.parametrize("use_orig_params", [False, True])
    def test_fsdp_v1_nested(self, process_group, use_orig_params):
        from torch.distributed.fsdp import FullyShardedDataParallel
        from torch.distributed.fsdp.wrap import ModuleWrapPolicy

        wrapped = FullyShardedDataParallel(Net(), device_id=torch.device("cpu"), use_orig_params=use_orig_params,
                                           auto_wrap_policy=ModuleWrapPolicy({Block}))
        assert is_sharded(wrapped) and type(unwrap_model(wrapped)) is Net
        replica = meta_replica(wrapped)
        assert [n for n, _ in replica.named_modules()] == [n for n, _ in Net().named_modules()]
        assert {n: tuple(p.shape) for n, p in replica.named_parameters()} == SHAPES
        assert wrapped(torch.randn(1, 4)).shape == (1, 2)  # the wrapped model still trains

    def test_fully_shard(self, process_group):
        from torch.distributed.fsdp import fully_shard

        model = Net()
        for block in model.blocks:
            fully_shard(block)
        fully_shard(model)
        assert is_sharded(model) and original_class(model) is Net and original_class(model.blocks[0]) is Block
        replica = meta_replica(model)
        assert type(replica) is Net and type(replica.blocks[0]) is Block
        assert {n: tuple(p.shape) for n, p in replica.named_parameters()} == SHAPES
        assert not replica._forward_pre_hooks and model._forward_pre_hooks
        assert model(torch.randn(1, 4)).shape == (1, 2)
