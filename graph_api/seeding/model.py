"""The seed as plain Python objects, built in memory first and written to Neo4j after."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass
class MunicipalityState:
    code: str
    participation: str  # "JOINED" | "NOT_JOINED"
    joined_on: date | None = None
    evidence_url: str | None = None
    evidence_note: str | None = None


@dataclass
class Coalition:
    id: str
    name: str
    kind: str  # "NATIONAL" | "LOCAL"
    description: str
    started_on: date
    plan_period: str
    demo: bool
    source_url: str | None
    covers: list[str] = field(default_factory=list)  # municipality codes


@dataclass
class Organisation:
    id: str
    name: str
    kind: str
    scope: str
    base: str  # municipality code of BASED_IN
    description: str
    demo: bool
    website: str | None = None
    source_url: str | None = None
    active_in: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    serves: list[str] = field(default_factory=list)
    branch_of: str | None = None


@dataclass(frozen=True)
class Membership:
    organisation: str
    coalition: str
    role: str  # "LEAD" | "CORE" | "MEMBER"
    since: date


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
