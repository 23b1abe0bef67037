#!/usr/bin/python3
"""The breast cancer task's model as a hospital's data scientist writes it, exported with Debian's
python3-torch: torch.jit.script needs the class in a source file. Usage: breast_cancer_mlp.py OUT.pt"""
import sys
import torch
from torch import nn


class BreastCancerMlp(nn.Module):
    """30 standardised features -> 32 -> 16 -> one logit (malignant), ReLU between."""

    def __init__(self):
        super().__init__()
        self.hidden1 = nn.Linear(30, 32)
        self.hidden2 = nn.Linear(32, 16)
        self.out = nn.Linear(16, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.out(torch.relu(self.hidden2(torch.relu(self.hidden1(x)))))


torch.manual_seed(7)
torch.jit.script(BreastCancerMlp()).save(sys.argv[1])
