#!/usr/bin/python3
"""Writes the TorchScript test models with Debian's python3-torch: torch.jit.script needs the classes in
a source file. Usage: make_models.py OUT_DIR. Prints nothing; the files are OUT_DIR/{tabular,batchnorm}.pt."""
import sys
import torch
from torch import nn


class Tabular(nn.Module):
    """A small MLP over 6 features and 3 classes, as a hospital's data scientist might write it."""

    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(6, 16)
        self.out = nn.Linear(16, 3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.out(torch.relu(self.hidden(x)))


class WithBatchNorm(nn.Module):
    """Has float buffers (running mean and variance) and an int64 one (num_batches_tracked)."""

    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(6, 8)
        self.norm = nn.BatchNorm1d(8)
        self.out = nn.Linear(8, 3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.out(torch.relu(self.norm(self.hidden(x))))


torch.manual_seed(0)
torch.jit.script(Tabular()).save(f"{sys.argv[1]}/tabular.pt")
torch.jit.script(WithBatchNorm()).save(f"{sys.argv[1]}/batchnorm.pt")
