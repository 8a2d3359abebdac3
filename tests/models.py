"""Tiny real models for tests: transformers configs with random weights, built in milliseconds."""

from __future__ import annotations

import torch
from torch import nn


class Block(nn.Module):
    """Linear then ReLU: the smallest module with a child module and parameters."""

    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)
        self.act = nn.ReLU()

    def forward(self, x):
        return self.act(self.fc(x))


class BlocksAndHead(nn.Module):
    """Two Blocks in a Sequential and a Linear head: what the wrapper tests wrap."""

    def __init__(self):
        super().__init__()
        self.blocks = nn.Sequential(Block(), Block())
        self.head = nn.Linear(4, 2)

    def forward(self, x):
        return self.head(self.blocks(x))


class TinyDetector(nn.Module):
    """A two-stage detector in miniature: forward branches on tensor values, so ``torch.export`` refuses it.

    Like Faster R-CNN's proposal filtering, it keeps the locations whose
    objectness passes a threshold (``torch.nonzero``), falls back to the best
    one when none does (a Python ``if`` on a value) and runs the box head on
    each kept proposal in a Python loop.
    """

    def __init__(self, channels: int = 8, classes: int = 3, max_proposals: int = 4):
        super().__init__()
        self.backbone = nn.Sequential(nn.Conv2d(3, channels, 3, padding=1), nn.ReLU(),
                                      nn.Conv2d(channels, channels, 3, stride=2, padding=1), nn.ReLU())
        self.objectness = nn.Conv2d(channels, 1, 1)
        self.box_head = nn.Sequential(nn.Linear(channels, 2 * channels), nn.ReLU())
        self.boxes = nn.Linear(2 * channels, 4)
        self.labels = nn.Linear(2 * channels, classes)
        self.max_proposals = max_proposals

    def forward(self, images):
        features = self.backbone(images)
        scores = self.objectness(features).flatten(1)[0]
        keep = torch.nonzero(scores > 0).flatten()
        if keep.numel() == 0:
            keep = scores.argmax().reshape(1)
        pooled = features.flatten(2)[0]
        rois = torch.stack([pooled[:, index] for index in keep.tolist()[: self.max_proposals]])
        hidden = self.box_head(rois)
        return {"boxes": self.boxes(hidden), "labels": self.labels(hidden), "scores": scores[keep]}


def tiny_detector():
    torch.manual_seed(0)
    return TinyDetector().eval(), (torch.randn(1, 3, 16, 16, generator=torch.Generator().manual_seed(0)),)


def tiny_bert(layers: int = 3):
    from transformers import BertConfig, BertModel

    config = BertConfig(hidden_size=32, num_hidden_layers=layers, num_attention_heads=2, intermediate_size=64,
                        vocab_size=100, max_position_embeddings=64, attn_implementation="eager")
    return BertModel(config).eval(), (torch.randint(0, 100, (1, 16)),)


def tiny_gpt2(layers: int = 3):
    from transformers import GPT2Config, GPT2Model

    config = GPT2Config(n_layer=layers, n_embd=32, n_head=2, vocab_size=100, n_positions=64, use_cache=False,
                        attn_implementation="eager")
    return GPT2Model(config).eval(), (torch.randint(0, 100, (1, 16)),)


def tiny_vit(layers: int = 2):
    from transformers import ViTConfig, ViTModel

    config = ViTConfig(hidden_size=32, num_hidden_layers=layers, num_attention_heads=2, intermediate_size=64,
                       image_size=32, patch_size=8, attn_implementation="eager")
    return ViTModel(config).eval(), (torch.randn(1, 3, 32, 32),)


def tiny_resnet():
    from transformers import ResNetConfig, ResNetModel

    config = ResNetConfig(embedding_size=8, hidden_sizes=[8, 16], depths=[2, 2], layer_type="bottleneck")
    return ResNetModel(config).eval(), (torch.randn(1, 3, 32, 32),)


TINY_MODELS = {"bert": tiny_bert, "gpt2": tiny_gpt2, "vit": tiny_vit, "resnet": tiny_resnet}
