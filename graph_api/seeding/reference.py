"""The real reference data in seed/*.csv, read as it is (see seed/SOURCES.md)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path


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
class JoinEvidence:
    """One row of gemeenten-aangesloten-evidence.csv."""

    code: str
    status: str
    date: str  # "", "2018", "2018-09" or "2020-07-01"
    note: str
    url: str


@dataclass(frozen=True)
class NationalPartner:
    """One row of nationale-coalitie-partners-evidence.csv."""

    name: str
    org_type: str
    evidence_strength: str
    date: str
    note: str
    url: str


@dataclass(frozen=True)
class LocalCoalitionRow:
    """One row of lokale-coalities-voorbeelden.csv (one row per covered municipality)."""

    municipality_code: str
    coalition_name: str
    lead: str
    members: tuple[str, ...]
    partner_categories: tuple[str, ...]
    notes: str
    url: str


@dataclass(frozen=True)
class ReferenceData:
    provinces: tuple[Province, ...]
    municipalities: tuple[Municipality, ...]
    join_evidence: tuple[JoinEvidence, ...]
    national_partners: tuple[NationalPartner, ...]
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


def load_reference(seed_dir: Path) -> ReferenceData:
    provinces = tuple(Province(r["code"], r["name"]) for r in _rows(seed_dir / "provincies.csv"))
    municipalities = tuple(
        Municipality(r["code"], r["name"], r["province"], float(r["lat"]), float(r["lon"]))
        for r in _rows(seed_dir / "gemeenten.csv")
    )
    evidence = tuple(
        JoinEvidence(r["code"], r["status"], r["date"], r["evidence_nl"], r["source_url"])
        for r in _rows(seed_dir / "gemeenten-aangesloten-evidence.csv")
    )
    partners = tuple(
        NationalPartner(
            r["name"],
            r["org_type"],
            r["evidence_strength"],
            r["date"],
            r["evidence_nl"],
            r["source_url"],
        )
        for r in _rows(seed_dir / "nationale-coalitie-partners-evidence.csv")
    )
    local = tuple(
        LocalCoalitionRow(
            r["municipality_code"],
            r["coalition_name"],
            r["lead_or_contact_org"],
            _split(r["members"]),
            _split(r["partner_categories"]),
            r["notes"],
            r["source_url"],
        )
        for r in _rows(seed_dir / "lokale-coalities-voorbeelden.csv")
    )
    data = ReferenceData(provinces, municipalities, evidence, partners, local)
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
