"""Benchmarks (``make bench``): latency, training time, memory of the servers.

Latency is per message through the REST channel. Not a test: the figures go to
``docs/benchmarks.md`` with the command that produced them.
"""

from __future__ import annotations

import math
import platform
import statistics
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import httpx

from genoptraening.ops.services import HOST, Services, scratch_settings, start_assistant, train
from genoptraening.settings import CHECKOUT

#: A varied set of citizen messages: topics, municipalities, typos, a story, a relative.
MESSAGES = [
    "hvad koster genoptræning i Lejre?",
    "hvordan søger jeg om træning i hjoerring",
    "hvad er telefonnummeret til genoptræningen i Hedensted",
    "hvor lang tid går der før jeg får svar i Skanderborg",
    "min mor er faldet og har ikke været indlagt, kan hun få genoptræning i Rebild?",
    "kan jeg få kørsel til træningen",
    "hvordan klager jeg over afgørelsen",
    "hvor foregår træningen",
    "jeg søgte den 3. november, hvornår starter træningen",
    "tak for hjælpen",
]
RESULTS = CHECKOUT / "docs" / "benchmarks.md"


def percentile(values: list[float], share: float) -> float:
    """Return the ``share`` percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1))
    return ordered[rank]


def rss_mb(pid: int) -> float:
    """Return a process's resident memory in MB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def measure_latency(url: str, rounds: int) -> list[float]:
    """Send the messages one at a time, ``rounds`` times (a new conversation each round)."""
    timings = []
    with httpx.Client(timeout=30) as client:
        client.post(url, json={"sender": "bench-warm", "message": "hej"})
        for _ in range(rounds):
            sender = f"bench-{uuid.uuid4().hex[:8]}"
            for message in MESSAGES:
                start = time.perf_counter()
                response = client.post(url, json={"sender": sender, "message": message})
                timings.append((time.perf_counter() - start) * 1000)
                response.raise_for_status()
    return timings


def measure_training() -> float:
    """Train from scratch (``--force``) and return the seconds it took."""
    start = time.perf_counter()
    train(force=True)
    return time.perf_counter() - start


def run(rounds: int = 20, with_training: bool = True) -> str:
    """Run the benchmarks and return the Markdown section with the figures."""
    training = measure_training() if with_training else None
    model = train()
    with tempfile.TemporaryDirectory() as scratch, Services(log_dir=Path(scratch)) as services:
        start_assistant(services, model, 5205, 5255, settings=scratch_settings(Path(scratch)))
        services.wait_ready()
        timings = measure_latency(f"http://{HOST}:5205/webhooks/rest/webhook", rounds)
        memory = {p.name: rss_mb(p.popen.pid) for p in services.processes}
    return render(timings, training, memory, rounds)


def render(timings: list[float], training: float | None, memory: dict[str, float],
           rounds: int) -> str:
    """Render the figures as Markdown."""
    cpu = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    lines = [
        "## Latency, training time and memory (`make bench`)",
        "",
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, {cpu} cores, with "
        f"`make bench` (`genoptraening bench --rounds {rounds}`): {len(timings)} messages sent "
        f"one at a time through the REST channel ({len(MESSAGES)} varied messages × {rounds} "
        "new conversations), SQLite tracker store, action server on loopback.",
        "",
        "| measure | value | target |",
        "| --- | --- | --- |",
        f"| latency p50 | {statistics.median(timings):.0f} ms | |",
        f"| latency p95 | {percentile(timings, 0.95):.0f} ms | ≤ 50 ms |",
        f"| latency max | {max(timings):.0f} ms | |",
    ]
    if training is not None:
        lines.append(f"| full training (`rasa train --force`) | {training:.0f} s | ≤ 180 s |")
    lines += [f"| memory, {name} server (RSS) | {mb:.0f} MB | |" for name, mb in memory.items()]
    return "\n".join(lines) + "\n"


def write_section(section: str, path: Path = RESULTS) -> None:
    """Replace (or add) the latency section of docs/benchmarks.md.

    Only the measured part is replaced: the section's "### " subsections (before-and-after
    comparisons written by hand) stay below it.
    """
    title = section.splitlines()[0]
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    if title in text:
        head, _, rest = text.partition(title)
        following = rest.find("\n## ")
        own, tail = (rest[:following + 1], rest[following + 1:]) if following >= 0 else (rest, "")
        kept = own[own.find("\n### ") + 1:] if "\n### " in own else ""
        text = head + "\n\n".join(p.strip("\n") for p in (section, kept) if p.strip()) + "\n"
        text += f"\n{tail}" if tail else ""
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")
