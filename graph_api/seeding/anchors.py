"""The fixed organisations: real partners from the csv files (exactly as their sources give
them), one government organisation per municipality and the invented national partners;
plus their memberships.

These do not grow with `scale`. The generated stream (organisations.py) builds on them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from graph_api.seeding import rand
from graph_api.seeding import vocabulary as v
from graph_api.seeding.joining import NATIONAL_ID, NATIONAL_STARTED, cite
from graph_api.seeding.model import Coalition, Membership, Network, Organisation
from graph_api.seeding.names import GENERATED_NATIONAL_PARTNERS, display_name
from graph_api.seeding.profiles import Profile, rules
from graph_api.seeding.reference import ROLES, Citation, PartnerEvidence, ReferenceData
from graph_api.seeding.text import slugify

GOVERNMENT_LEAD = "GOVERNMENT"
GOVERNMENT_PROFILE = "gemeente"
WELFARE_LEAD = "WELFARE"

# Kinds of the members named on the local coalition pages (the files name them only):
# read from the pages and names; the PieterBrueghelHuis is a meeting centre in Veghel.
LOCAL_MEMBER_KINDS = {
    "Welzijn de Meierij": v.CARE_AND_WELFARE,
    "KBO Erp, Keldonk, Boerdonk": v.CIVIL_SOCIETY,
    "Brabant Zorg": v.CARE_AND_WELFARE,
    "PieterBrueghelHuis": v.CITIZEN_INITIATIVE,
    "ROC de Leijgraaf": v.EDUCATION,
    "Seniorenraad": v.CIVIL_SOCIETY,
    "Adviesraad Sociaal Domein": v.CIVIL_SOCIETY,
    "Buurtzorg": v.CARE_AND_WELFARE,
    "ONS welzijn": v.CARE_AND_WELFARE,
    "Kwartier Zorg en Welzijn": v.CARE_AND_WELFARE,
    "GGZ Friesland": v.CARE_AND_WELFARE,
    "Alliade": v.CARE_AND_WELFARE,
    "Elkander": v.CARE_AND_WELFARE,
    "Solidair Friesland": v.CIVIL_SOCIETY,
}
# Names that only make sense with the place: their id gets the municipality appended.
GENERIC_NAMES = {"Seniorenraad", "Adviesraad Sociaal Domein", "Buurtzorg"}


@dataclass
class OrgIndex:
    """The network under construction plus the lookups the generators need."""

    net: Network
    coalition_of: dict[str, Coalition] = field(default_factory=dict)
    lead_kind: dict[str, str] = field(default_factory=dict)
    by_id: dict[str, Organisation] = field(default_factory=dict)
    # Non-national organisations per base municipality, in creation order: partner pools.
    in_municipality: dict[str, list[str]] = field(default_factory=dict)
    national_ids: list[str] = field(default_factory=list)
    branch_parents: list[tuple[str, str]] = field(default_factory=list)  # (id, name stem)
    # Organisations whose staff write practices, with the stream index that created them
    # (-1 for fixed ones), so a practice can draw only from organisations of its scale unit.
    writers: list[tuple[int, str]] = field(default_factory=list)
    names_seen: set[str] = field(default_factory=set)
    # Sources of the sourced local organisations, gathered over their coalition rows.
    sourced_cites: dict[str, list[Citation]] = field(default_factory=dict)
    municipality_named: dict[str, str] = field(default_factory=dict)  # display name -> code

    def add(self, org: Organisation, stream_index: int = -1) -> Organisation:
        existing = self.by_id.get(org.id)
        if existing is not None:
            return existing
        self.net.organisations.append(org)
        self.by_id[org.id] = org
        self.names_seen.add(org.name)
        if not org.demo:
            # Sourced organisations get no generated partners, branches, staff or practices.
            return org
        if org.scope == v.NATIONAL:
            self.national_ids.append(org.id)
        elif org.base is not None:
            self.in_municipality.setdefault(org.base, []).append(org.id)
        if org.profile is not None and rules().profiles[org.profile].writes:
            self.writers.append((stream_index, org.id))
        return org

    def join(
        self, org_id: str, coalition: Coalition, role: str, since: date | None, former: bool = False
    ) -> None:
        self.net.memberships.append(Membership(org_id, coalition.id, role, since, former))


# Most organisations have one or two focus themes; few cover four.
THEME_COUNTS = rand.Weighted({1: 0.30, 2: 0.35, 3: 0.22, 4: 0.13})
GROUP_COUNTS = rand.Weighted({0: 0.20, 1: 0.40, 2: 0.28, 3: 0.12})


def tag(org: Organisation, rng: random.Random, profile: Profile) -> None:
    """Its profile, and themes (1-4) and target groups (0-3) from those the profile allows,
    the typical ones most likely."""
    org.profile = profile.key
    count = min(THEME_COUNTS.draw(rng), len(profile.themes))
    org.themes = rand.pick_some(rng, profile.themes, count, count, bias=profile.typical)
    count = min(GROUP_COUNTS.draw(rng), len(profile.target_groups))
    typical = min(profile.typical, len(profile.target_groups))
    org.serves = rand.pick_some(rng, profile.target_groups, count, count, bias=typical)


def build_anchors(ref: ReferenceData, net: Network) -> OrgIndex:
    index = OrgIndex(net)
    index.municipality_named = {display_name(m.name): m.code for m in ref.municipalities}
    for coalition in net.coalitions:
        for code in coalition.covers:
            index.coalition_of[code] = coalition
    national = net.coalitions[0]
    assert national.id == NATIONAL_ID
    _sourced_national(ref, index)
    _generated_national(ref, index, national)
    _sourced_local(ref, index)
    _governments(ref, index)
    return index


def _member_since(rng: random.Random, start: date, latest: date) -> date:
    return rand.random_date(rng, start, max(start, latest))


def _sourced_national(ref: ReferenceData, index: OrgIndex) -> None:
    """The national partners as their sources give them: name, kind, public description and
    website from landelijke-partners.csv, memberships (role as stated, no date) from the
    evidence; no home, themes or target groups, which no source gives."""
    coalitions = {c.id: c for c in index.net.coalitions}
    evidence: dict[str, list[PartnerEvidence]] = {}
    for e in ref.partner_evidence:
        evidence.setdefault(e.organisation, []).append(e)
    for partner in ref.national_partners:
        found = evidence.get(partner.id, [])
        org = Organisation(
            id=partner.id,
            name=partner.name,
            kind=v.kind_for_org_type(partner.org_type),
            scope=v.NATIONAL,
            description=partner.description or None,
            website=partner.website or None,
            demo=False,
        )
        cite(org, [e.cite for e in found])
        index.add(org)
        by_coalition: dict[str, list[PartnerEvidence]] = {}
        for e in found:
            by_coalition.setdefault(e.coalition, []).append(e)
        for coalition_id, rows in by_coalition.items():
            coalition = coalitions[coalition_id]
            # Several sources: the strongest role any of them states.
            role = min((e.role for e in rows), key=ROLES.index)
            index.join(org.id, coalition, role, None, former=coalition.kind == "PREDECESSOR")


def _generated_national(ref: ReferenceData, index: OrgIndex, national: Coalition) -> None:
    for number, spec in enumerate(GENERATED_NATIONAL_PARTNERS, start=1):
        rng = rand.rng_for("national-partner", number)
        org = Organisation(
            id=f"landelijk-{number:03d}-{slugify(spec.name)}",
            name=spec.name,
            kind=spec.kind,
            scope=v.NATIONAL,
            base=ref.municipality_by_name(spec.city).code,
            description=(
                f"Landelijke organisatie en partner van de {national.name}"
                + (
                    f", met lokale afdelingen onder de naam {spec.branch_name}."
                    if spec.branch_name
                    else "."
                )
            ),
            demo=True,
            website=f"https://www.{slugify(spec.name)}.example",
        )
        tag(org, rng, rules().profiles[rules().national[spec.name]])
        index.add(org)
        if spec.branch_name:
            index.branch_parents.append((org.id, spec.branch_name))
        role = "CORE" if number % 4 == 1 else "MEMBER"
        index.join(org.id, national, role, _member_since(rng, NATIONAL_STARTED, date(2022, 12, 31)))


def _sourced_local(ref: ReferenceData, index: OrgIndex) -> None:
    """Members of the sourced local coalitions with the role their source states (LEAD for
    kartrekkers, organisers and founders; CORE for a kerngroep). A member is active where
    the coalition works; its home is known only for a municipality's own government."""
    names = {m.code: m.name for m in ref.municipalities}
    coalitions = {c.id: c for c in index.net.coalitions}
    for row in ref.local_coalitions:
        coalition = coalitions[row.coalition_id]
        code = row.municipality_code
        place = names[code]
        listed = [(n, "LEAD") for n in row.leads] + [(n, "CORE") for n in row.core]
        listed += [(n, "MEMBER") for n in row.members]
        for name, role in listed:
            org = _local_member(index, name, place)
            index.sourced_cites.setdefault(org.id, []).append(row.cite)
            if org.scope == v.LOCAL and code not in org.active_in and org.base != code:
                org.active_in.append(code)
            index.join(org.id, coalition, role, None)
    for org_id, cites in index.sourced_cites.items():
        org = index.by_id[org_id]
        if org.scope == v.LOCAL:
            cite(org, cites)


def _local_member(index: OrgIndex, name: str, place: str) -> Organisation:
    for org in index.net.organisations:
        if org.scope == v.NATIONAL and not org.demo and org.name == name:
            return org  # a national partner taking part locally (Leger des Heils)
    org_id = slugify(name + (f" {place}" if name in GENERIC_NAMES else ""))
    existing = index.by_id.get(org_id)
    if existing is not None:
        return existing
    government = name.startswith("Gemeente ")
    # A municipality's own government is based in it; other homes are not given.
    home = index.municipality_named.get(name.removeprefix("Gemeente ")) if government else None
    return index.add(
        Organisation(
            id=org_id,
            name=name,
            kind=v.GOVERNMENT if government else LOCAL_MEMBER_KINDS.get(name, v.CIVIL_SOCIETY),
            scope=v.LOCAL,
            base=home,
            description=None,
            demo=False,
        )
    )


def _governments(ref: ReferenceData, index: OrgIndex) -> None:
    """One government organisation per municipality; in a coalition it leads or is CORE."""
    members = {(m.organisation, m.coalition) for m in index.net.memberships}
    for m in ref.municipalities:
        name = f"Gemeente {display_name(m.name)}"
        org_id = slugify(name)
        org = index.by_id.get(org_id)
        if org is None:
            org = Organisation(
                id=org_id,
                name=name,
                kind=v.GOVERNMENT,
                scope=v.LOCAL,
                base=m.code,
                description=(
                    f"De gemeente {display_name(m.name)}: regie op het sociaal domein en de "
                    "lokale aanpak van eenzaamheid."
                ),
                demo=True,
            )
            # Tagged before it is added: the profile decides whether its staff write.
            tag(org, rand.rng_for("anchor", org.id), rules().profiles[GOVERNMENT_PROFILE])
            index.add(org)
        coalition = index.coalition_of.get(m.code)
        if coalition is None or not coalition.demo or (org.id, coalition.id) in members:
            continue  # a sourced coalition has exactly the members its sources name
        assert coalition.started_on is not None  # every demo coalition has a start
        rng = rand.rng_for("lead", coalition.id)
        if coalition.id not in index.lead_kind:
            lead = GOVERNMENT_LEAD if rng.random() < 0.55 else WELFARE_LEAD
            index.lead_kind[coalition.id] = lead
        is_lead = index.lead_kind[coalition.id] == GOVERNMENT_LEAD and m.code == coalition.covers[0]
        since = (
            coalition.started_on
            if is_lead
            else coalition.started_on + timedelta(days=rand.between(rng, 0, 60))
        )
        index.join(org.id, coalition, "LEAD" if is_lead else "CORE", since)
