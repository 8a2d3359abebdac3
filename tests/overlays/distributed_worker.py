"""Run by ``torchrun --nproc_per_node=2`` in test_filter_stats_distributed: each rank logs stats of its shard."""

import sys

import torch
import torch.distributed as dist

import tb_plugin
from tests.overlays.shared_data import digits_like_data, small_cnn


def main(logdir: str) -> None:
    dist.init_process_group("gloo")
    rank, world = dist.get_rank(), dist.get_world_size()
    model = small_cnn()
    x, y = digits_like_data()
    shard = torch.arange(rank, len(x), world)  # interleaved shards of unequal label mixes
    loader = [(x[shard][i:i + 16], y[shard][i:i + 16]) for i in range(0, len(shard), 16)]
    tb_plugin.log_filter_stats(logdir, model, loader, step=0, graph_tag="model")
    dist.barrier()
    dist.destroy_process_group()


if __name__ == "__main__":
    main(sys.argv[1])
