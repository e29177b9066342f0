#!/usr/bin/env python3
"""The influence scan in numpy (float32, OpenBLAS), as the peer at full strength: for B queries,
score[b, i] = sum_c R[i, c] * (S[b, c] . X[i]).

Several formulations a skilled numpy user would try are timed (median over the repetitions) and the fastest is
the peer's figure; the memory floor is one pass over X (X @ v). The first line names the BLAS library and the
kernel it runs (threadpoolctl). The caller starts this process with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE
removed from its environment, so OpenBLAS picks its own best kernel for this CPU; the line says whether they
were set here. One JSON line per query count (1 and 64), then one for the memory floor."""
import argparse, json, os, sys, time

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

blas = {"library": "unknown", "kernel": "unknown", "threads": None, "version": None}
try:
    from threadpoolctl import threadpool_info
    for pool in threadpool_info():
        if pool.get("user_api") == "blas":
            blas = {"library": pool.get("internal_api"), "kernel": pool.get("architecture"),
                    "threads": pool.get("num_threads"), "version": pool.get("version")}
            break
except ImportError:
    blas["kernel"] = "unknown (threadpoolctl missing: apt-get install python3-threadpoolctl)"
print(json.dumps({"case": "numpy-blas", "numpy": np.__version__, **blas,
                  "OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE"),
                  "OPENBLAS_L2_SIZE": os.environ.get("OPENBLAS_L2_SIZE")}), flush=True)

rng = np.random.default_rng(7)
n, d, c = args.rows, args.width, args.classes
X = rng.uniform(-1, 1, (n, d)).astype(np.float32)
R = rng.uniform(-1, 1, (n, c)).astype(np.float32)


def median_ms(action):
    action(); action()
    samples = []
    for _ in range(args.repetitions):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return samples[len(samples) // 2]


for b in (1, 64):
    S = rng.uniform(-1, 1, (b * c, d)).astype(np.float32)
    ST = np.ascontiguousarray(S.T)
    G = np.empty((n, b * c), dtype=np.float32)
    out = np.empty((b, n), dtype=np.float32)
    G3 = G.reshape(n, b, c)
    Rcol = R[:, :, None]

    formulations = {
        # one GEMM, then the residual reduction by einsum (numpy's contraction loop)
        "gemm_einsum": lambda: np.einsum("nbc,nc->bn", (X @ ST).reshape(n, b, c), R),
        # the same into preallocated buffers: no allocation per call
        "gemm_out_einsum_out": lambda: (np.matmul(X, ST, out=G), np.einsum("nbc,nc->bn", G3, R, out=out)),
        # the reduction as a batched matrix product (n small (b x c) @ (c x 1) products)
        "gemm_out_matmul": lambda: (np.matmul(X, ST, out=G), np.matmul(G3, Rcol)),
        # broadcasted multiply and sum over the class axis
        "gemm_out_multiply_sum": lambda: (np.matmul(X, ST, out=G), (G3 * R[:, None, :]).sum(axis=2)),
    }
    if b == 1:
        # one query: per class a GEMV, weighted by the residual column (C passes over X, no N x C temporary)
        formulations["gemv_per_class"] = lambda: sum(R[:, k] * (X @ S[k]) for k in range(c))

    # every formulation must compute the same scores (laid out as b x n, n x b or n x b x 1)
    reference = formulations["gemm_einsum"]()
    for name, action in formulations.items():
        result = action()
        result = np.asarray(result[-1] if isinstance(result, tuple) else result)
        result = result.reshape(n, b).T if result.shape[0] == n else result.reshape(b, n)
        if not np.allclose(result, reference, rtol=1e-3, atol=1e-3):
            print(f"formulation {name} disagrees with gemm_einsum", file=sys.stderr)
            sys.exit(4)

    timings = {name: round(median_ms(action), 2) for name, action in formulations.items()}
    best = min(timings, key=timings.get)
    print(json.dumps({"case": f"numpy-scan-{b}q", "queries": b, "rows": n, "width": d, "classes": c,
                      "formulations_median_ms": timings, "best": best, "median_ms": timings[best]}), flush=True)

v = rng.uniform(-1, 1, d).astype(np.float32)
floor_ms = median_ms(lambda: X @ v)
print(json.dumps({"case": "numpy-memory-floor", "rows": n, "width": d, "bytes": X.nbytes,
                  "what": "X @ v: one pass over the N x D float32 matrix", "median_ms": round(floor_ms, 2)}), flush=True)
