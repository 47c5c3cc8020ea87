"""The real reference data in seed/*.csv, read as it is (see seed/SOURCES.md).

Every sourced row carries the public page it rests on (`url`), the sentence from it
(`statement`, a quote of at most 25 words or a paraphrase) and the day it was read
(`read_on`, empty where the stored copy could not be re-read).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

# Statuses of gemeenten-aangesloten-evidence.csv, strongest first, and the participation
# each stands for. Several sources for one municipality: the strongest status counts.
JOIN_STATUSES = {
    "joined": "JOINED",
    "signed": "JOINED",
    "announced": "ANNOUNCED",
    "local_coalition_listed": "COALITION_ONLY",
}
ROLES = ("LEAD", "CORE", "MEMBER")


@dataclass(frozen=True)
class Province:
    code: str
    name: str


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    province: str  # province name, as in gemeenten.csv
    lat: float
    lon: float


@dataclass(frozen=True)
class Citation:
    """Where a sourced row comes from."""

    url: str
    statement: str
    statement_kind: str  # "quote" | "paraphrase"
    read_on: str  # ISO date or ""


@dataclass(frozen=True)
class JoinEvidence:
    """One row of gemeenten-aangesloten-evidence.csv (one source about one municipality)."""

    code: str
    status: str
    joined_in: str  # as precise as the source: "", "2018", "2018-09" or "2020-07-01"
    cite: Citation


@dataclass(frozen=True)
class NationalPartner:
    """One row of landelijke-partners.csv: the organisation as the public sees it."""

    id: str
    name: str
    org_type: str
    description: str
    website: str


@dataclass(frozen=True)
class PartnerEvidence:
    """One row of nationale-coalitie-partners-evidence.csv: one source for one membership."""

    organisation: str  # NationalPartner.id
    coalition: str  # landelijke-coalities.csv id
    role: str  # LEAD | CORE | MEMBER, as the source states it
    evidence_strength: str  # explicit | implied
    date: str  # date of the source, as precise as it gives it
    cite: Citation


@dataclass(frozen=True)
class NationalCoalitionRow:
    """One row of landelijke-coalities.csv: the national coalition and its predecessor."""

    id: str
    name: str
    kind: str  # NATIONAL | PREDECESSOR
    description: str
    started_on: str
    ended_on: str
    plan_period: str
    successor: str
    cite: Citation


@dataclass(frozen=True)
class LocalCoalitionRow:
    """One row of lokale-coalities-voorbeelden.csv (one source about one covered municipality)."""

    coalition_id: str
    coalition_name: str
    municipality_code: str
    description: str
    plan_period: str
    started_on: str
    leads: tuple[str, ...]
    core: tuple[str, ...]
    members: tuple[str, ...]
    cite: Citation


@dataclass(frozen=True)
class ReferenceData:
    provinces: tuple[Province, ...]
    municipalities: tuple[Municipality, ...]
    join_evidence: tuple[JoinEvidence, ...]
    national_partners: tuple[NationalPartner, ...]
    partner_evidence: tuple[PartnerEvidence, ...]
    national_coalitions: tuple[NationalCoalitionRow, ...]
    local_coalitions: tuple[LocalCoalitionRow, ...]

    def municipality_by_name(self, name: str) -> Municipality:
        for m in self.municipalities:
            if m.name == name:
                return m
        raise KeyError(name)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


def _split(value: str) -> tuple[str, ...]:
    # Member lists use ";" because single names contain commas ("KBO Erp, Keldonk, Boerdonk").
    return tuple(part.strip() for part in value.split(";") if part.strip())


def _cite(r: dict[str, str]) -> Citation:
    return Citation(r["source_url"], r["statement"], r["statement_kind"], r["read_on"])


def load_reference(seed_dir: Path) -> ReferenceData:
    provinces = tuple(Province(r["code"], r["name"]) for r in _rows(seed_dir / "provincies.csv"))
    municipalities = tuple(
        Municipality(r["code"], r["name"], r["province"], float(r["lat"]), float(r["lon"]))
        for r in _rows(seed_dir / "gemeenten.csv")
    )
    evidence = tuple(
        JoinEvidence(r["code"], r["status"], r["joined_in"], _cite(r))
        for r in _rows(seed_dir / "gemeenten-aangesloten-evidence.csv")
    )
    partners = tuple(
        NationalPartner(r["id"], r["name"], r["org_type"], r["description"], r["website"])
        for r in _rows(seed_dir / "landelijke-partners.csv")
    )
    partner_evidence = tuple(
        PartnerEvidence(
            r["organisation"],
            r["coalition"],
            r["role"],
            r["evidence_strength"],
            r["date"],
            _cite(r),
        )
        for r in _rows(seed_dir / "nationale-coalitie-partners-evidence.csv")
    )
    national = tuple(
        NationalCoalitionRow(
            r["id"],
            r["name"],
            r["kind"],
            r["description"],
            r["started_on"],
            r["ended_on"],
            r["plan_period"],
            r["successor"],
            _cite(r),
        )
        for r in _rows(seed_dir / "landelijke-coalities.csv")
    )
    local = tuple(
        LocalCoalitionRow(
            r["coalition_id"],
            r["coalition_name"],
            r["municipality_code"],
            r["description"],
            r["plan_period"],
            r["started_on"],
            _split(r["leads"]),
            _split(r["core"]),
            _split(r["members"]),
            _cite(r),
        )
        for r in _rows(seed_dir / "lokale-coalities-voorbeelden.csv")
    )
    data = ReferenceData(
        provinces, municipalities, evidence, partners, partner_evidence, national, local
    )
    _check(data)
    return data


def _check(data: ReferenceData) -> None:
    """Fail early on a broken seed folder rather than half-loading it."""
    province_names = {p.name for p in data.provinces}
    codes = {m.code for m in data.municipalities}
    if len(codes) != len(data.municipalities):
        raise ValueError("gemeenten.csv has duplicate codes")
    unknown = {m.province for m in data.municipalities} - province_names
    if unknown:
        raise ValueError(f"gemeenten.csv names unknown provinces: {sorted(unknown)}")
    referenced = {e.code for e in data.join_evidence} | {
        c.municipality_code for c in data.local_coalitions
    }
    if referenced - codes:
        raise ValueError(f"evidence names unknown municipalities: {sorted(referenced - codes)}")
    bad_status = {e.status for e in data.join_evidence} - set(JOIN_STATUSES)
    if bad_status:
        raise ValueError(f"unknown joining statuses: {sorted(bad_status)}")
    partner_ids = {p.id for p in data.national_partners}
    coalition_ids = {c.id for c in data.national_coalitions}
    for e in data.partner_evidence:
        if e.organisation not in partner_ids or e.coalition not in coalition_ids:
            raise ValueError(f"partner evidence names unknown ids: {e.organisation}, {e.coalition}")
        if e.role not in ROLES:
            raise ValueError(f"unknown role {e.role!r}")
    if [c.kind for c in data.national_coalitions].count("NATIONAL") != 1:
        raise ValueError("landelijke-coalities.csv needs exactly one NATIONAL coalition")
    cites = [e.cite for e in data.join_evidence] + [e.cite for e in data.partner_evidence]
    cites += [c.cite for c in data.national_coalitions] + [c.cite for c in data.local_coalitions]
    for cite in cites:
        if not cite.url.startswith("https://") or cite.statement_kind not in (
            "quote",
            "paraphrase",
        ):
            raise ValueError(f"a citation needs an https URL and a statement kind: {cite}")
        if cite.statement_kind == "quote" and len(cite.statement.split()) > 25:
            raise ValueError(f"quotes are at most 25 words: {cite.statement}")
