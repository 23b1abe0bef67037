#!/usr/bin/python3
"""Loads a TorchScript file with torch.jit.load (no class definition) and prints JSON: its state_dict (names,
shapes, values) and its outputs for one sample. Usage: read_torchscript.py FILE SHAPE v1 v2 ... (SHAPE: 6 or 1x8x8)"""
import json
import sys

import torch

model = torch.jit.load(sys.argv[1])
model.eval()
shape = [int(d) for d in sys.argv[2].split("x")]
x = torch.tensor([float(v) for v in sys.argv[3:]]).reshape([1] + shape)
with torch.no_grad():
    outputs = model(x)[0].tolist()
print(json.dumps({
    "state": {n: {"shape": list(t.shape), "values": t.flatten().tolist()} for n, t in model.state_dict().items()},
    "parameters": [n for n, _ in model.named_parameters()],
    "outputs": outputs,
}))
