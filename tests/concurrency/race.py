"""Start many real processes at one barrier and collect what each reports."""

from __future__ import annotations

import multiprocessing


def run_together(target, args_per_process: list[tuple], timeout: float = 120) -> list:
    ctx = multiprocessing.get_context("spawn")  # fresh interpreters, like separate agents
    barrier = ctx.Barrier(len(args_per_process))
    results = ctx.Queue()
    processes = [ctx.Process(target=target, args=(*args, barrier, results)) for args in args_per_process]
    for process in processes:
        process.start()
    collected = [results.get(timeout=timeout) for _ in processes]
    for process in processes:
        process.join(timeout)
        assert process.exitcode == 0, f"a worker process died with exit code {process.exitcode}"
    return collected
