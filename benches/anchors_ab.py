#!/usr/bin/env python3
"""Two or more shipshape builds and typst, timed in rotation on one input.

  benches/anchors_ab.py [-n RUNS] [-s ITEMS] BIN [BIN...]

benches/anchors.py times one tool after the other, so a change of load
during the run moves one tool's figure and not the other's; here every
round runs each build and typst once, in rotating order, with the anchors'
harness (bench.run_once: wall clock, CPU of the process tree). Prints each
one's median wall and CPU time and typst's median over it. Needs the
anchors folder prepared as benches/anchors.sh does (ANCHORS, default
/tmp/anchors) and typst on PATH. Run it under `chrt -f 50` on a busy
machine.
"""
import argparse, os, statistics, sys

ANCHORS = os.environ.get("ANCHORS", "/tmp/anchors")
sys.path.insert(0, ANCHORS)
import bench  # noqa: E402  (the anchors' harness)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", "--runs", type=int, default=60)
    ap.add_argument("-s", "--size", type=int, default=25)
    ap.add_argument("bins", nargs="+")
    a = ap.parse_args()
    source = os.path.join(ANCHORS, f"checklist-{a.size}.shipshape.ron")
    cmds = {}
    for n, binary in enumerate(a.bins):
        out = os.path.join(bench.OUT, f"ab-{n}.pdf")
        cmds[f"{n}: {binary}"] = [os.path.abspath(binary), "export", "pdf", source, "-o", out,
                                  "--as-of", "2026-03-10", "--paper", "a4"]
    cmds["typst"] = bench.tools(a.size)["typst"][0]
    names = list(cmds)
    for name in names:  # warm the page cache
        bench.run_once(cmds[name])
    results = {name: [] for name in names}
    for i in range(a.runs):
        for name in names[i % len(names):] + names[:i % len(names)]:
            r = bench.run_once(cmds[name])
            if r["rc"] != 0:
                sys.exit(f"{name} failed with exit code {r['rc']}")
            results[name].append(r)
    typst = statistics.median(r["wall"] for r in results["typst"])
    print(f"{a.size} items, {a.runs} rounds")
    for name in names:
        wall = statistics.median(r["wall"] for r in results[name])
        cpu = statistics.median(r["cpu"] for r in results[name])
        print(f"{name}: wall {wall * 1000:.2f} ms, CPU {cpu * 1000:.2f} ms, typst / this {typst / wall:.1f}x")


if __name__ == "__main__":
    main()
