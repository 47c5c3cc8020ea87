"""The seed as a lazy sequence of (step, rows) chunks in an order Neo4j can load.

Generating scale 100 takes about 25 s of Python, so the rows are produced in chunks while
earlier chunks are being written (see writer.write_stream). Every chunk only refers to nodes
of earlier chunks or of earlier steps in the same flush.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

from graph_api.seeding import contacts
from graph_api.seeding import rows as r
from graph_api.seeding.activities import ACTIVITIES_PER_SCALE, ActivityGenerator, activity_row
from graph_api.seeding.anchors import build_anchors
from graph_api.seeding.geo import Neighbours
from graph_api.seeding.joining import plan_joining
from graph_api.seeding.model import Network, Organisation
from graph_api.seeding.organisations import ORGANISATIONS_PER_SCALE, OrganisationStream
from graph_api.seeding.practices import PEOPLE_PER_SCALE, PRACTICES_PER_SCALE, PracticeGenerator
from graph_api.seeding.reference import load_reference

CHUNK = 2000
Chunk = tuple[str, list[r.Row]]
T = TypeVar("T")


class _Cursor:
    """Hands out what the generators appended to the network since the last flush."""

    def __init__(self, net: Network, places: dict[str, str]) -> None:
        self.net = net
        self.places = places  # municipality code -> name, for demo visiting addresses
        self.done = {
            "organisations": 0,
            "memberships": 0,
            "partnerships": 0,
            "people": 0,
            "practices": 0,
        }

    def _take(self, name: str, items: list[T]) -> list[T]:
        start = self.done[name]
        self.done[name] = len(items)
        return items[start:]

    def flush(self) -> Iterator[Chunk]:
        net = self.net
        orgs = self._take("organisations", net.organisations)
        yield "organisations", [self._organisation_row(o) for o in orgs]
        yield "contact_people", contacts.organisation_people(orgs)
        yield "branch_of", [r.branch_row(o) for o in orgs if o.branch_of]
        members = self._take("memberships", net.memberships)
        yield "member_of", [r.membership_row(m) for m in members if not m.former]
        yield "was_member_of", [r.membership_row(m) for m in members if m.former]
        partners = self._take("partnerships", net.partnerships)
        yield "partners_with", [r.partnership_row(p) for p in partners]
        people = self._take("people", net.people)
        yield "people", [r.person_row(p, contacts.person_details(p)) for p in people]
        practices = self._take("practices", net.practices)
        yield "practices", [r.practice_row(p) for p in practices]
        yield "authored", [row for p in practices for row in r.authored_rows(p)]
        yield "practice_contact", contacts.practice_contacts(practices)

    def _organisation_row(self, o: Organisation) -> r.Row:
        row = r.organisation_row(o)
        # Sourced organisations may have no home; they get no generated contact data either.
        row["props"].update(contacts.organisation(o, self.places.get(o.base or "", "")))
        return row


class Plan:
    """Iterate to get the chunks; `expected` holds the row totals known in advance."""

    def __init__(self, seed_dir: Path, scale: int = 1) -> None:
        if scale < 1:
            raise ValueError("scale must be at least 1")
        self.scale = scale
        self.ref = load_reference(seed_dir)
        self.neighbours = Neighbours(self.ref.municipalities)
        self.net = Network()
        plan_joining(self.ref, self.neighbours, self.net)
        self.index = build_anchors(self.ref, self.net)
        self.expected: dict[str, int] = {
            "organisations": len(self.net.organisations) + ORGANISATIONS_PER_SCALE * scale,
            "people": PEOPLE_PER_SCALE * scale,
            "practices": PRACTICES_PER_SCALE * scale,
            "activities": ACTIVITIES_PER_SCALE * scale,
        }

    def __iter__(self) -> Iterator[Chunk]:
        websites = {c.id: contacts.coalition_website(c) for c in self.net.coalitions}
        for step, rows in r.fixed_rows(self.ref, self.net):
            if step == "coalitions":
                for row in rows:
                    row["props"].update(websites[row["id"]])
            yield step, rows
        yield "coalition_contact", contacts.coalition_people(self.net.coalitions)
        places = {m.code: m.name for m in self.ref.municipalities}
        cursor = _Cursor(self.net, places)

        def flush() -> Iterator[Chunk]:
            return (chunk for chunk in cursor.flush() if chunk[1])

        yield from flush()
        stream = OrganisationStream(self.ref, self.neighbours, self.index)
        total = ORGANISATIONS_PER_SCALE * self.scale
        for start in range(0, total, CHUNK):
            stream.generate(range(start, min(start + CHUNK, total)))
            yield from flush()
        # Practices draw from all organisations, so they start once the stream is complete.
        practices = PracticeGenerator(self.ref, self.neighbours, self.index)
        practices.people(range(PEOPLE_PER_SCALE * self.scale))
        yield from flush()
        total = PRACTICES_PER_SCALE * self.scale
        for start in range(0, total, CHUNK):
            practices.practices(range(start, min(start + CHUNK, total)))
            yield from flush()
        # Activities draw their organisers from all organisations, like practices.
        rows = [
            activity_row(a) for a in ActivityGenerator(self.ref, self.net).activities(self.scale)
        ]
        for start in range(0, len(rows), CHUNK):
            yield "activities", rows[start : start + CHUNK]


def build(seed_dir: Path, scale: int = 1) -> dict[str, list[r.Row]]:
    """All rows at once, per step (for tests and inspection; seeding streams them)."""
    collected: dict[str, list[r.Row]] = {}
    for step, rows in Plan(seed_dir, scale):
        collected.setdefault(step, []).extend(rows)
    return collected
