#!/usr/bin/python3
"""Evaluates a model exported by `fedchain models export` with Debian's PyTorch alone, as a hospital's data
scientist would: a TorchScript file through torch.jit.load, or a safetensors state dict (parsed with json,
struct and torch.frombuffer: Debian has no safetensors package) loaded with load_state_dict(strict=True) into
the task's own, untrained TorchScript model. The test set is a CSV of standardised features and a 0/1 label.
Prints {"accuracy": ..., "samples": ...}.
Usage: evaluate_exported.py torchscript FILE TEST.csv | evaluate_exported.py safetensors FILE TEST.csv TASK_MODEL.pt"""
import csv
import json
import struct
import sys

import torch


def read_safetensors(path):
    with open(path, "rb") as f:
        blob = f.read()
    (length,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8 : 8 + length])
    data = bytearray(blob[8 + length :])
    tensors = {}
    for name, entry in header.items():
        if name != "__metadata__":
            assert entry["dtype"] == "F32", f"{name}: {entry['dtype']}"
            start, end = entry["data_offsets"]
            tensors[name] = torch.frombuffer(data[start:end], dtype=torch.float32).reshape(entry["shape"])
    return tensors


kind, path, test = sys.argv[1], sys.argv[2], sys.argv[3]
if kind == "torchscript":
    model = torch.jit.load(path)
else:
    model = torch.jit.load(sys.argv[4])
    model.load_state_dict(read_safetensors(path), strict=True)
model.eval()

with open(test, newline="") as f:
    rows = [[float(v) for v in row] for row in csv.reader(f)]
features = torch.tensor([row[:-1] for row in rows], dtype=torch.float32)
labels = torch.tensor([int(row[-1]) for row in rows])
with torch.no_grad():
    logits = model(features)
# One logit is the positive class's (sigmoid > 0.5 iff logit > 0), as FedChain reads a [batch, 1] output.
predicted = (logits.reshape(-1) > 0).long() if logits.shape[1] == 1 else logits.argmax(1)
print(json.dumps({"accuracy": int((predicted == labels).sum()) / len(rows), "samples": len(rows)}))
