"""The Overblik page: per week, understood, fallbacks, ratings and the most asked topics.

Charts as inline SVG, the numbers behind each in a table and as CSV. The figures are
``genoptraening.ops.console.overview`` over the conversation review.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from genoptraening.ops.console.charts import bar_chart, bar_list
from genoptraening.ops.console.overview import Overview, as_csv, overview, percent
from genoptraening.ops.console.texts import text
from genoptraening.ops.conversations import TrackerStoreMissing

from ...deps import FeedbackDep, KnowledgeDep, RegisterDep, SettingsDep
from .common import StaffSession, no_store, render
from .filters import Filter, OverviewFilter, municipalities, window_of

router = APIRouter(prefix="/overblik")


def _charts(result: Overview, where: str) -> dict[str, str]:
    weeks = result.weeks
    labels = [w.label for w in weeks]
    shares = [None if w.share is None else round(w.share * 100, 1) for w in weeks]
    known = [(w.label, s) for w, s in zip(weeks, shares, strict=True) if s is not None]
    low = min(known, key=lambda p: p[1]) if known else None
    topics = result.topics
    return {
        "share": bar_chart(
            "andel", f"Andel beskeder forstået pr. uge, {where}",
            (f"Laveste andel: {low[1]:.0f} % i {low[0]}." if low else "Ingen beskeder.")
            + " Tallene står i tabellen under diagrammet.",
            labels, [("Forstået", shares)], maximum=100, unit=" %"),
        "fallbacks": bar_chart(
            "fejl", f"Beskeder ikke forstået og usikre pr. uge, {where}",
            f"I alt {sum(w.fallbacks for w in weeks)} ikke forstået og "
            f"{sum(w.low for w in weeks)} usikre. Tallene står i tabellen under diagrammet.",
            labels, [("Ikke forstået", [w.fallbacks for w in weeks]),
                     ("Usikre", [w.low for w in weeks])]),
        "ratings": bar_chart(
            "tommel", f"Tommel op og ned pr. uge, {where}",
            f"I alt {sum(w.up for w in weeks)} tommel op og {sum(w.down for w in weeks)} "
            "tommel ned. Tallene står i tabellen under diagrammet.",
            labels, [("Tommel op", [w.up for w in weeks]),
                     ("Tommel ned", [w.down for w in weeks])]),
        "topics": bar_list(
            "emner", f"De mest spurgte emner, {where}",
            (f"Mest spurgt: {topics[0][1]} ({topics[0][2]} beskeder)." if topics
             else "Ingen emner i perioden.") + " Tallene står i tabellen under diagrammet.",
            [(label, count) for _, label, count in topics]),
    }


def _where(register: RegisterDep, chosen: Filter) -> str:
    found = register.by_slug(chosen.municipality) if chosen.municipality else None
    return found.name if found else "alle kommuner"


@router.get("")
async def overview_page(request: Request, session: StaffSession, settings: SettingsDep,
                        register: RegisterDep, kb: KnowledgeDep, feedback: FeedbackDep,
                        chosen: OverviewFilter) -> Response:
    """Show the charts of the period, each with its numbers."""
    where = _where(register, chosen)
    try:
        window = await run_in_threadpool(window_of, settings, feedback, chosen)
    except TrackerStoreMissing as exc:
        return render(request, "overview.html", page="overblik", result=None, where=where,
                      problem=text("store_missing", problem=exc), **chosen.as_context(),
                      choices=municipalities(register, set(kb.standards())))
    result = overview(window)
    return render(request, "overview.html", page="overblik", result=result, where=where,
                  charts=_charts(result, where), percent=percent, **chosen.as_context(),
                  choices=municipalities(register, set(kb.standards())))


@router.get(".csv")
async def overview_csv(session: StaffSession, settings: SettingsDep, register: RegisterDep,
                       feedback: FeedbackDep, chosen: OverviewFilter) -> Response:
    """Download the numbers behind the charts as CSV."""
    try:
        window = await run_in_threadpool(window_of, settings, feedback, chosen)
    except TrackerStoreMissing as exc:
        return no_store(Response(text("store_missing", problem=exc), 503,
                                 media_type="text/plain; charset=utf-8"))
    body = as_csv(overview(window), chosen.municipality or "alle")
    name = f"overblik-{chosen.municipality or 'alle'}-{chosen.first}-{chosen.last}.csv"
    return no_store(Response("\ufeff" + body, media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="{name}"'}))
