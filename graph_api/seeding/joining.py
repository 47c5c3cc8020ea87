"""Which municipalities joined, when, and the coalitions that cover them.

Exactly 260 municipalities are JOINED (the figure of the programme letter of September
2022): every one with public evidence, plus a deterministic draw from the rest. A JOINED
municipality is covered by exactly one local coalition; NOT_JOINED ones by none.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from graph_api.seeding import rand
from graph_api.seeding.geo import Neighbours
from graph_api.seeding.model import Coalition, MunicipalityState, Network
from graph_api.seeding.names import display_name
from graph_api.seeding.reference import ReferenceData
from graph_api.seeding.text import slugify

JOINED_TOTAL = 260
NATIONAL_ID = "nationale-coalitie"
NATIONAL_NAME = "Nationale Coalitie tegen eenzaamheid"
NATIONAL_STARTED = date(2018, 3, 1)
# Zuidplas joined first, in September 2018; the 260 were counted on 28 September 2022.
WINDOW_START = date(2018, 9, 1)
WINDOW_END = date(2022, 9, 28)
PAIR_PROBABILITY = 0.025
PAIR_MAX_KM = 15.0

_PERIOD = re.compile(r"(20\d\d)\s*-\s*(20\d\d)")
_PARENTHETICAL = re.compile(r"\s*\(.*\)\s*")

COALITION_NAMES = (
    "Lokale coalitie tegen eenzaamheid {p}",
    "Coalitie Eén tegen Eenzaamheid {p}",
    "{p} tegen eenzaamheid",
    "Samen tegen eenzaamheid {p}",
    "Netwerk Omzien naar elkaar {p}",
    "Coalitie Niemand alleen {p}",
)
FOCUS = (
    "ontmoeting in de wijk",
    "signaleren van eenzaamheid",
    "ondersteuning van mantelzorgers",
    "jongeren en eenzaamheid",
    "eenzaamheid onder 75-plussers",
    "de Week tegen Eenzaamheid",
    "vrijwilligers als verbinders",
    "digitale inclusie",
    "geldzorgen en eenzaamheid",
    "rouw en verlies",
    "nieuwkomers en ontmoeting",
    "een sluitend aanbod in kaart",
)


def joined_date(text: str, code: str) -> date:
    """A date from the evidence csv; a missing day or month is filled in deterministically.

    A year-only date is drawn within that year; a year after the window (the 2023 budget of
    Midden-Groningen, which says the municipality had joined) is read as "by then" and drawn
    from the last year of the window, so all 260 joined by September 2022.
    """
    rng = rand.rng_for("joined-on", code)
    parts = [int(p) for p in text.split("-")] if text else []
    if len(parts) == 3:
        return date(parts[0], parts[1], parts[2])
    if len(parts) == 2:
        return date(parts[0], parts[1], 1)
    if len(parts) == 1:
        start = max(date(parts[0], 1, 1), WINDOW_START + timedelta(days=1))
        end = min(date(parts[0], 12, 31), WINDOW_END)
        if start > end:
            start, end = WINDOW_END - timedelta(days=365), WINDOW_END
        return rand.random_date(rng, start, end)
    return generated_join_date(code)


def generated_join_date(code: str) -> date:
    # Roughly the public curve: 126 joined by January 2020, about 200 later, 260 by 09-2022.
    rng = rand.rng_for("joined-on", code)
    u = rng.random()
    if u < 0.48:
        return rand.random_date(rng, WINDOW_START + timedelta(days=1), date(2019, 12, 31))
    if u < 0.77:
        return rand.random_date(rng, date(2020, 1, 1), date(2021, 6, 30))
    return rand.random_date(rng, date(2021, 7, 1), WINDOW_END)


def plan_joining(ref: ReferenceData, neighbours: Neighbours, net: Network) -> None:
    """Fill net.municipalities and net.coalitions (national first, then local by code)."""
    evidence = {e.code: e for e in ref.join_evidence}
    local_rows = {r.municipality_code: r for r in ref.local_coalitions}
    sourced = list(dict.fromkeys([*evidence, *local_rows]))
    sourced_set = set(sourced)
    others = sorted(m.code for m in ref.municipalities if m.code not in sourced_set)
    rand.rng_for("joined").shuffle(others)
    joined = sourced_set | set(others[: JOINED_TOTAL - len(sourced)])

    for m in ref.municipalities:
        state = MunicipalityState(m.code, "NOT_JOINED")
        if m.code in joined:
            state.participation = "JOINED"
            if m.code in evidence:
                ev = evidence[m.code]
                state.joined_on = joined_date(ev.date, m.code)
                state.evidence_url, state.evidence_note = ev.url, ev.note
            elif m.code in local_rows:
                row = local_rows[m.code]
                # A plan period in the name ("plan van aanpak 2020-2024") dates the start.
                period = _PERIOD.search(row.coalition_name)
                state.joined_on = joined_date(period[1] if period else "", m.code)
                state.evidence_url, state.evidence_note = row.url, row.notes
            else:
                state.joined_on = generated_join_date(m.code)
        net.municipalities[m.code] = state

    net.coalitions.append(
        Coalition(
            id=NATIONAL_ID,
            name=NATIONAL_NAME,
            kind="NATIONAL",
            description=(
                "Publiek-private coalitie van bedrijven, maatschappelijke organisaties, zorg en "
                "welzijn, cultuur, levensbeschouwing, kennisinstituten en gemeenten binnen het "
                "actieprogramma Eén tegen eenzaamheid (actielijn 2)."
            ),
            started_on=NATIONAL_STARTED,
            plan_period="2018-2025",
            demo=False,
            source_url=None,
        )
    )
    _sourced_coalitions(ref, net)
    _generated_coalitions(ref, neighbours, net)


def _sourced_coalitions(ref: ReferenceData, net: Network) -> None:
    by_name: dict[str, Coalition] = {}
    for row in ref.local_coalitions:
        coalition = by_name.get(row.coalition_name)
        if coalition is None:
            description = row.notes
            if row.partner_categories:
                description += ". Partners: " + ", ".join(row.partner_categories) + "."
            coalition = Coalition(
                id=slugify(_PARENTHETICAL.sub(" ", row.coalition_name)),
                name=row.coalition_name,
                kind="LOCAL",
                description=description,
                started_on=date.max,
                plan_period="",
                demo=False,
                source_url=row.url,
            )
            by_name[row.coalition_name] = coalition
            net.coalitions.append(coalition)
        coalition.covers.append(row.municipality_code)
    dated = {e.code for e in ref.join_evidence if e.date}
    for coalition in by_name.values():
        # The first row names the municipality that started it (Kom Erbij: Dantumadiel,
        # 2020-07-01). A partner without its own date signed at the start (Noardeast-Fryslân).
        first = net.municipalities[coalition.covers[0]].joined_on
        assert first is not None
        coalition.started_on = first
        for code in coalition.covers[1:]:
            if code not in dated:
                net.municipalities[code].joined_on = first
        period = _PERIOD.search(coalition.name)
        year = coalition.started_on.year
        coalition.plan_period = f"{period[1]}-{period[2]}" if period else f"{year}-{year + 4}"


def _generated_coalitions(ref: ReferenceData, neighbours: Neighbours, net: Network) -> None:
    covered = {code for c in net.coalitions for code in c.covers}
    province = {m.code: m.province for m in ref.municipalities}
    names = {m.code: display_name(m.name) for m in ref.municipalities}
    todo = sorted(
        c for c, s in net.municipalities.items() if s.participation == "JOINED" and c not in covered
    )
    pending = set(todo)
    for code in todo:
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
        place = " en ".join(names[c] for c in covers)
        joined = [net.municipalities[c].joined_on or WINDOW_END for c in covers]
        started = max(joined) + timedelta(days=rand.between(rng, 0, 180))
        focus = rand.pick_some(rng, FOCUS, 2, 3)
        net.coalitions.append(
            Coalition(
                id="lokale-coalitie-" + "-".join(c.lower() for c in covers),
                name=rand.choose(rng, COALITION_NAMES).format(p=place),
                kind="LOCAL",
                description=(
                    f"Lokale coalitie in {place} van gemeente, welzijn, vrijwilligers en "
                    f"maatschappelijke partners. Speerpunten: {', '.join(focus)}."
                ),
                started_on=started,
                plan_period=f"{started.year}-{started.year + rand.choose(rng, (3, 4))}",
                demo=True,
                source_url=None,
                covers=covers,
            )
        )
