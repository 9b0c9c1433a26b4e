#!/usr/bin/env python3
"""Times numpy/OpenBLAS for the shapes of InFiConD's concept-scoring kernels, for an honest ratio.

Run with Debian's python3-numpy on OpenBLAS (apt-get install python3-numpy python3-threadpoolctl
libopenblas0-pthread; without libopenblas0-pthread numpy runs on the reference BLAS):
    /usr/bin/python3 benchmarks/peers/openblas_sgemm.py [--threads 2] [--repeats 5]

A peer only counts when it runs its best kernel. An OpenBLAS built with DYNAMIC_ARCH picks a kernel from the
CPU's identity and falls back silently (0.3.21 runs Sapphire Rapids on its SSE3 'Prescott' kernel), so this
script reads the kernel OpenBLAS chose (threadpoolctl's 'architecture'), compares its vector ISA with the widest
one /proc/cpuinfo lists, and when OpenBLAS chose a narrower one re-executes itself with OPENBLAS_CORETYPE set to
the widest. It then checks both cases against float64 and refuses to report (exit 2) when the kernel still does
not match the CPU or the check fails. Only this process is affected: tests and CI keep the machine's defaults.

For each P in {1, 49}: A = (N·P) × D segment embeddings, B = C × D concept bank (float32).
  sgemm       : A @ B.T into a preallocated product                       (2·N·P·C·D flops)
  sgemm+max   : normalise rows, A @ B.T, max over each image's P segments, clamp at 0 (preallocated buffers)
Prints one JSON object per line: the kernel line first, then per case the median and fastest of the repeats,
GFLOP/s (of the median), the process CPU time per call (with --threads 1 on a loaded machine, GFLOP per
CPU-second is the steadier comparison; OpenBLAS's pool threads spin, so with more threads CPU time overstates
work), the BLAS library and the kernel.
"""
import argparse
import json
import os
import statistics
import sys
import time

# Vector ISA tiers, narrowest first, with the OpenBLAS core type that is the widest kernel of each tier.
TIERS = ("sse3", "avx", "avx2", "avx512")
CORETYPE_FOR_TIER = {"sse3": "PRESCOTT", "avx": "SANDYBRIDGE", "avx2": "HASWELL", "avx512": "SKYLAKEX"}
# OpenBLAS core names (openblas_get_corename, lower case) by the ISA their kernels use.
KERNEL_TIER = {
    **dict.fromkeys(("skylakex", "cooperlake", "sapphirerapids"), "avx512"),
    **dict.fromkeys(("haswell", "zen"), "avx2"),
    **dict.fromkeys(("sandybridge", "bulldozer", "piledriver", "steamroller", "excavator"), "avx"),
    **dict.fromkeys(("prescott", "core2", "penryn", "dunnington", "nehalem", "atom", "nano", "opteron",
                     "opteron_sse3", "barcelona", "bobcat", "katmai", "coppermine", "northwood"), "sse3"),
}
# Relative error bound of the float32 products against float64, per element |Δ| / (‖a_i‖·‖b_j‖).
MAX_RELATIVE_ERROR = 1e-4
CHECK_ROWS = 2_000


def cpu_tier() -> str:
    """The widest vector ISA the CPU advertises (SkylakeX kernels need AVX-512 F, CD, BW, DQ and VL)."""
    with open("/proc/cpuinfo") as info:
        flags = next((line.split(":", 1)[1].split() for line in info if line.startswith("flags")), [])
    flags = set(flags)
    if {"avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"} <= flags:
        return "avx512"
    if {"avx2", "fma"} <= flags:
        return "avx2"
    if "avx" in flags:
        return "avx"
    return "sse3"


def refuse(message: str) -> int:
    print(f"openblas_sgemm.py: refusing to report: {message}", file=sys.stderr, flush=True)
    return 2


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--images", type=int, default=10_000)
    parser.add_argument("--dim", type=int, default=512)
    parser.add_argument("--concepts", type=int, default=584)
    parser.add_argument("--segments", type=int, nargs="+", default=[1, 49], help="values of P")
    args = parser.parse_args()
    # OpenBLAS reads its thread count and core type at load time, so both are set before importing numpy.
    os.environ["OPENBLAS_NUM_THREADS"] = str(args.threads)
    import numpy as np
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return refuse("threadpoolctl is missing (apt-get install python3-threadpoolctl), so the kernel cannot be read")

    blas = [i for i in threadpool_info() if i.get("user_api") == "blas"]
    if len(blas) != 1 or blas[0].get("internal_api") != "openblas":
        return refuse(f"numpy is not on exactly one OpenBLAS: {blas} (apt-get install libopenblas0-pthread)")
    info = blas[0]
    kernel = str(info.get("architecture"))
    kernel_tier = KERNEL_TIER.get(kernel.lower())
    widest = cpu_tier()
    forced = os.environ.get("OPENBLAS_CORETYPE")
    if kernel_tier is None:
        return refuse(f"unknown OpenBLAS kernel '{kernel}': add it to KERNEL_TIER")
    if TIERS.index(kernel_tier) < TIERS.index(widest):
        if forced is None:
            coretype = CORETYPE_FOR_TIER[widest]
            print(json.dumps({"note": f"OpenBLAS chose {kernel} ({kernel_tier}) on a CPU with {widest}; "
                                      f"re-running with OPENBLAS_CORETYPE={coretype}"}), flush=True)
            os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "OPENBLAS_CORETYPE": coretype})
        return refuse(f"OpenBLAS runs {kernel} ({kernel_tier}) with OPENBLAS_CORETYPE={forced}, "
                      f"but the CPU has {widest}")
    if TIERS.index(kernel_tier) > TIERS.index(widest):
        return refuse(f"OpenBLAS runs {kernel} ({kernel_tier}) but /proc/cpuinfo lists only {widest}")
    library = f"openblas {info.get('version')} {info.get('threading_layer')} {info.get('filepath')}"
    print(json.dumps({"kernel": kernel, "kernel_isa": kernel_tier, "cpu_isa": widest,
                      "OPENBLAS_CORETYPE": forced, "threads": info.get("num_threads"),
                      "numpy": np.__version__, "blas": library}), flush=True)

    rng = np.random.default_rng(42)
    n, d, c = args.images, args.dim, args.concepts
    bank = rng.standard_normal((c, d), dtype=np.float32)
    bank /= np.linalg.norm(bank, axis=1, keepdims=True)

    def timed(fn):
        fn()  # warm-up: first touch of the buffers, OpenBLAS's thread start
        samples, cpu = [], []
        for _ in range(args.repeats):
            cpu_start, start = time.process_time(), time.perf_counter()
            fn()
            samples.append(time.perf_counter() - start)
            cpu.append(time.process_time() - cpu_start)
        return statistics.median(samples), min(samples), statistics.median(cpu)

    for p in args.segments:
        segments = rng.uniform(-1.0, 1.0, size=(n * p, d)).astype(np.float32)
        flops = 2.0 * n * p * c * d
        product = np.empty((n * p, c), dtype=np.float32)
        norms = np.empty((n * p, 1), dtype=np.float32)
        unit = np.empty_like(segments)
        scores = np.empty((n, c), dtype=np.float32)

        def sgemm():
            np.matmul(segments, bank.T, out=product)

        def sgemm_max():
            np.sqrt(np.einsum("ij,ij->i", segments, segments)[:, None], out=norms)
            np.divide(segments, norms, out=unit)
            np.matmul(unit, bank.T, out=product)
            np.max(product.reshape(n, p, c), axis=1, out=scores)
            np.maximum(scores, 0.0, out=scores)

        error = check(np, segments, bank, p, sgemm, product, sgemm_max, scores)
        if not error < MAX_RELATIVE_ERROR:
            return refuse(f"kernel {kernel}: max relative error {error:.3g} against float64 at P = {p} "
                          f"(limit {MAX_RELATIVE_ERROR:g})")
        for name, fn in (("sgemm", sgemm), ("sgemm+max", sgemm_max)):
            median, fastest, cpu = timed(fn)
            print(json.dumps({
                "case": name, "P": p, "N": n, "D": d, "C": c, "threads": args.threads,
                "seconds": round(median, 6), "fastest": round(fastest, 6),
                "gflops": round(flops / median / 1e9, 2), "cpu_seconds": round(cpu, 6),
                "gflop_per_cpu_second": round(flops / cpu / 1e9, 2), "max_relative_error": float(f"{error:.3g}"),
                "kernel": kernel, "numpy": np.__version__, "blas": library,
            }), flush=True)
        del segments, product, unit
    return 0


def check(np, segments, bank, p, sgemm, product, sgemm_max, scores) -> float:
    """Largest error of both cases on the first CHECK_ROWS rows, relative to ‖a_i‖·‖b_j‖, against float64."""
    rows = min(CHECK_ROWS - CHECK_ROWS % p, segments.shape[0]) or segments.shape[0]
    a64, b64 = segments[:rows].astype(np.float64), bank.astype(np.float64)
    a_norms = np.linalg.norm(a64, axis=1)
    scale = np.outer(a_norms, np.linalg.norm(b64, axis=1))
    sgemm()
    reference = a64 @ b64.T
    error = np.max(np.abs(product[:rows] - reference) / scale)
    sgemm_max()
    cosines = (reference / a_norms[:, None]).reshape(rows // p, p, -1)
    expected = np.maximum(cosines.max(axis=1), 0.0)
    return max(error, np.max(np.abs(scores[:rows // p] - expected)))


if __name__ == "__main__":
    sys.exit(main())
