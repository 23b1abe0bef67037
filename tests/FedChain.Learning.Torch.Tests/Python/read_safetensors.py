#!/usr/bin/python3
"""Reads a safetensors file with nothing but json, struct and torch.frombuffer (Debian has no safetensors
package), loads it into a PyTorch MLP built from the tensor names (fc1..fcK, ReLU between) with
load_state_dict(strict=True), and prints JSON: every tensor's shape and values, and the model's
probabilities for one sample. Usage: read_safetensors.py FILE v1 v2 ..."""
import json
import struct
import sys
from collections import OrderedDict

import torch
from torch import nn

DTYPES = {"F32": torch.float32, "F64": torch.float64, "I64": torch.int64}

with open(sys.argv[1], "rb") as f:
    blob = f.read()
(header_length,) = struct.unpack("<Q", blob[:8])
header = json.loads(blob[8 : 8 + header_length])
data = bytearray(blob[8 + header_length :])
tensors = OrderedDict()
for name, entry in header.items():
    if name == "__metadata__":
        continue
    start, end = entry["data_offsets"]
    tensors[name] = torch.frombuffer(data[start:end], dtype=DTYPES[entry["dtype"]]).reshape(entry["shape"])

layers = OrderedDict([("flatten", nn.Flatten())])
count = len([n for n in tensors if n.endswith(".weight")])
for i in range(1, count + 1):
    out_features, in_features = tensors[f"fc{i}.weight"].shape
    layers[f"fc{i}"] = nn.Linear(in_features, out_features)
    if i < count:
        layers[f"relu{i}"] = nn.ReLU()
model = nn.Sequential(layers)
model.load_state_dict(tensors, strict=True)
model.eval()
with torch.no_grad():
    logits = model(torch.tensor([[float(v) for v in sys.argv[2:]]]))[0]
probabilities = torch.sigmoid(logits).tolist() if logits.numel() == 1 else torch.softmax(logits, 0).tolist()
print(json.dumps({
    "tensors": {n: {"shape": list(t.shape), "values": t.flatten().tolist()} for n, t in tensors.items()},
    "probabilities": probabilities,
}))
