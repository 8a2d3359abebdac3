"""The digits case studies' shared parts: data, a small CNN, training and evaluation.

scikit-learn ships the ``digits`` data set (1,797 greyscale 8×8 images of the
digits 0–9) inside the package, so nothing is downloaded.
"""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

CLASS_NAMES = [str(d) for d in range(10)]


class DigitsCNN(nn.Module):
    """Three conv–BatchNorm–ReLU stages, then a flatten and a linear classifier."""

    def __init__(self, width: int = 32, dropout: float = 0.0) -> None:
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, width, 3, padding=1), nn.BatchNorm2d(width), nn.ReLU(),
            nn.Conv2d(width, 2 * width, 3, padding=1), nn.BatchNorm2d(2 * width), nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(2 * width, 2 * width, 3, padding=1), nn.BatchNorm2d(2 * width), nn.ReLU(),
            nn.MaxPool2d(2),
        )
        self.classifier = nn.Sequential(nn.Flatten(), nn.Dropout(dropout), nn.Linear(2 * width * 4, 10))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.features(x))


def load_split(seed: int = 0, test_fraction: float = 0.2):
    """``(x_train, y_train, x_test, y_test)`` tensors: images scaled to [0, 1], a stratified split."""
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    digits = load_digits()
    images = (digits.images / 16.0).astype(np.float32)[:, None]
    x_train, x_test, y_train, y_test = train_test_split(
        images, digits.target, test_size=test_fraction, random_state=seed, stratify=digits.target
    )
    as_tensors = lambda x, y: (torch.from_numpy(x), torch.from_numpy(y).long())  # noqa: E731
    return (*as_tensors(x_train, y_train), *as_tensors(x_test, y_test))


def batches(x: torch.Tensor, y: torch.Tensor, batch_size: int = 128, *, shuffle_seed: int | None = None):
    """A list of ``(images, labels)`` batches, optionally shuffled."""
    order = torch.arange(len(x)) if shuffle_seed is None else torch.randperm(len(x), generator=torch.Generator().manual_seed(shuffle_seed))
    return [(x[order[i:i + batch_size]], y[order[i:i + batch_size]]) for i in range(0, len(x), batch_size)]


def train(model: nn.Module, x, y, *, epochs: int, lr: float, seed: int = 0, on_epoch=None) -> nn.Module:
    """Adam with cross-entropy; ``on_epoch(epoch, model)`` is called after each epoch."""
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(epochs):
        model.train()
        for images, labels in batches(x, y, 64, shuffle_seed=seed * 1000 + epoch):
            optimizer.zero_grad()
            loss_fn(model(images), labels).backward()
            optimizer.step()
        if on_epoch is not None:
            on_epoch(epoch, model)
    return model.eval()


@torch.no_grad()
def accuracy(model: nn.Module, x, y) -> float:
    """The fraction of ``x`` the model classifies correctly (in eval mode)."""
    was_training = model.training
    model.eval()
    correct = sum(int((model(images).argmax(1) == labels).sum()) for images, labels in batches(x, y, 512))
    model.train(was_training)
    return correct / len(x)


def conv_filter_count(model: nn.Module) -> int:
    return sum(m.out_channels for m in model.modules() if isinstance(m, nn.Conv2d))


def parameter_count(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())
