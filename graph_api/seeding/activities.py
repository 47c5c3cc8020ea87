"""Generated activities (demo): two Weeks tegen Eenzaamheid and the months around them.

The Week runs from the Thursday in 22-28 September to the Saturday nine days later (as in
2024 and 2025). Week 2026 lies in the past of the seed's reference date, week 2027 ahead,
so the demo shows both a past week (readable, not in default search) and a coming one.
Organisers are demo organisations based in joined municipalities; each activity is held in
the organiser's municipality (some online), with themes and target groups drawn from the
organiser's own and a format that fits them. Deterministic: activity i draws from its own
generator, so a small run's activities are a prefix of a larger one's.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from graph_api.seeding import names, rand
from graph_api.seeding.model import Network, Organisation
from graph_api.seeding.reference import ReferenceData

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PAST_WEEK, NEXT_WEEK = 2026, 2027
PER_SCALE = {"past_week": 120, "next_week": 300, "year": 180}
ACTIVITIES_PER_SCALE = sum(PER_SCALE.values())
YEAR_FROM, YEAR_TO = date(2026, 10, 12), date(2027, 12, 18)
NAMESPACE = uuid.UUID("6f1c4b0e-6a49-4c1e-9d1e-2a7a3f0e2c55")


@dataclass(frozen=True)
class Format:
    title: str  # {place}: the municipality's name
    description: str  # {org}, {place}
    themes: tuple[str, ...]  # at least one must be among the organiser's
    groups: tuple[str, ...]
    hours: tuple[int, int]  # duration, from-to
    starts: tuple[int, ...]  # starting hours
    online: bool = False
    action_line: int = 1


FORMATS: tuple[Format, ...] = (
    Format(
        "Open koffieochtend in {place}",
        "Schuif aan voor koffie en een praatje. {org} "
        "zorgt voor een warme ontvangst; iedereen is welkom, ook als je niemand kent.",
        ("sociale-cohesie", "participatie"),
        ("75-plussers", "nieuwkomers"),
        (2, 2),
        (10,),
    ),
    Format(
        "Samen eten in {place}",
        "Een driegangenmaaltijd voor een klein bedrag, aan lange "
        "tafels. Aanmelden vooraf helpt {org} met de boodschappen.",
        ("sociale-cohesie", "armoede"),
        ("75-plussers", "alleenstaande-ouders"),
        (2, 3),
        (17, 18),
    ),
    Format(
        "Wandeling door {place}",
        "Een rustige wandeling van een uur met onderweg "
        "koffie. Lopen naast elkaar maakt praten makkelijker.",
        ("gezondheid", "leefomgeving"),
        ("75-plussers", "mensen-met-een-beperking"),
        (1, 2),
        (10, 14),
    ),
    Format(
        "Digicafé {place}",
        "Hulp bij de telefoon, de tablet en DigiD, van vrijwilligers "
        "van {org}. Neem je eigen apparaat mee.",
        ("digitale-inclusie",),
        ("75-plussers", "nieuwkomers"),
        (2, 2),
        (10, 14),
    ),
    Format(
        "Mantelzorgcafé in {place}",
        "Even niet zorgen maar ontmoeten: mantelzorgers "
        "delen ervaringen en tips, met een kop koffie en een luisterend oor.",
        ("mantelzorg",),
        ("mantelzorgers",),
        (2, 2),
        (10, 19),
    ),
    Format(
        "Rouwcafé {place}",
        "Een plek om te praten over verlies, met mensen die het "
        "herkennen. Begeleid door vrijwilligers van {org}.",
        ("rouw-en-verlies", "zingeving"),
        ("nabestaanden",),
        (2, 2),
        (14, 19),
    ),
    Format(
        "Gesprek over zingeving in {place}",
        "Wat geeft je leven richting? Een avond "
        "met korte verhalen en een gesprek in kleine groepjes.",
        ("zingeving",),
        ("75-plussers", "werkenden"),
        (2, 2),
        (19, 20),
    ),
    Format(
        "Spelletjesmiddag in {place}",
        "Sjoelen, klaverjassen en bordspellen: meedoen "
        "of kijken mag allebei. {org} zorgt voor thee en iets lekkers.",
        ("sociale-cohesie", "participatie"),
        ("75-plussers", "mensen-met-een-beperking"),
        (3, 3),
        (14,),
    ),
    Format(
        "Buurtgesprek: naar elkaar omkijken in {place}",
        "Bewoners, woningcorporatie en "
        "wijkteam praten over hoe je merkt dat een buur er alleen voor staat, en wat je "
        "dan kunt doen.",
        ("wonen", "leefomgeving", "sociale-cohesie"),
        ("75-plussers",),
        (2, 2),
        (19, 20),
        action_line=2,
    ),
    Format(
        "Training signalen van eenzaamheid herkennen",
        "Een online training van "
        "anderhalf uur voor vrijwilligers en professionals: wat zie je, wat vraag je, "
        "waar verwijs je naar?",
        ("gezondheid", "participatie"),
        ("werkenden",),
        (1, 2),
        (10, 15, 19),
        online=True,
        action_line=3,
    ),
    Format(
        "Jongerenavond in {place}",
        "Films, muziek en ruimte om te praten over je plek vinden; voor jongeren, door jongeren.",
        ("participatie", "sociale-cohesie"),
        ("jongeren-12-25", "studenten"),
        (3, 3),
        (19,),
    ),
    Format(
        "Taalcafé in {place}",
        "Nederlands oefenen in een ontspannen gesprek, en zo "
        "nieuwe mensen in de buurt leren kennen.",
        ("participatie", "discriminatie"),
        ("nieuwkomers",),
        (2, 2),
        (10, 19),
    ),
    Format(
        "Online ontmoeting voor mantelzorgers",
        "Vanuit huis even bijpraten met andere "
        "mantelzorgers; een vrijwilliger van {org} leidt het gesprek.",
        ("mantelzorg",),
        ("mantelzorgers",),
        (1, 1),
        (20,),
        online=True,
    ),
)


def week_days(year: int) -> tuple[date, date]:
    """First and last day of the Week tegen Eenzaamheid of `year`."""
    first = date(year, 9, 22)
    first += timedelta(days=(3 - first.weekday()) % 7)  # the Thursday
    return first, first + timedelta(days=9)


@dataclass
class Activity:
    id: str
    title: str
    description: str
    start: datetime
    end: datetime
    organiser: str
    municipality: str | None
    address: str | None
    online: bool
    themes: list[str]
    groups: list[str]
    action_line: int
    week: int | None
    sign_up_url: str | None
    status: str


class ActivityGenerator:
    def __init__(self, ref: ReferenceData, net: Network) -> None:
        self.place = {m.code: names.display_name(m.name) for m in ref.municipalities}
        joined = {c for c, s in net.municipalities.items() if s.participation == "JOINED"}
        self.organisers: list[Organisation] = [
            o for o in net.organisations if o.demo and o.base in joined and o.themes
        ]

    def activities(self, scale: int) -> list[Activity]:
        out: list[Activity] = []
        for unit in range(scale):
            for stream, count in PER_SCALE.items():
                for i in range(count):
                    index = unit * PER_SCALE[stream] + i
                    out.append(self._one(stream, index))
        return out

    def _one(self, stream: str, index: int) -> Activity:
        rng = rand.rng_for(f"activity-{stream}", index)
        org = rand.choose(rng, self.organisers)
        fitting = [f for f in FORMATS if set(f.themes) & set(org.themes)] or list(FORMATS)
        fmt = rand.choose(rng, fitting)
        if stream == "year":
            day = rand.random_date(rng, YEAR_FROM, YEAR_TO)
            week = None
        else:
            week = PAST_WEEK if stream == "past_week" else NEXT_WEEK
            first, last = week_days(week)
            day = rand.random_date(rng, first, last)
        hour = rand.choose(rng, fmt.starts)
        start = datetime.combine(day, time(hour, 30 if rng.random() < 0.3 else 0), AMSTERDAM)
        end = start + timedelta(hours=rand.between(rng, *fmt.hours))
        place = self.place[org.base or ""]  # organisers are based in a joined municipality
        online = fmt.online
        themes = [t for t in fmt.themes if t in org.themes] or [fmt.themes[0]]
        groups = list(fmt.groups[: 1 + rand.below(rng, len(fmt.groups))])
        key = uuid.uuid5(NAMESPACE, f"{stream}/{index}")
        street = rand.choose(rng, STREETS)
        return Activity(
            id=str(key),
            title=fmt.title.format(place=place),
            description=fmt.description.format(org=org.name, place=place),
            start=start,
            end=end,
            organiser=org.id,
            municipality=None if online else org.base,
            address=None if online else f"{street} {rand.between(rng, 1, 120)}, {place}",
            online=online,
            themes=themes,
            groups=groups,
            action_line=fmt.action_line,
            week=week,
            # Reserved for documentation (RFC 2606): demo links lead nowhere real.
            sign_up_url=f"https://aanmelden.example/{key.hex[:10]}" if rng.random() < 0.4 else None,
            status="CANCELLED" if rng.random() < 0.03 else "PLANNED",
        )


STREETS = (
    "Dorpsstraat", "Kerkplein", "Molenweg", "Stationsstraat", "Schoolstraat", "Marktplein",
    "Wilhelminastraat", "Julianalaan", "Beatrixstraat", "Raadhuisstraat", "Parkweg",
    "Buurthuis De Brug, Lindelaan", "Wijkcentrum De Schakel, Eikenlaan",
)  # fmt: skip


def activity_row(a: Activity) -> dict[str, Any]:
    return {
        "id": a.id,
        "by": a.organiser,
        "codes": [a.municipality] if a.municipality else [],
        "themes": a.themes,
        "targets": a.groups,
        "lines": [a.action_line],
        "start": a.start.isoformat(),
        "end": a.end.isoformat(),
        "props": {
            "title": a.title,
            "description": a.description,
            "address": a.address,
            "online": a.online,
            "week": a.week,
            "signUpUrl": a.sign_up_url,
            "status": a.status,
            "revision": 1,
            "demo": True,
        },
    }
