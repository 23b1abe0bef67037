#!/usr/bin/python3
"""Evaluates a model exported by `fedchain models export` with Debian's PyTorch alone, as a hospital's data
scientist would: a TorchScript file through torch.jit.load, or a safetensors state dict (parsed with json,
struct and torch.frombuffer: Debian has no safetensors package) loaded with load_state_dict(strict=True) into
the task's own, untrained TorchScript model. The test set is a CSV of standardised features and a 0/1 label.
Prints {"accuracy": ..., "samples": ...}.
Usage: evaluate_exported.py torchscript FILE TEST.csv [--shape 1x28x28]
       evaluate_exported.py safetensors FILE TEST.csv --into TASK_MODEL.pt [--shape ...]"""
import argparse
import csv
import json
import struct

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


arguments = argparse.ArgumentParser()
arguments.add_argument("kind", choices=["torchscript", "safetensors"])
arguments.add_argument("file")
arguments.add_argument("test")
arguments.add_argument("--into", help="the TorchScript model a safetensors state dict is loaded into")
arguments.add_argument("--shape", help="one sample's shape, e.g. 1x28x28 (default: the CSV row's features)")
options = arguments.parse_args()
if options.kind == "torchscript":
    model = torch.jit.load(options.file)
else:
    model = torch.jit.load(options.into)
    model.load_state_dict(read_safetensors(options.file), strict=True)
model.eval()

with open(options.test, newline="") as f:
    rows = [[float(v) for v in row] for row in csv.reader(f)]
features = torch.tensor([row[:-1] for row in rows], dtype=torch.float32)
if options.shape:
    features = features.reshape([len(rows)] + [int(d) for d in options.shape.split("x")])
labels = torch.tensor([int(row[-1]) for row in rows])
with torch.no_grad():
    logits = model(features)
# One logit is the positive class's (sigmoid > 0.5 iff logit > 0), as FedChain reads a [batch, 1] output.
predicted = (logits.reshape(-1) > 0).long() if logits.shape[1] == 1 else logits.argmax(1)
print(json.dumps({"accuracy": int((predicted == labels).sum()) / len(rows), "samples": len(rows)}))
