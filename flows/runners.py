"""Which task runner fetches and extracts: threads by default, Dask for processes or machines.

A flow's `runner` parameter (or BAOCAO_RUNNER in the environment, e.g. in a
deployment's job variables) says which:

- `threads` (default): a thread pool in the flow's process; fetching is I/O
  and trafilatura releases little, but a few threads keep the network busy.
  Its extract tasks hand extraction and parsing to EXTRACT_PROCESSES worker
  processes (tasks/extract_pool.py) in runs of POOL_MIN_PAGES pages or more,
  so that work is not bound to one core by the interpreter lock.
- `dask`: a Dask LocalCluster of DASK_WORKERS worker processes on this
  machine (`dask:N` for N workers), so extraction uses every core.
- `dask://HOST:PORT` (or `tcp://HOST:PORT`): an existing Dask scheduler whose
  workers — on this or other machines — run the tasks. Workers need the same
  checkout, settings and archive path (the archive is how a page fetched on one
  machine is found by the next run); all of them report to the one Prefect
  server the flow uses.

Only discovery, fetch and extract (with parsing) go to the runner. The load into
DuckDB stays in the flow's own process, one load at a time: DuckDB lets one
process hold a file read-write, and the database's Prefect global concurrency
limit (see tasks/orchestrated.py, taken once per run) serialises the writers of
different flow runs.

The runner is chosen when the run starts, inside the flow (tasks_on): the flow
run's context is given the chosen runner, so a run started by a worker from a
deployment gets the runner its parameters name, without a second flow run.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Iterator

THREADS = 8          # threads of the default runner: fetches in flight across batches
# Worker processes the extract task of the threads runner extracts and parses in (tasks/extract_pool.py);
# BAOCAO_EXTRACT_PROCESSES=0 keeps that work on the runner's threads.
EXTRACT_PROCESSES = 2
POOL_MIN_PAGES = 100  # a smaller run extracts on the threads: starting the processes would cost more
DASK_WORKERS = 2     # worker processes of `dask` (one per core of a small machine)
DASK_THREADS_PER_WORKER = 2


class RunnerError(ValueError):
    """A runner specification that names no runner baocao knows."""


def extract_processes(pages: int) -> int:
    """How many worker processes the extract task should use for a run of `pages` pages on this flow's runner.

    Only on the threads runner (Dask workers are processes already), and only
    for runs large enough to repay starting them.
    """
    from prefect.context import FlowRunContext
    from prefect.task_runners import ThreadPoolTaskRunner

    ctx = FlowRunContext.get()
    if ctx is None or not isinstance(ctx.task_runner, ThreadPoolTaskRunner) or pages < POOL_MIN_PAGES:
        return 0
    value = os.environ.get("BAOCAO_EXTRACT_PROCESSES", "").strip()
    return int(value) if value.isdigit() else EXTRACT_PROCESSES


def runner_spec(runner: str | None = None) -> str:
    """The runner asked for: the parameter, else BAOCAO_RUNNER, else threads."""
    return (runner or os.environ.get("BAOCAO_RUNNER") or "threads").strip()


def task_runner_for(runner: str | None = None):
    """A fresh (not yet started) Prefect task runner for a runner specification."""
    spec = runner_spec(runner)
    kind, _, arg = spec.partition(":")
    if spec.startswith(("dask://", "tcp://", "tls://")):
        from prefect_dask import DaskTaskRunner

        address = spec.replace("dask://", "tcp://", 1)
        return DaskTaskRunner(address=address)
    if kind == "threads":
        from prefect.task_runners import ThreadPoolTaskRunner

        return ThreadPoolTaskRunner(max_workers=_count(arg, THREADS, spec))
    if kind == "dask":
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(
            cluster_class="distributed.LocalCluster",
            cluster_kwargs={
                "n_workers": _count(arg, DASK_WORKERS, spec),
                "threads_per_worker": DASK_THREADS_PER_WORKER,
                "processes": True,
                # Loopback only, and no dashboard: nothing listens beyond this machine.
                "host": "127.0.0.1",
                "dashboard_address": None,
            },
        )
    raise RunnerError(f"runner {spec!r}: use threads, threads:N, dask, dask:N or dask://HOST:PORT")


def _count(arg: str, default: int, spec: str) -> int:
    if not arg:
        return default
    if not arg.isdigit() or int(arg) < 1:
        raise RunnerError(f"runner {spec!r}: the number after ':' must be a whole number ≥ 1")
    return int(arg)


@contextmanager
def tasks_on(runner: str | None = None) -> Iterator[None]:
    """Inside a flow run: tasks submitted in this block go to the runner asked for.

    The flow's own runner (threads) stays as it is when threads are asked for.
    Otherwise the chosen runner is started, the flow run's context is copied
    with it, and it is shut down (Dask cluster included) when the block ends.
    """
    from prefect.context import FlowRunContext

    spec = runner_spec(runner)
    ctx = FlowRunContext.get()
    if ctx is None:
        raise RuntimeError("tasks_on() is for use inside a flow run")
    if spec == "threads":
        task_runner_for(spec)   # the same checks as any other spec
        yield
        return
    with task_runner_for(spec) as task_runner, ctx.model_copy(update={"task_runner": task_runner}):
        yield
