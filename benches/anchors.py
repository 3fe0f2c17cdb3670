#!/usr/bin/env python3
"""Whole-process `shipshape export pdf` next to the anchor alternatives, in
the same run, with the anchors' own harness (bench.py's run_once: wall
clock, CPU of the process tree, peak RSS of the largest process).

  benches/anchors.py [--bin target/release/shipshape] [-t typst,reportlab] [-s 25,1000,10000]

Needs a copy of the shared anchors folder with its inputs generated (see
benches/anchors.sh, which prepares everything and then runs this).
Prints a Markdown table with each tool's median and Shipshape's speed-up
over the fastest alternative measured at each size.
"""
import argparse, os, statistics, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ANCHORS = os.environ.get("ANCHORS", "/tmp/anchors")
sys.path.insert(0, ANCHORS)
import bench  # noqa: E402  (the anchors' harness)

RUNS = {25: (20, 3), 1000: (7, 1), 10000: (3, 1)}


def shipshape_argv(binary, n, out_dir):
    return [binary, "export", "pdf", os.path.join(ANCHORS, f"checklist-{n}.shipshape.ron"),
            "-o", os.path.join(out_dir, f"shipshape-{n}.pdf"), "--as-of", "2026-03-10", "--paper", "a4"]


def measure(argv, runs, warm):
    for _ in range(warm):
        bench.run_once(argv)
    rs = [bench.run_once(argv) for _ in range(runs)]
    bad = {r["rc"] for r in rs} - {0}
    if bad:
        sys.exit(f"{argv[0]} failed with exit code {bad}: {' '.join(argv)}")
    return {"wall": statistics.median(r["wall"] for r in rs), "min": min(r["wall"] for r in rs),
            "max": max(r["wall"] for r in rs), "cpu": statistics.median(r["cpu"] for r in rs),
            "peak_mib": max(r["peak_kib"] for r in rs) / 1024}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "target", "release", "shipshape"))
    ap.add_argument("-t", "--tools", default="typst,reportlab")
    ap.add_argument("-s", "--sizes", default="25,1000,10000")
    a = ap.parse_args()
    out_dir = os.path.join(bench.OUT, "shipshape")
    os.makedirs(out_dir, exist_ok=True)
    print("| items | tool | runs | wall median s (min-max) | cpu s | peak RSS MiB | PDF KiB | pages |")
    print("|---|---|---|---|---|---|---|---|")
    summary = []
    for n in (int(s) for s in a.sizes.split(",")):
        runs, warm = RUNS.get(n, (5, 1))
        results = {}
        for tool in ["shipshape"] + a.tools.split(","):
            if tool == "shipshape":
                argv, pdf = shipshape_argv(os.path.abspath(a.bin), n, out_dir), os.path.join(out_dir, f"shipshape-{n}.pdf")
            else:
                argv, pdf = bench.tools(n)[tool]
            r = measure(argv, runs, warm)
            size, pages = bench.pdf_info(pdf)
            results[tool] = r
            print(f"| {n} | {tool} | {runs} | {r['wall']:.4f} ({r['min']:.4f}-{r['max']:.4f}) | {r['cpu']:.3f} | "
                  f"{r['peak_mib']:.1f} | {(size or 0) / 1024:.0f} | {pages} |", flush=True)
        others = {t: r for t, r in results.items() if t != "shipshape"}
        if others:
            fastest = min(others, key=lambda t: others[t]["wall"])
            ratio = others[fastest]["wall"] / results["shipshape"]["wall"]
            summary.append(f"{n} items: shipshape {results['shipshape']['wall'] * 1000:.1f} ms vs {fastest} "
                           f"{others[fastest]['wall'] * 1000:.0f} ms -> {ratio:.1f}x faster")
    print()
    for line in summary:
        print(line)


if __name__ == "__main__":
    main()
