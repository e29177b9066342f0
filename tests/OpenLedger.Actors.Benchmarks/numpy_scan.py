#!/usr/bin/env python3
"""The influence scan in numpy (float32, OpenBLAS): for B queries, score[b, i] = sum_c R[i, c] * (S[b, c] . X[i]).
Computed as numpy users would: one GEMM G = X @ S^T (N x B*C), then the row-wise reduction with the residuals.
Prints one JSON line per query count (1 and 64) with the median time over the repetitions."""
import argparse, json, sys, time

try:
    import numpy as np
except ImportError:
    print("numpy is not installed (Debian: apt-get install python3-numpy libopenblas0-pthread)", file=sys.stderr)
    sys.exit(3)

parser = argparse.ArgumentParser()
parser.add_argument("--rows", type=int, default=100_000)
parser.add_argument("--width", type=int, default=256)
parser.add_argument("--classes", type=int, default=10)
parser.add_argument("--repetitions", type=int, default=15)
args = parser.parse_args()

rng = np.random.default_rng(7)
n, d, c = args.rows, args.width, args.classes
X = rng.uniform(-1, 1, (n, d)).astype(np.float32)
R = rng.uniform(-1, 1, (n, c)).astype(np.float32)

for b in (1, 64):
    S = rng.uniform(-1, 1, (b * c, d)).astype(np.float32)
    def scan():
        G = X @ S.T                                              # N x (B*C), OpenBLAS sgemm
        return np.einsum("nbc,nc->bn", G.reshape(n, b, c), R)    # B x N
    scan(); scan()
    samples = []
    for _ in range(args.repetitions):
        started = time.perf_counter()
        scan()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    print(json.dumps({"case": f"numpy-scan-{b}q", "queries": b, "rows": n, "width": d, "classes": c,
                      "numpy": np.__version__, "median_ms": round(samples[len(samples) // 2], 2)}))
