"""The models of GraphFold's demo and benchmarks: transformers configs with random weights.

Nothing is downloaded: every model is built from its config class. Each builder
returns ``(model, example_inputs)`` with the model in eval mode.
"""

from __future__ import annotations

import torch


def bert_base(seq_len: int = 128):
    from transformers import BertConfig, BertModel

    model = BertModel(BertConfig(attn_implementation="eager")).eval()
    return model, (torch.randint(0, 30522, (1, seq_len)),)


def gpt2(n_layer: int = 12, n_embd: int = 768, n_head: int = 12, seq_len: int = 128):
    from transformers import GPT2Config, GPT2Model

    # use_cache=False: a returned DynamicCache is not a tensor, and torch.export refuses it.
    config = GPT2Config(
        n_layer=n_layer, n_embd=n_embd, n_head=n_head, use_cache=False, attn_implementation="eager"
    )
    return GPT2Model(config).eval(), (torch.randint(0, config.vocab_size, (1, seq_len)),)


def gpt2_deep():
    """The large benchmark graph: 96 layers, n_embd=256, n_head=4."""
    return gpt2(n_layer=96, n_embd=256, n_head=4)


def vit_base():
    from transformers import ViTConfig, ViTModel

    return ViTModel(ViTConfig(attn_implementation="eager")).eval(), (torch.randn(1, 3, 224, 224),)


def resnet50():
    from transformers import ResNetConfig, ResNetModel

    # ResNetConfig's defaults are ResNet-50: bottleneck blocks, depths 3-4-6-3.
    return ResNetModel(ResNetConfig()).eval(), (torch.randn(1, 3, 224, 224),)


MODELS = {"bert-base": bert_base, "gpt2": gpt2, "vit-base": vit_base, "resnet-50": resnet50}
