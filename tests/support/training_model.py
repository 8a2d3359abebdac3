"""A small residual model whose training step the capture, view and browser tests share."""

from __future__ import annotations

import torch
from torch import nn


class Mixer(nn.Module):
    """Pre-norm residual sublayer ``x + tanh(mix(norm(x)))``: gradients fan in at the residual add."""

    def __init__(self, width: int = 8):
        super().__init__()
        self.norm = nn.LayerNorm(width)
        self.mix = nn.Linear(width, width)

    def forward(self, x):
        return x + torch.tanh(self.mix(self.norm(x)))


class FeedForward(nn.Module):
    """Pre-norm residual MLP ``x + fc2(relu(fc1(norm(x))))``."""

    def __init__(self, width: int = 8):
        super().__init__()
        self.norm = nn.LayerNorm(width)
        self.fc1 = nn.Linear(width, 2 * width)
        self.fc2 = nn.Linear(2 * width, width)

    def forward(self, x):
        return x + self.fc2(torch.relu(self.fc1(self.norm(x))))


class ResidualBlock(nn.Module):
    """Two different residual sublayers, as a transformer layer's attention and MLP."""

    def __init__(self, width: int = 8):
        super().__init__()
        self.mixer = Mixer(width)
        self.mlp = FeedForward(width)

    def forward(self, x):
        return self.mlp(self.mixer(x))


class ResidualNet(nn.Module):
    """A stem, ``blocks`` residual blocks and a classifier head."""

    def __init__(self, blocks: int = 4, width: int = 8, classes: int = 3):
        super().__init__()
        self.stem = nn.Linear(4, width)
        self.blocks = nn.ModuleList([ResidualBlock(width) for _ in range(blocks)])
        self.head = nn.Linear(width, classes)

    def forward(self, x):
        x = self.stem(x)
        for block in self.blocks:
            x = block(x)
        return self.head(x)


def residual_training_step(blocks: int = 4):
    """``(model, example input, loss_fn)``: a classification loss on fixed labels, held by the closure."""
    torch.manual_seed(0)
    model = ResidualNet(blocks)
    labels = torch.tensor([0, 2, 1, 0])
    return model, torch.randn(4, 4), lambda logits: nn.functional.cross_entropy(logits, labels)
