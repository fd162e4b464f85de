#!/usr/bin/env python3
"""Kernel-level benchmark: Hearth side by side with ipykernel, through the same client
(Debian's jupyter_client), in one run.

    /usr/bin/python3 bench/kernel_bench.py [--runs 200] [--starts 5] [--warmup 500] [--kernels hearth,python3]

The last kernel named is the yardstick (ratios are to it); a kernelspec whose name starts with
hearth (hearth-before, hearth-25, ...) runs Hearth's cells.

Measures cold start to the first kernel_info_reply, kernel_info round trip and a trivial cell
(execute request to idle) both right after start and warm (after --warmup more cells), interrupt
to idle, and idle RSS. Prints a Markdown table.
"""
import argparse
import platform
import queue
import statistics
import subprocess
import time

from jupyter_client.manager import KernelManager

TRIVIAL = {"hearth": "1 + 1", "python3": "1 + 1"}
BUSY = {"hearth": "while (true) { }", "python3": "while True: pass"}
# What a person waits for after opening a notebook: start to the first cell's result.
FIRST_CELL = {"hearth": "var xs = List.of(3, 1, 2); xs.stream().sorted().toList()",
              "python3": "xs = [3, 1, 2]; sorted(xs)"}


def language(name):
    """The cells to send: a kernelspec named hearth-before, hearth-25, ... runs Hearth's cells."""
    return "hearth" if name.startswith("hearth") else name


def wait_idle(kc, msg_id, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            msg = kc.get_iopub_msg(timeout=max(0.01, deadline - time.monotonic()))
        except queue.Empty:
            break
        if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                and msg["content"]["execution_state"] == "idle"):
            return time.perf_counter()
    raise TimeoutError("no idle for " + msg_id)


def drain(kc):
    for get in (kc.get_iopub_msg, kc.get_shell_msg):
        while True:
            try:
                get(timeout=0.05)
            except queue.Empty:
                break


def start(name, first_cell=None):
    """Starts kernel `name`; with `first_cell`, sends it at once and waits for its result."""
    km = KernelManager(kernel_name=name)
    t0 = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    if first_cell is not None:
        # As a front end does on opening a notebook: the request waits in the shell socket.
        msg_id = kc.execute(first_cell)
        while True:
            reply = kc.get_shell_msg(timeout=60)
            if reply["parent_header"].get("msg_id") == msg_id:
                if reply["content"]["status"] != "ok":
                    raise SystemExit(f"kernel {name}: first cell failed: {reply['content']}")
                return km, kc, time.perf_counter() - t0
    # Poll kernel_info until the first reply: that is the moment a front end can use the kernel.
    sent = set()
    deadline = time.monotonic() + 60
    while True:
        if time.monotonic() > deadline or not km.is_alive():
            km.shutdown_kernel(now=True)
            raise SystemExit(f"kernel {name} did not answer kernel_info within 60 s (check HEARTH_JVM_OPTS)")
        sent.add(kc.kernel_info())
        try:
            reply = kc.get_shell_msg(timeout=0.05)
            if reply["parent_header"].get("msg_id") in sent:
                break
        except queue.Empty:
            continue
    return km, kc, time.perf_counter() - t0


def rss_mb(km):
    pid = km.provisioner.pid if km.provisioner else km.kernel.pid
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def round_trips(kc, name, runs):
    """kernel_info round trips, then trivial cells (execute request to idle), runs of each."""
    drain(kc)
    info = []
    for _ in range(runs):
        t0 = time.perf_counter()
        msg_id = kc.kernel_info()
        while kc.get_shell_msg(timeout=10)["parent_header"].get("msg_id") != msg_id:
            pass
        info.append(time.perf_counter() - t0)
    drain(kc)
    cell = []
    for _ in range(runs):
        t0 = time.perf_counter()
        msg_id = kc.execute(TRIVIAL[language(name)])
        cell.append(wait_idle(kc, msg_id) - t0)
    drain(kc)
    return info, cell


def measure(name, runs, starts, warmup):
    cold = []
    first = []
    for _ in range(starts):
        for cell, times in ((None, cold), (FIRST_CELL[language(name)], first)):
            km, kc, seconds = start(name, cell)
            times.append(seconds)
            kc.stop_channels()
            km.shutdown_kernel(now=True)
    km, kc, _ = start(name)
    kc.wait_for_ready(timeout=60)
    for _ in range(20):
        kc.execute_interactive(TRIVIAL[language(name)], timeout=60, output_hook=lambda msg: None)
    early_info, early_cell = round_trips(kc, name, runs)
    # A JVM compiles its hot code (here: javac inside JShell) in background threads during the
    # first few hundred cells; measure again once that has settled.
    for _ in range(warmup):
        kc.execute_interactive(TRIVIAL[language(name)], timeout=60, output_hook=lambda msg: None)
    time.sleep(2)
    info, cell = round_trips(kc, name, runs)
    interrupt = []
    for _ in range(5):
        msg_id = kc.execute(BUSY[language(name)])
        time.sleep(0.5)
        t0 = time.perf_counter()
        km.interrupt_kernel()
        interrupt.append(wait_idle(kc, msg_id) - t0)
        drain(kc)
    time.sleep(1)
    rss = rss_mb(km)
    # shutdown_request to process exit, as a front end's "shut down" does it
    process = km.provisioner.process if km.provisioner else km.kernel
    t0 = time.perf_counter()
    kc.shutdown()
    process.wait(timeout=30)
    shutdown = time.perf_counter() - t0
    kc.stop_channels()
    km.cleanup_resources()
    return {
        "cold start to kernel_info_reply (median of %d)" % starts: statistics.median(cold) * 1000,
        "start to first cell result (median of %d)" % starts: statistics.median(first) * 1000,
        "kernel_info round trip, first 50 after start (median)": statistics.median(early_info[:50]) * 1000,
        "kernel_info round trip, first %d after start (median)" % runs: statistics.median(early_info) * 1000,
        "trivial cell, first %d after start (median)" % runs: statistics.median(early_cell) * 1000,
        "kernel_info round trip, warm (median of %d)" % runs: statistics.median(info) * 1000,
        "trivial cell, execute to idle, warm (median of %d)" % runs: statistics.median(cell) * 1000,
        "interrupt to idle (median of 5)": statistics.median(interrupt) * 1000,
        "shutdown_request to process exit": shutdown * 1000,
        "idle RSS (MB)": rss,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--kernels", default="hearth,python3")
    parser.add_argument("--warmup", type=int, default=500,
                        help="trivial cells run between the first and the warm measurements")
    args = parser.parse_args()
    names = args.kernels.split(",")
    results = {name: measure(name, args.runs, args.starts, args.warmup) for name in names}
    cpu = subprocess.run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"],
                         capture_output=True, text=True).stdout.strip()
    print(f"Machine: {cpu}, {subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores,"
          f" {platform.system()} {platform.release()}")
    # The last kernel is the yardstick: each other one gets its ratio to it.
    others = names[:-1]
    header = "| measure | " + " | ".join(names) + "".join(f" | {n} / {names[-1]}" for n in others) + " |"
    print(header)
    print("|---" * (len(names) + 1 + len(others)) + "|")
    for key in results[names[0]]:
        values = [results[n][key] for n in names]
        unit = "" if "MB" in key else " ms"
        row = "| " + key + " | " + " | ".join(f"{v:.2f}{unit}" for v in values)
        row += "".join(f" | {v / values[-1]:.2f}×" for v in values[:-1])
        print(row + " |")

if __name__ == "__main__":
    main()
