"""Run by ``torchrun --nproc_per_node=2`` in test_capture_distributed: every rank calls log_graph, as a script does."""

import sys

import torch
import torch.distributed as dist
from torch import nn

import tb_plugin
from tests.models import Block, BlocksAndHead


def wrapped_models() -> dict:
    """Tag -> the same architecture under each distributed wrapper."""
    from torch.distributed.fsdp import FullyShardedDataParallel, fully_shard
    from torch.distributed.fsdp.wrap import ModuleWrapPolicy

    sharded = BlocksAndHead()
    for block in sharded.blocks:
        fully_shard(block)
    fully_shard(sharded)
    return {
        "ddp": nn.parallel.DistributedDataParallel(BlocksAndHead()),
        "fsdp": FullyShardedDataParallel(BlocksAndHead(), device_id=torch.device("cpu"), auto_wrap_policy=ModuleWrapPolicy({Block})),
        "fully_shard": sharded,
        "compiled_ddp": torch.compile(nn.parallel.DistributedDataParallel(BlocksAndHead())),
    }


def main(logdir: str) -> None:
    dist.init_process_group("gloo")
    rank = dist.get_rank()
    x = torch.randn(3, 4)
    for tag, model in wrapped_models().items():
        graph = tb_plugin.log_graph(logdir, model, x, tag=tag)
        if (graph is None) != (rank != 0):
            raise SystemExit(f"rank {rank} got {graph!r} from log_graph({tag!r}); only rank 0 captures")
        if tag != "compiled_ddp":  # (compiling it would take most of the test's time)
            model(x).sum().backward()  # the wrapped model still trains after its graph was logged
    dist.barrier()
    dist.destroy_process_group()


if __name__ == "__main__":
    main(sys.argv[1])
