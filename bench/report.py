#!/usr/bin/python3
"""Turn bench/run.sh's raw-runs CSV into the Markdown results table.

Stdlib only. One row per (case, tool): median wall time over the runs with
min/max, throughput from the median, CPU, peak RSS, failures, and Salvo's
throughput divided by each peer's. Then the issue's targets, checked, and the
JVM start-up numbers.

Usage: report.py --csv raw.csv [--meta meta.txt] [--out results.md]
"""
import argparse
import csv
import statistics
import sys
from collections import OrderedDict

MIB = 1024 * 1024
S2_DELAY_S = 0.1          # echo_sleep in the nginx config written by run.sh
TOOL_ORDER = ["salvo", "wrk", "wget2", "curl", "aiohttp"]


def num(s):
    try:
        return float(s)
    except (TypeError, ValueError):
        return None


class Group:
    """The runs of one tool on one case, summarised."""

    def __init__(self, rows):
        self.rows = rows
        r0 = rows[0]
        self.case, self.scenario, self.tool = r0["case"], r0["scenario"], r0["tool"]
        self.conc = int(r0["concurrency"])
        self.body = int(r0["body_bytes"])
        walls = [num(r["wall_s"]) for r in rows]
        self.complete = all(w is not None for w in walls)
        walls = [w for w in walls if w is not None]
        self.wall_med = statistics.median(walls) if walls else None
        self.wall_min = min(walls) if walls else None
        self.wall_max = max(walls) if walls else None
        self.urls = int(statistics.median(int(r["urls"]) for r in rows))
        if self.tool == "wrk":
            # wrk's request count varies per run: take the median run's rate.
            rates = [int(r["urls"]) / num(r["wall_s"]) for r in rows if num(r["wall_s"])]
            self.rps = statistics.median(rates) if rates else None
        else:
            self.rps = self.urls / self.wall_med if self.wall_med else None
        cpus = [num(r["user_s"]) + num(r["sys_s"]) for r in rows
                if num(r["user_s"]) is not None and num(r["sys_s"]) is not None]
        self.cpu = statistics.median(cpus) if cpus else None
        rss = [num(r["maxrss_kib"]) for r in rows if num(r["maxrss_kib"]) is not None]
        self.rss_mib = max(rss) / 1024 if rss else None
        self.failures = max(int(r["failures"]) for r in rows)
        self.conns = int(statistics.median(int(r["server_conns"]) for r in rows))
        notes = OrderedDict()
        bad_exit = sum(1 for r in rows if r["exit_code"] not in ("0", ""))
        if bad_exit:
            notes[f"non-zero exit in {bad_exit}/{len(rows)} runs"] = 1
        for r in rows:
            if r["note"]:
                notes[r["note"]] = 1
            srv, ok = int(r["server_requests"]), int(r["ok"])
            if self.tool != "wrk" and srv < ok:
                notes[f"server saw only {srv} requests for {ok} ok"] = 1
        self.notes = list(notes)

    @property
    def mibps(self):
        return self.rps * self.body / MIB if self.rps else None

    @property
    def cpu_ms_per_1k(self):
        if self.cpu is None or not self.urls:
            return None
        return self.cpu * 1e6 / self.urls


def fmt(x, digits=0, suffix=""):
    if x is None:
        return "–"
    return f"{x:,.{digits}f}{suffix}"


def fmt_wall(g):
    if g.wall_med is None:
        return "–"
    if len(g.rows) == 1:
        return f"{g.wall_med:.2f}"
    return f"{g.wall_med:.2f} ({g.wall_min:.2f}–{g.wall_max:.2f})"


def results_table(groups, lines):
    lines += [
        "| scenario | tool | URLs | C | wall s, median (min–max) | req/s | MiB/s | CPU s (user+sys) "
        "| CPU ms / 1k req | peak RSS MiB | failures (worst run) | server conns | Salvo ÷ tool | notes |",
        "|---|---|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    by_case = OrderedDict()
    for g in groups:
        by_case.setdefault(g.case, []).append(g)
    for case, gs in by_case.items():
        gs.sort(key=lambda g: TOOL_ORDER.index(g.tool) if g.tool in TOOL_ORDER else 99)
        salvo = next((g for g in gs if g.tool == "salvo"), None)
        for g in gs:
            ratio = "–"
            if salvo and g is not salvo and salvo.rps and g.rps:
                ratio = f"{salvo.rps / g.rps:.2f}×"
            mib = fmt(g.mibps, 1) if g.body >= 64 * 1024 else "–"
            lines.append(
                f"| {case} | {g.tool} | {g.urls:,} | {g.conc} | {fmt_wall(g)} | {fmt(g.rps)} | {mib} "
                f"| {fmt(g.cpu, 2)} | {fmt(g.cpu_ms_per_1k, 1)} | {fmt(g.rss_mib, 1)} | {g.failures:,} "
                f"| {g.conns:,} | {ratio} | {'; '.join(g.notes)} |")
    return by_case


def target_checks(by_case, lines, quick):
    def get(case, tool):
        return next((g for g in by_case.get(case, []) if g.tool == tool), None)

    checks = []

    def check(name, ok, detail):
        verdict = "n/a" if ok is None else ("PASS" if ok else "FAIL")
        checks.append(f"| {name} | {verdict} | {detail} |")

    for case in ("S1-c64", "S1-c256"):
        s = get(case, "salvo")
        for peer, factor in (("wget2", 1.0), ("aiohttp", 5.0), ("wrk", 0.6)):
            p = get(case, peer)
            if s and p and s.rps and p.rps:
                check(f"{case}: Salvo req/s ≥ {factor:g}× {peer}", s.rps >= factor * p.rps,
                      f"{s.rps:,.0f} vs {factor:g} × {p.rps:,.0f}")
    s = get("S2-c500", "salvo")
    if s and s.wall_med:
        ideal = -(-s.urls // s.conc) * S2_DELAY_S
        check("S2-c500: wall ≤ 1.2× ideal (JVM start included)", s.wall_med <= 1.2 * ideal,
              f"{s.wall_med:.2f} s vs ideal {ideal:.2f} s")
    s, w = get("S3", "salvo"), get("S3", "wrk")
    if s and w and s.mibps and w.mibps:
        check("S3: Salvo MiB/s ≥ 90% of wrk", s.mibps >= 0.9 * w.mibps,
              f"{s.mibps:,.0f} vs {w.mibps:,.0f} MiB/s")
    one, ten = get("S4-1M", "salvo"), get("S4-10M", "salvo")
    for g in (one, ten):
        if g and g.rss_mib:
            check(f"{g.case}: peak RSS < 256 MiB", g.rss_mib < 256, f"{g.rss_mib:.0f} MiB")
    if one and ten and one.rss_mib and ten.rss_mib:
        check("S4: 10M peak RSS within 10% of 1M", ten.rss_mib <= 1.1 * one.rss_mib,
              f"{ten.rss_mib:.0f} vs {one.rss_mib:.0f} MiB")
    s5, s1 = get("S5", "salvo"), get("S1-c256", "salvo")
    if s5 and s1 and s5.rps and s1.rps:
        check("S5: within 15% of S1-c256 throughput", s5.rps >= 0.85 * s1.rps,
              f"{s5.rps:,.0f} vs {s1.rps:,.0f} req/s")
    # https (issue 7): the T cases run in separate invocations, so each check needs both sides.
    for case in ("T1-30k", "T1-200k", "T1-1M"):
        s, w = get(case, "salvo"), get(case, "wget2")
        if s and w and s.rps and w.rps:
            check(f"{case}: Salvo req/s ≥ 1.0× wget2", s.rps >= w.rps, f"{s.rps:,.0f} vs {w.rps:,.0f}")
    # CPU of the 800,000 requests between T1-200k and T1-1M: the cost once warm, without the
    # JVM's start-up and JIT compilation that the shorter runs carry (not a target; evidence).
    warm = []
    for tool in ("salvo", "wget2"):
        small, large = get("T1-200k", tool), get("T1-1M", tool)
        if small and large and small.cpu and large.cpu and large.urls > small.urls:
            per_1k = (large.cpu - small.cpu) * 1e6 / (large.urls - small.urls)
            warm.append(f"- {tool}: {per_1k:,.1f} ms of CPU per 1,000 https requests once warm "
                        f"(T1-1M minus T1-200k)")
    s, c = get("T3", "salvo"), get("T3", "curl")
    if s and c and s.rps and c.rps:
        check("T3 (1,024 https hosts): Salvo req/s ≥ 1.0× curl", s.rps >= c.rps, f"{s.rps:,.0f} vs {c.rps:,.0f}")
    h2, h1 = get("T2", "salvo"), get("T1-30k", "salvo")
    if h2 and h1 and h2.rps and h1.rps:
        check("T2: HTTP/2 req/s ≥ HTTP/1.1 (T1-30k)", h2.rps >= h1.rps, f"{h2.rps:,.0f} vs {h1.rps:,.0f}")
    tls, plain = get("T1-200k", "salvo"), get("S1-c64", "salvo")
    if tls and plain and tls.cpu_ms_per_1k and plain.cpu_ms_per_1k:
        check("T1-200k: https CPU/request ≤ 2× plain http (S1-c64)",
              tls.cpu_ms_per_1k <= 2 * plain.cpu_ms_per_1k,
              f"{tls.cpu_ms_per_1k:,.1f} vs {plain.cpu_ms_per_1k:,.1f} ms / 1k req")
    lines += ["", "## Targets (issues 4 and 7)", ""]
    if not checks:
        lines.append("No Salvo results to check (Salvo skipped or not selected).")
        return
    if quick:
        lines += ["Quick mode: sizes are tiny and JVM start dominates, so these verdicts mean nothing.", ""]
    lines += ["| target | verdict | measured |", "|---|---|---|"] + checks
    if warm:
        lines += [""] + warm


def jvm_table(rows, lines):
    if not rows:
        return
    version = [num(r["wall_s"]) for r in rows if r["tool"] == "salvo --version" and num(r["wall_s"])]
    fetch = [r for r in rows if r["tool"] == "salvo fetch 1 URL"]
    fetch_wall = [num(r["wall_s"]) for r in fetch if num(r["wall_s"])]
    first = [num(r["first_request_ms"]) for r in fetch if num(r["first_request_ms"]) is not None]
    rss = [num(r["maxrss_kib"]) for r in fetch if num(r["maxrss_kib"])]
    med = lambda xs: statistics.median(xs) if xs else None
    lines += ["", "## JVM start to first request (Salvo, via ./salvo)", "",
              "| measure | median | runs |", "|---|--:|--:|",
              f"| `./salvo --version` wall s | {fmt(med(version), 2)} | {len(version)} |",
              f"| `./salvo fetch` of 1 URL, wall s | {fmt(med(fetch_wall), 2)} | {len(fetch_wall)} |",
              f"| launch → first request at nginx, ms ($msec in access log) | {fmt(med(first))} | {len(first)} |",
              f"| 1-URL fetch peak RSS MiB | {fmt(max(rss) / 1024 if rss else None, 1)} | {len(rss)} |"]


def main():
    ap = argparse.ArgumentParser(description="Markdown report from bench/run.sh raw runs")
    ap.add_argument("--csv", required=True)
    ap.add_argument("--meta")
    ap.add_argument("--out")
    ap.add_argument("--quick", action="store_true", help="smoke-test sizes: say the verdicts mean nothing")
    args = ap.parse_args()

    with open(args.csv, newline="") as f:
        rows = list(csv.DictReader(f))
    bench_rows = [r for r in rows if r["case"] != "JVM"]
    groups_by_key = OrderedDict()
    for r in bench_rows:
        groups_by_key.setdefault((r["case"], r["tool"]), []).append(r)
    groups = [Group(rs) for rs in groups_by_key.values()]

    lines = ["# Salvo benchmark results", ""]
    if args.meta:
        with open(args.meta) as f:
            lines += [f"- {l.strip()}" for l in f if l.strip()]
        lines.append("")
    if groups:
        by_case = results_table(groups, lines)
        lines += ["",
                  "req/s = URLs ÷ median wall (wrk: median of its own rate; one URL, fixed duration). "
                  "MiB/s only for 1 MiB bodies. CPU is the median run's user+sys of the whole process tree; "
                  "peak RSS is the largest over runs (for ./salvo: the JVM). Failures = URLs without a 2xx. "
                  "Server conns = TCP connections nginx accepted per run, median (stub_status). "
                  "Salvo ÷ tool = Salvo's req/s over that tool's in the same case."]
        target_checks(by_case, lines, args.quick)
    else:
        lines.append("No benchmark runs recorded.")
    jvm_table([r for r in rows if r["case"] == "JVM"], lines)
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
