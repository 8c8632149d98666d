"""Timing shared by the bench scripts: commands that take turns, every other round in reverse
order, so that the machine's drift hits them alike; for each run the wall time and the CPU time
(user + system of the child process, which a loaded machine inflates less than the wall time).
The scripts import it with PYTHONPATH=bench."""
import os
import subprocess
import sys
import time


def run_once(command):
    """One run of `command` (output discarded): (wall seconds, CPU seconds); exits if it fails."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        sys.exit(f"{' '.join(map(str, command))} failed (wait status {status})")
    return wall, usage.ru_utime + usage.ru_stime


def alternate(commands, runs):
    """`commands`: {key: argv}. Returns ({key: wall times}, {key: CPU times}), `runs` of each."""
    keys = list(commands)
    wall = {k: [] for k in keys}
    cpu = {k: [] for k in keys}
    for r in range(runs):
        for k in keys if r % 2 == 0 else reversed(keys):
            w, c = run_once(commands[k])
            wall[k].append(w)
            cpu[k].append(c)
    return wall, cpu


def quartiles(times):
    ordered = sorted(times)
    return ordered[len(ordered) // 4], ordered[3 * len(ordered) // 4]
