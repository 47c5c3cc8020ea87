"""Which municipalities joined, when, and the coalitions that cover them.

Exactly 260 municipalities are JOINED (the figure of the programme letter of September
2022): every one whose sources say so, plus a deterministic draw from the rest. Sourced
municipalities carry only what their sources say (a join date only as precise as given,
ANNOUNCED or COALITION_ONLY where that is all a source says). As in reality, joining and
having a coalition do not always go together: most JOINED municipalities are covered by
exactly one local coalition, a few are still forming one, and a few municipalities that never
formally joined have a local network of their own.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from graph_api.seeding import rand
from graph_api.seeding.geo import Neighbours
from graph_api.seeding.model import Coalition, MunicipalityState, Network, Sourced
from graph_api.seeding.names import display_name
from graph_api.seeding.reference import (
    JOIN_STATUSES,
    Citation,
    JoinEvidence,
    LocalCoalitionRow,
    ReferenceData,
)
from graph_api.seeding.vocabulary import THEMES

JOINED_TOTAL = 260
NATIONAL_ID = "nationale-coalitie"
# Demo memberships of the national coalition are drawn from its start (March 2018).
NATIONAL_STARTED = date(2018, 3, 1)
# Zuidplas joined first, in September 2018; the 260 were counted on 28 September 2022.
WINDOW_START = date(2018, 9, 1)
WINDOW_END = date(2022, 9, 28)
PAIR_PROBABILITY = 0.025
NO_COALITION_YET = 0.08  # joined, the coalition is still being formed
COALITION_WITHOUT_JOINING = 0.06  # a local network in a municipality that did not join
PAIR_MAX_KM = 15.0

COALITION_NAMES = (
    "Lokale coalitie tegen eenzaamheid {p}",
    "Coalitie Eén tegen Eenzaamheid {p}",
    "{p} tegen eenzaamheid",
    "Samen tegen eenzaamheid {p}",
    "Netwerk Omzien naar elkaar {p}",
    "Coalitie Niemand alleen {p}",
)
# Speerpunten of demo coalitions, as FOCUSES_ON links to these themes.
FOCUS = (
    "sociale-cohesie", "gezondheid", "mantelzorg", "participatie", "digitale-inclusie",
    "armoede", "rouw-en-verlies", "zingeving", "wonen", "discriminatie",
)  # fmt: skip


def generated_join_date(code: str) -> date:
    # Roughly the public curve: 126 joined by January 2020, about 200 later, 260 by 09-2022.
    rng = rand.rng_for("joined-on", code)
    u = rng.random()
    if u < 0.48:
        return rand.random_date(rng, WINDOW_START + timedelta(days=1), date(2019, 12, 31))
    if u < 0.77:
        return rand.random_date(rng, date(2020, 1, 1), date(2021, 6, 30))
    return rand.random_date(rng, date(2021, 7, 1), WINDOW_END)


def full_date(text: str) -> date | None:
    """A date only where the source gives year, month and day; a partial one stays text."""
    return date.fromisoformat(text) if len(text) == 10 else None


def cite(record: Sourced, cites: list[Citation]) -> None:
    # The first source that was read (re-read) carries the record's URL and read date.
    first = next((c for c in cites if c.read_on), cites[0])
    record.source_url, record.source_read_on = first.url, first.read_on or None
    record.source_urls = list(dict.fromkeys(c.url for c in cites))


def sourced_state(code: str, evidence: list[JoinEvidence]) -> MunicipalityState:
    """A municipality exactly as its sources describe it: the strongest status any source
    gives, a date only as precise as the first source that dates the joining."""
    ranked = list(JOIN_STATUSES)
    strongest = min(evidence, key=lambda e: ranked.index(e.status))
    state = MunicipalityState(code=code, participation=JOIN_STATUSES[strongest.status])
    cite(state, [e.cite for e in evidence])
    state.evidence_note = strongest.cite.statement
    if state.participation == "JOINED":
        dated = [e for e in evidence if e.joined_in and JOIN_STATUSES[e.status] == "JOINED"]
        if dated:
            state.joined_in, state.joined_in_source = dated[0].joined_in, dated[0].cite.url
            state.joined_on = full_date(dated[0].joined_in)
    return state


def plan_joining(ref: ReferenceData, neighbours: Neighbours, net: Network) -> None:
    """Fill net.municipalities and net.coalitions (national first, then local by code)."""
    evidence: dict[str, list[JoinEvidence]] = {}
    for e in ref.join_evidence:
        evidence.setdefault(e.code, []).append(e)
    local_rows: dict[str, list[LocalCoalitionRow]] = {}
    for row in ref.local_coalitions:
        local_rows.setdefault(row.municipality_code, []).append(row)
    sourced: dict[str, MunicipalityState] = {}
    for code, found in evidence.items():
        sourced[code] = sourced_state(code, found)
    for code, rows in local_rows.items():
        if code not in sourced:
            # A coalition is documented, joining the programme is not.
            state = MunicipalityState(code=code, participation="COALITION_ONLY")
            cite(state, [r.cite for r in rows])
            sourced[code] = state
    others = sorted(m.code for m in ref.municipalities if m.code not in sourced)
    rand.rng_for("joined").shuffle(others)
    joined_sourced = sum(1 for s in sourced.values() if s.participation == "JOINED")
    drawn = set(others[: JOINED_TOTAL - joined_sourced])

    for m in ref.municipalities:
        if m.code in sourced:
            net.municipalities[m.code] = sourced[m.code]
        elif m.code in drawn:
            state = MunicipalityState(code=m.code, participation="JOINED")
            state.joined_on = generated_join_date(m.code)
            state.joined_in = state.joined_on.isoformat()
            net.municipalities[m.code] = state
        else:
            net.municipalities[m.code] = MunicipalityState(code=m.code)

    _national_coalitions(ref, net)
    _sourced_coalitions(ref, net)
    _generated_coalitions(ref, neighbours, net)


def _national_coalitions(ref: ReferenceData, net: Network) -> None:
    """The national coalition first (as every consumer expects), then its predecessor."""
    for row in sorted(ref.national_coalitions, key=lambda r: r.kind != "NATIONAL"):
        coalition = Coalition(
            id=row.id,
            name=row.name,
            kind=row.kind,
            description=row.description or None,
            started_on=full_date(row.started_on),
            ended_on=full_date(row.ended_on),
            plan_period=row.plan_period or None,
            successor=row.successor or None,
            demo=False,
        )
        cite(coalition, [row.cite])
        net.coalitions.append(coalition)


def _sourced_coalitions(ref: ReferenceData, net: Network) -> None:
    """Local coalitions as their sources give them: no generated start, period or text."""
    by_id: dict[str, Coalition] = {}
    cites: dict[str, list[Citation]] = {}
    for row in ref.local_coalitions:
        coalition = by_id.get(row.coalition_id)
        if coalition is None:
            coalition = Coalition(
                id=row.coalition_id,
                name=row.coalition_name,
                kind="LOCAL",
                description=row.description or None,
                started_on=full_date(row.started_on),
                plan_period=row.plan_period or None,
                demo=False,
            )
            by_id[row.coalition_id] = coalition
            net.coalitions.append(coalition)
        cites.setdefault(row.coalition_id, []).append(row.cite)
        coalition.covers.append(row.municipality_code)
    for coalition_id, coalition in by_id.items():
        cite(coalition, cites[coalition_id])


def _generated_coalitions(ref: ReferenceData, neighbours: Neighbours, net: Network) -> None:
    covered = {code for c in net.coalitions for code in c.covers}
    province = {m.code: m.province for m in ref.municipalities}
    names = {m.code: display_name(m.name) for m in ref.municipalities}
    # Demo draws only: sourced municipalities keep exactly what their sources say.
    joined = sorted(
        c
        for c, s in net.municipalities.items()
        if s.participation == "JOINED"
        and c not in covered
        and s.source_url is None
        and rand.rng_for("coalition-gap", c).random() >= NO_COALITION_YET
    )
    unjoined = sorted(
        c
        for c, s in net.municipalities.items()
        if s.participation == "NOT_JOINED"
        and c not in covered
        and s.source_url is None
        and rand.rng_for("coalition-gap", c).random() < COALITION_WITHOUT_JOINING
    )
    pending = set(joined)
    for code in sorted([*joined, *unjoined]):
        if code in unjoined:
            net.coalitions.append(_coalition([code], names, started=None))
            continue
        if code not in pending:
            continue
        pending.discard(code)
        covers = [code]
        rng = rand.rng_for("coalition", code)
        if rng.random() < PAIR_PROBABILITY:
            mates = [
                n
                for n in neighbours.nearest(code, 6, PAIR_MAX_KM)
                if n in pending and province[n] == province[code]
            ]
            if mates:
                covers.append(mates[0])
                pending.discard(mates[0])
        joined_on = [net.municipalities[c].joined_on or WINDOW_END for c in covers]
        net.coalitions.append(_coalition(covers, names, started=max(joined_on), rng=rng))


def _coalition(
    covers: list[str],
    names: dict[str, str],
    started: date | None,
    rng: random.Random | None = None,
) -> Coalition:
    """A demo coalition; `started` is when its municipalities joined (None: they did not)."""
    rng = rng or rand.rng_for("coalition", covers[0])
    place = " en ".join(names[c] for c in covers)
    if started is None:
        start = rand.random_date(rng, date(2019, 1, 1), date(2024, 6, 30))
    else:
        start = started + timedelta(days=rand.between(rng, 0, 180))
    focus = rand.pick_some(rng, FOCUS, 2, 3)
    named = ", ".join(THEMES[slug].lower() for slug in focus)
    return Coalition(
        id="lokale-coalitie-" + "-".join(c.lower() for c in covers),
        name=rand.choose(rng, COALITION_NAMES).format(p=place),
        kind="LOCAL",
        description=(
            f"Lokale coalitie in {place} van gemeente, welzijn, vrijwilligers en "
            f"maatschappelijke partners. Speerpunten: {named}."
        ),
        started_on=start,
        plan_period=f"{start.year}-{start.year + rand.choose(rng, (3, 4))}",
        demo=True,
        source_url=None,
        covers=covers,
        focus=focus,
    )
