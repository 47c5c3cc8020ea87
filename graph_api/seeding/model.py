"""The seed as plain Python objects, built in memory first and written to Neo4j after."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass
class Sourced:
    """What a sourced record carries about its sources (all None on demo records)."""

    source_url: str | None = None  # the first source
    source_read_on: str | None = None  # ISO date the first source was read
    source_urls: list[str] = field(default_factory=list)  # every source, in file order


@dataclass
class MunicipalityState(Sourced):
    code: str = ""
    participation: str = "NOT_JOINED"  # JOINED | ANNOUNCED | COALITION_ONLY | NOT_JOINED
    joined_on: date | None = None  # only a full date: from the source or, for demo, drawn
    joined_in: str | None = None  # as precise as the source gives it ("2018", "2018-09")
    joined_in_source: str | None = None  # the source that gives joined_in
    evidence_note: str | None = None


@dataclass
class Coalition(Sourced):
    id: str = ""
    name: str = ""
    kind: str = "LOCAL"  # NATIONAL | LOCAL | PREDECESSOR
    description: str | None = None
    started_on: date | None = None
    plan_period: str | None = None
    demo: bool = True
    ended_on: date | None = None
    successor: str | None = None  # id of the coalition that took over
    covers: list[str] = field(default_factory=list)  # municipality codes
    focus: list[str] = field(default_factory=list)  # theme slugs (speerpunten)


@dataclass
class Organisation(Sourced):
    id: str = ""
    name: str = ""
    kind: str = ""
    scope: str = ""
    base: str | None = None  # municipality code of BASED_IN; sourced: only where known
    description: str | None = None
    demo: bool = True
    website: str | None = None
    active_in: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    serves: list[str] = field(default_factory=list)
    branch_of: str | None = None
    profile: str | None = None  # demo: its row in demo_profiles.toml


@dataclass(frozen=True)
class Membership:
    organisation: str
    coalition: str
    role: str  # "LEAD" | "CORE" | "MEMBER"
    since: date | None  # None where the source gives no date
    former: bool = False  # a membership of a coalition that has ended (WAS_MEMBER_OF)


@dataclass(frozen=True)
class Partnership:
    a: str  # always the smaller id, so each pair is stored once
    b: str
    since: date


@dataclass
class Person:
    id: str
    name: str
    role: str
    works_for: str


@dataclass
class Practice:
    id: str
    slug: str
    title: str
    summary: str
    body: str
    status: str
    results: str
    evidence_level: str
    costs: str
    created_at: datetime
    updated_at: datetime
    published_at: datetime | None
    revision: int
    by: str
    applied_in: list[str]
    themes: list[str]
    targets: list[str]
    action_lines: list[int]
    authors: list[tuple[str, datetime]]  # (person id, when)
    concept: str = ""  # demo: the practice_concepts key it was written from (not stored)


@dataclass
class Network:
    """Everything to load; filled by the generators in a fixed order."""

    municipalities: dict[str, MunicipalityState] = field(default_factory=dict)
    coalitions: list[Coalition] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    partnerships: list[Partnership] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    practices: list[Practice] = field(default_factory=list)
