"""The benchmark's hand-written training loops in PyTorch from Python (issue 20's "PyTorch-from-Python" column).

The same cases as bench/HandLoops.cs, HandModels.cs, RecurrentCases.cs, AttentionCase.cs and BatchNormCnnCase.cs:
same architectures, batch sizes and steps, synthetic data of the same shapes, torch threads = 1, one epoch =
randperm + index_select batches, zero_grad(set_to_none=True) / forward / CrossEntropyLoss on logits / backward /
Adam(eps=1e-7) step / loss.item() per step. Time is this thread's CPU time (time.thread_time, CLOCK_THREAD_CPUTIME_ID:
with one torch thread every kernel runs on it), one warm-up epoch then `--reps` timed epochs, median reported.

Written for Debian 12's python3-torch (PyTorch 1.13), which has no scaled_dot_product_attention: the transformer block
uses nn.MultiheadAttention (batch_first, the idiomatic 1.13 module; same projections and sizes).

    /usr/bin/python3 bench/python/hand_loops.py --case lstm --steps 40 --reps 5
prints one line: `case=<name> steps=<n> cpu_ms_per_step=<median> wall_ms_per_step=<median> torch=<version> malloc=...`.
glibc malloc is tuned as KerasSharp tunes it for its own process (see tune_malloc; --no-malloc-tuning leaves it), and
OpenBLAS should run one thread (OPENBLAS_NUM_THREADS=1) and be found first
(LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-pthread with Debian's libopenblas0-pthread; otherwise Debian's
PyTorch runs the system's selected BLAS, the reference one by default); the C# benchmark sets both for the child.
The C# benchmark runs it as a child process with `--case python` (bench/PythonCase.cs).
"""
import argparse
import ctypes
import ctypes.util
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class Mlp(nn.Module):
    def __init__(self, hidden, dropout):
        super().__init__()
        layers, width = [], 784
        for h in hidden:
            layers += [nn.Linear(width, h), nn.ReLU()]
            if dropout > 0:
                layers.append(nn.Dropout(dropout))
            width = h
        layers.append(nn.Linear(width, 10))
        self.net = nn.Sequential(*layers)

    def forward(self, x):
        return self.net(x)


def convnet():
    return nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Dropout(0.5), nn.Linear(1600, 10))


class TextClassifier(nn.Module):
    def __init__(self, kind):
        super().__init__()
        self.kind = kind
        self.embedding = nn.Embedding(1000, 32)
        if kind == "gru":
            self.recurrent = nn.GRU(32, 64, batch_first=True)
        else:
            self.recurrent = nn.LSTM(32, 64, batch_first=True, bidirectional=kind == "bilstm")
        self.head = nn.Linear(128 if kind == "bilstm" else 64, 2)

    def forward(self, x):
        _, state = self.recurrent(self.embedding(x))
        h = state if self.kind == "gru" else state[0]
        h = torch.cat([h[0], h[1]], 1) if self.kind == "bilstm" else h[0]
        return self.head(h)


class TransformerBlock(nn.Module):
    def __init__(self):
        super().__init__()
        self.attention = nn.MultiheadAttention(64, 4, batch_first=True)
        self.norm1 = nn.LayerNorm(64, eps=1e-6)
        self.ff1 = nn.Linear(64, 128)
        self.ff2 = nn.Linear(128, 64)
        self.norm2 = nn.LayerNorm(64, eps=1e-6)
        self.head = nn.Linear(64, 10)

    def forward(self, x):
        a, _ = self.attention(x, x, x, need_weights=False)
        h1 = self.norm1(x + a)
        h2 = self.norm2(h1 + self.ff2(F.relu(self.ff1(h1))))
        return self.head(h2.mean(1))


def batchnorm_cnn():
    layers, width = [], 3
    for i, f in enumerate([32, 64, 64]):
        layers += [nn.Conv2d(width, f, 3, padding=1, bias=False), nn.BatchNorm2d(f, eps=1e-3, momentum=0.01), nn.ReLU()]
        if i < 2:
            layers.append(nn.MaxPool2d(2))
        width = f
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(width, 10)]
    return nn.Sequential(*layers)


# name: (model factory, batch size, input maker(n, generator), classes)
CASES = {
    "mlp128": (lambda: Mlp([128], 0.0), 32, lambda n, g: torch.rand(n, 784, generator=g), 10),
    "mlp512": (lambda: Mlp([512, 512], 0.2), 128, lambda n, g: torch.rand(n, 784, generator=g), 10),
    "convnet": (convnet, 128, lambda n, g: torch.rand(n, 1, 28, 28, generator=g), 10),
    "lstm": (lambda: TextClassifier("lstm"), 32, lambda n, g: torch.randint(1, 1000, (n, 200), generator=g), 2),
    "bilstm": (lambda: TextClassifier("bilstm"), 32, lambda n, g: torch.randint(1, 1000, (n, 200), generator=g), 2),
    "gru": (lambda: TextClassifier("gru"), 32, lambda n, g: torch.randint(1, 1000, (n, 200), generator=g), 2),
    "transformer": (TransformerBlock, 32, lambda n, g: torch.randn(n, 64, 64, generator=g), 10),
    "bncnn": (batchnorm_cnn, 64, lambda n, g: torch.rand(n, 3, 32, 32, generator=g), 10),
}


def tune_malloc():
    """glibc malloc keeps freed memory for reuse, as KerasSharp does for its process (src/KerasSharp/Runtime/AllocatorTuning.cs:
    mallopt(M_MMAP_THRESHOLD, 256 MB), mallopt(M_TRIM_THRESHOLD, 1 GB)); the C# benchmark's hand loop runs in that
    process and gets it too. Without it every large temporary is a fresh mmap and page faults on every step."""
    name = ctypes.util.find_library("c")
    if not sys.platform.startswith("linux") or name is None:
        return "not tuned"
    libc = ctypes.CDLL(name)
    m_trim_threshold, m_mmap_threshold = -1, -3
    ok = libc.mallopt(m_mmap_threshold, 256 * 1024 * 1024) == 1 and libc.mallopt(m_trim_threshold, 1024 * 1024 * 1024) == 1
    return "tuned" if ok else "not tuned"


def train_epoch(model, optimizer, loss_fn, x, labels, batch):
    model.train()
    n = x.shape[0]
    total = 0.0
    perm = torch.randperm(n)
    for start in range(0, n, batch):
        idx = perm[start:start + batch]
        xb = x.index_select(0, idx)
        yb = labels.index_select(0, idx)
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(xb), yb)
        loss.backward()
        optimizer.step()
        total += loss.item()
    return total


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--case", required=True, choices=sorted(CASES))
    parser.add_argument("--steps", type=int, required=True, help="training steps per epoch")
    parser.add_argument("--reps", type=int, default=5, help="timed epochs after one warm-up epoch")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--no-malloc-tuning", action="store_true", help="leave glibc malloc's thresholds as they are")
    args = parser.parse_args()
    malloc = "not tuned" if args.no_malloc_tuning else tune_malloc()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    make, batch, inputs, classes = CASES[args.case]
    g = torch.Generator().manual_seed(args.seed)
    n = args.steps * batch
    x = inputs(n, g)
    labels = torch.randint(0, classes, (n,), generator=g)
    model = make()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()
    cpu, wall = [], []
    for rep in range(args.reps + 1):
        c0, w0 = time.thread_time(), time.perf_counter()
        train_epoch(model, optimizer, loss_fn, x, labels, batch)
        if rep > 0:  # the first epoch is a warm-up
            cpu.append((time.thread_time() - c0) * 1000 / args.steps)
            wall.append((time.perf_counter() - w0) * 1000 / args.steps)
    print(f"case={args.case} steps={args.steps} cpu_ms_per_step={statistics.median(cpu):.4f} "
          f"wall_ms_per_step={statistics.median(wall):.4f} torch={torch.__version__} malloc={malloc.replace(' ', '_')}")


if __name__ == "__main__":
    main()
