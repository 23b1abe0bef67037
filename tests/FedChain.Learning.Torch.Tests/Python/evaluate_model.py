#!/usr/bin/python3
"""Loads a TorchScript file with PyTorch and prints its first output row. Usage: evaluate_model.py FILE v1 v2 ..."""
import sys
import torch

model = torch.jit.load(sys.argv[1])
model.eval()
x = torch.tensor([[float(v) for v in sys.argv[2:]]])
with torch.no_grad():
    print(" ".join(f"{v:.6f}" for v in model(x)[0].tolist()))
