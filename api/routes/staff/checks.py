"""The Svartjek page: run the answer checks (``tests/answers/``) against the running assistant.

A run takes a minute or two (every case is a conversation of its own), longer than a request
should wait behind a proxy, so it runs in a thread of the API process and the page shows its
progress, reloading itself every few seconds (``<meta http-equiv="refresh">``: the console has
no script). Runs are kept in the console's database, each compared with the one before:
what broke, what was fixed. Administrators and editors start a run; everyone sees them.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from genoptraening.ops.answer_checks import CaseFileError, default_files, load_files
from genoptraening.ops.assistant import AssistantClient
from genoptraening.ops.console.check_runs import changes, start_thread
from genoptraening.ops.console.texts import ConsoleRefusal, text
from genoptraening.ops.services import rasa_token

from ...deps import SettingsDep
from .common import (
    CheckedSession,
    ConsoleDep,
    StaffProblem,
    StaffSession,
    client_ip,
    redirect,
    refuse_reader,
    render,
)

router = APIRouter(prefix="/svartjek")
#: Seconds between reloads of a running check's page.
REFRESH = 3
#: Seconds one turn may take before the case counts as unanswered.
TURN_TIMEOUT = 30.0


@router.get("")
def runs_page(request: Request, session: StaffSession, console: ConsoleDep,
              settings: SettingsDep) -> Response:
    """List the latest runs, and the button that starts one."""
    files = default_files(settings.answers_dir) if settings.answers_dir else []
    return render(request, "checks.html", page="svartjek", runs=console.checks.recent(20),
                  files=[f.name for f in files],
                  can_run=session.user.role in ("admin", "editor"))


@router.post("")
async def start(request: Request, session: CheckedSession, console: ConsoleDep,
                settings: SettingsDep) -> Response:
    """Start a run of every check file, in the background; go to its page."""
    refuse_reader(console, session, request)
    folder = settings.answers_dir
    files = default_files(folder) if folder else []
    if not files:
        return render(request, "error.html", 409, message=text("checks_none", folder=folder))
    try:
        cases = await run_in_threadpool(load_files, files)
    except CaseFileError as exc:
        return render(request, "error.html", 422,
                      message=text("checks_files", problem="; ".join(exc.problems[:5])))
    try:
        run_id = await run_in_threadpool(console.checks.start, session.user, len(cases),
                                         client_ip(request))
    except ConsoleRefusal as exc:
        return render(request, "error.html", 409, message=str(exc))
    token = await run_in_threadpool(rasa_token)
    url = settings.rasa_urls[0]
    start_thread(console.checks, run_id, cases,
                 lambda: AssistantClient(url, token, timeout=TURN_TIMEOUT))
    return redirect(f"/staff/svartjek/{run_id}")


@router.get("/{run_id}")
def run_page(request: Request, run_id: int, session: StaffSession,
             console: ConsoleDep) -> Response:
    """Show a run: its progress while it runs, then each case and what changed."""
    run = console.checks.get(run_id)
    if run is None:
        raise StaffProblem(404, "version_unknown")
    previous = console.checks.previous(run)
    return render(request, "check_run.html", page="svartjek", run=run, previous=previous,
                  changes=changes(previous, run),
                  refresh=REFRESH if run.status == "running" else None)
