"""``genoptraening run`` / ``train`` / ``nlu``: bring the assistant up, train it, its data."""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import time
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from genoptraening.ops.processes import Services


def register(commands: Any) -> None:
    """Add the run, train and nlu commands to the top-level parser."""
    run = commands.add_parser("run", help="start assistenten (træner først, når det behøves)")
    run.add_argument("--rasa-port", type=int, default=5005)
    run.add_argument("--actions-port", type=int, default=5055)
    run.add_argument("--api-port", type=int, default=8000)
    run.add_argument("--replicas", type=int, default=None,
                     help="antal Rasa-servere (kræver PostgreSQL og Redis ved mere end én)")
    run.add_argument("--no-train", action="store_true",
                     help="start med den nyeste model uden at tjekke, om der skal trænes")
    run.set_defaults(handler=run_assistant)

    endpoints = commands.add_parser(
        "endpoints", help="skriv Rasas endpoints-fil ud fra indstillingerne")
    endpoints.add_argument("--out", type=Path, default=None,
                           help="filen (standard: <data_dir>/endpoints.yml)")
    endpoints.set_defaults(handler=run_endpoints)

    train = commands.add_parser("train", help="træn assistenten, når data eller opsætning ændres")
    train.add_argument("--force", action="store_true", help="træn også uden ændringer")
    train.set_defaults(handler=run_train)

    bench = commands.add_parser("bench", help="mål svartider, træningstid og hukommelse")
    bench.add_argument("--rounds", type=int, default=20, help="antal samtaler")
    bench.add_argument("--no-training", action="store_true", help="spring træningen over")
    bench.set_defaults(handler=run_bench)

    load = commands.add_parser("bench-load", help="belast web-API'et med samtidige samtaler")
    load.add_argument("--concurrency", type=int, default=20, help="samtidige samtaler")
    load.add_argument("--duration", type=float, default=60.0, help="sekunder der måles")
    load.add_argument("--replicas", type=int, default=4, help="antal Rasa-servere")
    load.set_defaults(handler=run_bench_load)

    nlu = commands.add_parser("nlu", help="træningsdata")
    sub = nlu.add_subparsers(dest="nlu_command", metavar="KOMMANDO")
    sub.required = True
    lookups = sub.add_parser("lookups", help="skriv kommunernes opslagstabel fra registret")
    lookups.set_defaults(handler=run_lookups)
    evaluate = sub.add_parser("evaluate", help="mål forståelsen på det tilbageholdte testsæt")
    evaluate.add_argument("--min-accuracy", type=float, default=0.0,
                          help="afslut med kode 1 under denne træfsikkerhed")
    evaluate.add_argument("--write-report", action="store_true",
                          help="skriv tallene i docs/nlu-evaluation.md")
    evaluate.set_defaults(handler=run_evaluate)


class _Stop(Exception):
    """Raised by the first stop signal so that everything started is stopped."""


#: How a port conflict names each server, and the option that moves it elsewhere.
_SERVERS = {"rasa": ("Rasa-serveren", "--rasa-port"),
            "actions": ("action-serveren", "--actions-port"),
            "api": ("web-API'et", "--api-port")}


class _StopSignals:
    """SIGTERM, SIGINT (Ctrl-C), SIGHUP: the first stops the assistant, later ones are noted.

    So nothing cuts the stop short (GNU make forwards the SIGTERM it gets to
    ``genoptraening run``, which thus gets two when its process group is signalled).

    The handlers stay installed until the process exits, so that a signal arriving after the
    stop does not end it with the signal's exit status instead.
    """

    def __init__(self) -> None:
        self.stopping = False
        self.announced = False

    def install(self) -> None:
        """Handle the stop signals from now on."""
        from genoptraening.ops.processes import STOP_SIGNALS

        for sig in STOP_SIGNALS:
            signal.signal(sig, self._handle)

    def begin(self) -> None:
        """Mark that the stop has begun: from now on signals are only noted."""
        self.stopping = True
        if not self.announced:
            self.announced = True
            with contextlib.suppress(OSError):  # the terminal may be gone (SIGHUP)
                print("\nStopper assistenten …", flush=True)

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if not self.stopping:
            self.stopping = True
            raise _Stop
        # os.write, not print: print is not reentrant, and this may interrupt a print.
        with contextlib.suppress(OSError):
            os.write(sys.stderr.fileno(), "Stopper allerede – vent, til alt er stoppet …\n"
                     .encode())


def run_assistant(args: argparse.Namespace) -> int:
    """Train when needed, start the servers, and stop them all on Ctrl-C, SIGTERM or SIGHUP.

    However the supervisor ends, no server outlives it: see `genoptraening.ops.processes`.
    """
    from genoptraening.ops.services import (
        PortBusyError,
        Services,
        assistant_ports,
        ensure_ports_free,
        latest_model,
        train,
    )
    from genoptraening.ops.stores import StoreConfigError
    from genoptraening.settings import get_settings

    signals = _StopSignals()
    signals.install()
    try:
        replicas = args.replicas or get_settings().replicas
        # All ports first, so that a server left from an earlier run is not talked to instead.
        ensure_ports_free({**assistant_ports(args.rasa_port, args.actions_port, replicas),
                           args.api_port: "api"})
        if args.no_train:
            model = latest_model()
            if model is None:
                raise RuntimeError("der er ingen trænet model; start uden --no-train")
        else:
            print("Tjekker om assistenten skal trænes …", flush=True)
            model = train()
        with Services() as services:
            try:
                return _serve(services, model, args)
            finally:
                signals.begin()  # before Services.__exit__ stops everything
    except _Stop:
        signals.begin()
        return 0
    except PortBusyError as exc:
        server, option = _SERVERS.get(exc.server.split("-")[0], (exc.server, "--rasa-port"))
        print(f"Port {exc.port} er optaget ({server}). Stop det, der kører på porten, eller "
              f"vælg en anden port med {option}.", file=sys.stderr)
        return 1
    except (RuntimeError, StoreConfigError) as exc:
        print(f"Fejl: {exc}", file=sys.stderr)
        return 1


def _serve(services: Services, model: Path, args: argparse.Namespace) -> int:
    """Start the servers, then watch them until one stops (1) or a stop signal comes."""
    from genoptraening.ops.services import HOST, start_api, start_assistant

    print("Starter action-serveren og Rasa …", flush=True)
    urls = start_assistant(services, model, args.rasa_port, args.actions_port,
                           replicas=args.replicas)
    start_api(services, args.api_port, args.rasa_port, args.actions_port, rasa_urls=urls)
    services.wait_ready()
    channels = ", ".join(f"{url}/webhooks/rest/webhook" for url in urls)
    print(f"Assistenten kører: REST-kanalen på {channels}, demo og widget på "
          f"http://{HOST}:{args.api_port}/  (stop med Ctrl-C)", flush=True)
    while True:
        for process in services.processes:
            if process.popen.poll() is not None:
                print(f"{process.name} stoppede uventet (kode {process.popen.returncode})"
                      "; stopper resten.", file=sys.stderr)
                return 1
        time.sleep(1)


def run_endpoints(args: argparse.Namespace) -> int:
    """Write Rasa's endpoints file from the settings (containers run Rasa with it)."""
    from genoptraening.ops.stores import StoreConfigError, write_endpoints
    from genoptraening.settings import get_settings

    settings = get_settings()
    try:
        path = write_endpoints(args.out or settings.data_dir / "endpoints.yml", settings)
    except StoreConfigError as exc:
        print(f"Fejl: {exc}", file=sys.stderr)
        return 1
    print(path)
    return 0


def run_train(args: argparse.Namespace) -> int:
    """Train the assistant (Rasa skips it when nothing changed)."""
    from genoptraening.ops.services import train

    try:
        print(f"Model: {train(force=args.force)}")
    except RuntimeError as exc:
        print(f"Fejl: {exc}", file=sys.stderr)
        return 1
    return 0


def run_evaluate(args: argparse.Namespace) -> int:
    """Evaluate NLU on the held-out test set and write docs/nlu-evaluation.md."""
    from genoptraening.ops.services import train
    from genoptraening.tools.evaluation import REPORT, evaluate

    scores = evaluate(train(), write_report=args.write_report)
    report = f" Rapport: {REPORT}" if args.write_report else ""
    print(f"Intent-træfsikkerhed {scores.intent_accuracy:.3f}, makro-F1 "
          f"{scores.intent_macro_f1:.3f} på {scores.examples} eksempler.{report}")
    if scores.intent_accuracy < args.min_accuracy:
        print(f"Under grænsen {args.min_accuracy:.2f}.", file=sys.stderr)
        return 1
    return 0


def run_bench(args: argparse.Namespace) -> int:
    """Measure latency, training time and memory; write docs/benchmarks.md."""
    from genoptraening.tools.bench import RESULTS, run, write_section

    section = run(rounds=args.rounds, with_training=not args.no_training)
    write_section(section)
    print(section)
    print(f"Skrevet i {RESULTS}")
    return 0


def run_bench_load(args: argparse.Namespace) -> int:
    """Drive concurrent conversations through the web API; write docs/benchmarks.md."""
    from genoptraening.tools.bench import RESULTS
    from genoptraening.tools.bench_load import main

    print(main(args.concurrency, args.duration, args.replicas))
    print(f"Skrevet i {RESULTS}")
    return 0


def run_lookups(args: argparse.Namespace) -> int:
    """Write the municipality lookup table for NLU from the register."""
    from genoptraening.core.register import get_register
    from genoptraening.tools.lookups import write

    for path in write(get_register()):
        print(f"Skrev {path}")
    return 0
