"""The load benchmark (``make bench-load``): concurrent conversations through the web API.

``concurrency`` citizens each hold a conversation with the assistant through ``POST /api/chat``
for ``duration`` seconds, one message after the other (the next as soon as the answer is
back), starting a new conversation when the script runs out. Measured: messages a second,
latency percentiles, errors (any answer but 200), and the memory and CPU time of every process.
Not a test: the figures go to ``docs/benchmarks.md`` with the command that produced them.
"""

from __future__ import annotations

import asyncio
import os
import platform
import statistics
import subprocess
import tempfile
import time
import uuid
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

from genoptraening.ops.services import (
    HOST,
    Services,
    scratch_settings,
    start_api,
    start_assistant,
    train,
)
from genoptraening.ops.stores import temporary_database
from genoptraening.settings import get_settings
from genoptraening.tools.bench import MESSAGES, percentile, rss_mb, write_section

#: Where the benchmark's servers listen (beside ``make run`` and the tests).
RASA_PORT, ACTIONS_PORT, API_PORT = 5505, 5555, 8505
#: The municipalities the simulated citizens live in (the widget sends one).
PLACES = ["Lejre", "Hjørring", "Skanderborg", "Rebild", "Hedensted", "Aarhus"]
TITLE = "## Load (`make bench-load`)"


@dataclass
class Load:
    """What the simulated citizens saw."""

    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def messages(self) -> int:
        """Messages answered or failed within the measured time."""
        return len(self.latencies) + sum(self.errors.values())


async def drive(api_url: str, concurrency: int, duration: float, warmup: float) -> Load:
    """Hold ``concurrency`` conversations for ``warmup`` + ``duration`` s; measure the last."""
    load = Load()
    loop = asyncio.get_running_loop()
    start = loop.time()
    measure_from, stop = start + warmup, start + warmup + duration

    async def citizen(client: aiohttp.ClientSession, number: int) -> None:
        conversation = 0
        while loop.time() < stop:
            session = uuid.uuid4().hex
            place = PLACES[(number + conversation) % len(PLACES)]
            conversation += 1
            for message in MESSAGES:
                sent = loop.time()
                if sent >= stop:
                    return
                try:
                    async with client.post(f"{api_url}/api/chat", json={
                            "message": message, "session_id": session,
                            "municipality": place}) as response:
                        await response.read()
                        outcome = None if response.status == 200 else str(response.status)
                except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
                    outcome = type(exc).__name__
                if sent >= measure_from:
                    if outcome is None:
                        load.latencies.append((loop.time() - sent) * 1000)
                    else:
                        load.errors[outcome] += 1

    # aiohttp, lighter than httpx: the simulated citizens share the machine with the servers.
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=concurrency),
                                     timeout=aiohttp.ClientTimeout(total=30)) as client:
        await asyncio.gather(*(citizen(client, n) for n in range(concurrency)))
    load.seconds = duration
    return load


def cpu_seconds(pid: int) -> float:
    """Return the CPU time (user + system) a process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(concurrency: int = 20, duration: float = 60.0, warmup: float = 10.0,
        replicas: int = 4) -> str:
    """Start the assistant and the web API, drive the load, return the Markdown section.

    Several replicas need PostgreSQL and Redis: ``GENOPTRAENING_DATABASE_URL`` and
    ``GENOPTRAENING_REDIS_URL`` when set, else a scratch database on the local PostgreSQL
    (dropped afterwards) and the local Redis.
    """
    model = train()
    configured = get_settings()
    with ExitStack() as stack:
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        database_url, redis_url = configured.database_url, configured.redis_url
        if replicas > 1:
            database_url = database_url or stack.enter_context(temporary_database())
            redis_url = redis_url or "redis://127.0.0.1:6379/1"
        settings = scratch_settings(scratch, database_url, redis_url, replicas)
        services = stack.enter_context(Services(log_dir=scratch / "logs"))
        urls = start_assistant(services, model, RASA_PORT, ACTIONS_PORT, settings=settings,
                               lock_key_prefix=f"bench{uuid.uuid4().hex[:8]}")
        start_api(services, API_PORT, RASA_PORT, ACTIONS_PORT, rasa_urls=urls, settings={
            "GENOPTRAENING_DATA_DIR": str(scratch), "GENOPTRAENING_RATE_LIMIT": "0",
            **({"GENOPTRAENING_DATABASE_URL": database_url} if database_url else {})})
        services.wait_ready()
        cpu_before = {p.name: cpu_seconds(p.popen.pid) for p in services.processes}
        load = asyncio.run(drive(f"http://{HOST}:{API_PORT}", concurrency, duration, warmup))
        used = {p.name: (cpu_seconds(p.popen.pid) - cpu_before[p.name], rss_mb(p.popen.pid))
                for p in services.processes}
    store = "PostgreSQL tracker store, Redis lock store" if replicas > 1 else \
        "SQLite tracker store, in-memory lock store"
    return render(load, used, concurrency, duration, warmup, replicas, store)


def render(load: Load, used: dict[str, tuple[float, float]], concurrency: int,
           duration: float, warmup: float, replicas: int, store: str) -> str:
    """Render the figures as Markdown."""
    cpu = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    times = load.latencies or [0.0]
    errors = ", ".join(f"{count} × {kind}" for kind, count in load.errors.items()) or "none"
    command = (f"genoptraening bench-load --concurrency {concurrency} --duration {duration:g} "
               f"--replicas {replicas}")
    lines = [
        TITLE, "",
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, {cpu} cores, with "
        f"`make bench-load` (`{command}`): {concurrency} concurrent conversations through "
        f"`POST /api/chat` for {duration:g} s after {warmup:g} s of warm-up, each citizen "
        f"sending the next message as soon as the answer is back ({len(MESSAGES)} varied "
        f"messages a conversation, six municipalities); {replicas} Rasa server(s), {store}, "
        "one action server, one web API process, all on this machine.",
        "",
        "| measure | value | target |",
        "| --- | --- | --- |",
        f"| throughput | {load.messages / load.seconds:.1f} messages/s | ≥ 50 |",
        f"| latency p50 | {statistics.median(times):.0f} ms | |",
        f"| latency p95 | {percentile(times, 0.95):.0f} ms | ≤ 500 ms |",
        f"| latency p99 | {percentile(times, 0.99):.0f} ms | |",
        f"| errors | {errors} (of {load.messages}) | none |",
    ]
    lines += [f"| {name}: memory (RSS) / CPU time | {mb:.0f} MB / {seconds:.0f} s | |"
              for name, (seconds, mb) in used.items()]
    return "\n".join(lines) + "\n"


def main(concurrency: int, duration: float, replicas: int) -> str:
    """Run the benchmark and write its section of docs/benchmarks.md; return the section."""
    section = run(concurrency, duration, replicas=replicas)
    write_section(section)
    return section
