#!/usr/bin/env python3
"""Times numpy/OpenBLAS for the shapes of InFiConD's concept-scoring kernels, for an honest ratio.

Run with Debian's python3-numpy (linked against OpenBLAS through libblas.so.3):
    /usr/bin/python3 benchmarks/peers/openblas_sgemm.py [--threads 2] [--repeats 5]

For each P in {1, 49}: A = (N·P) × D segment embeddings, B = C × D concept bank (float32).
  sgemm       : A @ B.T                                  (2·N·P·C·D flops)
  sgemm+max   : normalise rows, A @ B.T, max over each image's P segments, clamp at 0
Prints one JSON object per line: case, seconds (median of repeats), GFLOP/s, BLAS library.
"""
import argparse
import json
import os
import statistics
import sys
import time


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--images", type=int, default=10_000)
    parser.add_argument("--dim", type=int, default=512)
    parser.add_argument("--concepts", type=int, default=584)
    args = parser.parse_args()
    # OpenBLAS reads its thread count at load time, so set it before importing numpy.
    os.environ["OPENBLAS_NUM_THREADS"] = str(args.threads)
    import numpy as np

    library = "unknown"
    try:
        from threadpoolctl import threadpool_info  # optional
        library = ";".join(f"{i['internal_api']} {i['version']}" for i in threadpool_info())
    except ImportError:
        with open("/proc/self/maps") as maps:
            libs = {line.split()[-1] for line in maps if "blas" in line}
        library = ";".join(sorted(os.path.realpath(l) for l in libs)) or "unknown"

    rng = np.random.default_rng(42)
    n, d, c = args.images, args.dim, args.concepts
    bank = rng.standard_normal((c, d), dtype=np.float32)
    bank /= np.linalg.norm(bank, axis=1, keepdims=True)

    def timed(fn):
        fn()  # warm-up
        samples = []
        for _ in range(args.repeats):
            start = time.perf_counter()
            fn()
            samples.append(time.perf_counter() - start)
        return statistics.median(samples)

    for p in (1, 49):
        segments = rng.standard_normal((n * p, d), dtype=np.float32)
        flops = 2.0 * n * p * c * d

        def sgemm():
            return segments @ bank.T

        def sgemm_max():
            unit = segments / np.linalg.norm(segments, axis=1, keepdims=True)
            sims = unit @ bank.T
            return np.maximum(sims.reshape(n, p, c).max(axis=1), 0.0)

        for name, fn in (("sgemm", sgemm), ("sgemm+max", sgemm_max)):
            seconds = timed(fn)
            print(json.dumps({
                "case": name, "P": p, "N": n, "D": d, "C": c, "threads": args.threads,
                "seconds": round(seconds, 6), "gflops": round(flops / seconds / 1e9, 2),
                "numpy": np.__version__, "blas": library,
            }), flush=True)
        del segments
    return 0


if __name__ == "__main__":
    sys.exit(main())
