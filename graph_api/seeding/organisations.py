"""The generated organisations (demo), their memberships, branches and partnerships.

Organisation i is drawn from its own generator (rand.rng_for("org", i)) and links only to
organisations created before it, so the first N organisations, and every link among them,
are the same at every scale.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from graph_api.seeding import names, rand
from graph_api.seeding import vocabulary as v
from graph_api.seeding.anchors import WELFARE_LEAD, OrgIndex, tag
from graph_api.seeding.geo import Neighbours
from graph_api.seeding.model import Coalition, Organisation, Partnership
from graph_api.seeding.profiles import Profile, rules
from graph_api.seeding.reference import ReferenceData
from graph_api.seeding.text import slugify

ORGANISATIONS_PER_SCALE = 1800
WELFARE_PROFILE = "welzijn"  # the first organisation of every municipality
LATEST = date(2024, 12, 31)

LOCAL_KINDS: rand.Weighted[str] = rand.Weighted(
    {
        v.CITIZEN_INITIATIVE: 16,
        v.CIVIL_SOCIETY: 14,
        v.CARE_AND_WELFARE: 13,
        v.SPORTS: 10,
        v.COMPANY: 10,
        v.CULTURAL: 9,
        v.RELIGIOUS: 8,
        v.EDUCATION: 6,
        v.HOUSING: 4,
        v.FUND: 3,
        v.GOVERNMENT: 3,
        v.MEDIA: 2,
        v.KNOWLEDGE_INSTITUTE: 2,
    }
)
REGIONAL_KINDS: rand.Weighted[str] = rand.Weighted(
    {
        v.CARE_AND_WELFARE: 30,
        v.HOUSING: 14,
        v.EDUCATION: 12,
        v.CIVIL_SOCIETY: 10,
        v.MEDIA: 8,
        v.FUND: 6,
        v.CULTURAL: 6,
        v.SPORTS: 5,
        v.GOVERNMENT: 5,
        v.KNOWLEDGE_INSTITUTE: 4,
    }
)
# How likely an organisation of a kind is to sit in its municipality's local coalition.
JOIN_CHANCE: dict[str, float] = {
    v.CARE_AND_WELFARE: 0.9,
    v.GOVERNMENT: 0.9,
    v.HOUSING: 0.8,
    v.CITIZEN_INITIATIVE: 0.7,
    v.CIVIL_SOCIETY: 0.7,
    v.KNOWLEDGE_INSTITUTE: 0.6,
    v.RELIGIOUS: 0.6,
    v.CULTURAL: 0.6,
    v.EDUCATION: 0.55,
    v.FUND: 0.5,
    v.SPORTS: 0.5,
    v.COMPANY: 0.4,
    v.MEDIA: 0.4,
}
PARTNER_COUNTS: rand.Weighted[int] = rand.Weighted({0: 0.08, 1: 0.42, 2: 0.35, 3: 0.12, 4: 0.03})

DESCRIPTIONS: dict[str, str] = {
    v.CARE_AND_WELFARE: "Zorg en welzijn in {p}: ondersteuning thuis, ontmoeting en hulp bij "
    "mantelzorg.",
    v.CIVIL_SOCIETY: "Vereniging van en voor inwoners van {p}, gedragen door vrijwilligers.",
    v.CITIZEN_INITIATIVE: "Initiatief van buurtbewoners in {p} dat mensen samenbrengt.",
    v.SPORTS: "Sport en bewegen in {p}, voor jong en oud; ook de derde helft telt.",
    v.COMPANY: "Lokale ondernemer in {p} die meedoet aan de aanpak van eenzaamheid.",
    v.CULTURAL: "Culturele instelling in {p}: activiteiten die mensen met elkaar verbinden.",
    v.RELIGIOUS: "Levensbeschouwelijke gemeenschap in {p} met aandacht voor omzien naar elkaar.",
    v.EDUCATION: "Onderwijs in {p}, met aandacht voor verbinding tussen generaties.",
    v.HOUSING: "Verhuurder in {p} die werkt aan prettig wonen en contact tussen buren.",
    v.FUND: "Fonds dat initiatieven tegen eenzaamheid in {p} financieel ondersteunt.",
    v.GOVERNMENT: "Publieke dienst in {p}, dichtbij inwoners in de wijk.",
    v.MEDIA: "Lokale media in {p}: nieuws en verhalen uit de buurt.",
    v.KNOWLEDGE_INSTITUTE: "Kennis en onderzoek over welzijn en eenzaamheid in {p}.",
}


class OrganisationStream:
    def __init__(self, ref: ReferenceData, neighbours: Neighbours, index: OrgIndex) -> None:
        self.ref = ref
        self.neighbours = neighbours
        self.index = index
        self.codes = sorted(m.code for m in ref.municipalities)
        self.place = {m.code: names.display_name(m.name) for m in ref.municipalities}
        # Round 0 visits every municipality once in a fixed shuffled order: its welfare org.
        self.first_round = list(self.codes)
        rand.rng_for("welfare-order").shuffle(self.first_round)
        self.branches_taken: set[tuple[str, str]] = set()
        self.next_number: dict[str, int] = {}

    def generate(self, indexes: range) -> None:
        """Organisations with these stream indexes; call with consecutive ranges from 0."""
        for i in indexes:
            self._one(i)

    def _one(self, i: int) -> None:
        rng = rand.rng_for("org", i)
        if i < len(self.first_round):
            code = self.first_round[i]
            scope, parent, profile = v.LOCAL, None, rules().profiles[WELFARE_PROFILE]
            name = names.fill(rand.choose(rng, names.WELFARE_TEMPLATES), rng, self.place[code])
        else:
            code = rand.choose(rng, self.codes)
            scope, name, parent, profile = self._shape(rng, code)
        kind = profile.kind
        name = self._unique(name, rng)
        org = Organisation(
            id=f"org-{i + 1:06d}",
            name=name,
            kind=kind,
            scope=scope,
            base=code,
            description=(profile.description or DESCRIPTIONS[kind]).format(p=self.place[code]),
            demo=True,
            website=f"https://www.{slugify(name)}.example" if rng.random() < 0.7 else None,
            branch_of=parent,
        )
        if scope == v.REGIONAL:
            org.active_in = [code, *self.neighbours.nearest(code, rand.between(rng, 3, 7), 40.0)]
        elif parent is not None:
            org.active_in = [code, *self.neighbours.nearest(code, rand.between(rng, 0, 2), 20.0)]
        tag(org, rng, profile)
        self._partners(org, rng)  # before add(): never partner with itself
        self.index.add(org, stream_index=i)
        self._memberships(org, rng, welfare_first=i < len(self.first_round))

    def _shape(self, rng: random.Random, code: str) -> tuple[str, str, str | None, Profile]:
        """Scope, name, parent (of a branch) and profile of a generated organisation."""
        roll = rng.random()
        if roll < 0.08 and self.index.branch_parents:
            parent_id, stem = rand.choose(rng, self.index.branch_parents)
            if (parent_id, code) not in self.branches_taken:
                self.branches_taken.add((parent_id, code))
                parent = self.index.by_id[parent_id]
                assert parent.profile is not None  # branch parents are demo partners
                name = f"{stem} {self.place[code]}"
                return v.LOCAL, name, parent_id, rules().profiles[parent.profile]
        # A branch that exists already becomes a plain local organisation (below), so the
        # share of regional ones stays the same at every scale.
        regional = 0.08 <= roll < 0.20
        kind = (REGIONAL_KINDS if regional else LOCAL_KINDS).draw(rng)
        template, profile = rand.choose(rng, rules().templates(kind, regional))
        scope = v.REGIONAL if regional else v.LOCAL
        return scope, names.fill(template, rng, self.place[code]), None, profile

    def _unique(self, name: str, rng: random.Random) -> str:
        # Duplicate names would confuse people picking from a list; vary them instead.
        seen = self.index.names_seen
        if name not in seen:
            return name
        for district in rng.sample(names.DISTRICTS, len(names.DISTRICTS)):
            if f"{name} {district}" not in seen:
                return f"{name} {district}"
        # Remember where numbering got to: rescanning from 2 is quadratic at scale 100.
        number = self.next_number.get(name, 2)
        while f"{name} {number}" in seen:
            number += 1
        self.next_number[name] = number + 1
        return f"{name} {number}"

    def _open_coalition(self, code: str) -> Coalition | None:
        """The generated coalition covering a municipality. Sourced coalitions keep exactly
        the members their source names: demo organisations never join them."""
        coalition = self.index.coalition_of.get(code)
        return coalition if coalition is not None and coalition.demo else None

    @staticmethod
    def _start(coalition: Coalition) -> date:
        assert coalition.started_on is not None  # generated coalitions always have a start
        return coalition.started_on

    def _memberships(self, org: Organisation, rng: random.Random, welfare_first: bool) -> None:
        assert org.base is not None  # generated organisations always have a home
        coalition = self._open_coalition(org.base)
        if coalition is not None:
            if welfare_first:
                leads = (
                    self.index.lead_kind.get(coalition.id) == WELFARE_LEAD
                    and coalition.covers[0] == org.base
                )
                role = "LEAD" if leads else "CORE"
                self.index.join(
                    org.id,
                    coalition,
                    role,
                    self._since(rng, self._start(coalition), immediate=leads),
                )
            elif rng.random() < JOIN_CHANCE[org.kind]:
                role = "CORE" if rng.random() < 0.25 else "MEMBER"
                self.index.join(org.id, coalition, role, self._since(rng, self._start(coalition)))
        joined = {coalition.id} if coalition is not None else set()
        # Regional organisations and branches sometimes join the coalitions they work in.
        for code in org.active_in:
            other = self._open_coalition(code)
            if other is not None and other.id not in joined and rng.random() < 0.2:
                joined.add(other.id)
                self.index.join(org.id, other, "MEMBER", self._since(rng, self._start(other)))

    @staticmethod
    def _since(rng: random.Random, start: date, immediate: bool = False) -> date:
        if immediate:
            return start
        return rand.random_date(rng, start, min(start + timedelta(days=1000), LATEST))

    def _partners(self, org: Organisation, rng: random.Random) -> None:
        assert org.base is not None  # generated organisations always have a home
        wanted = PARTNER_COUNTS.draw(rng)
        chosen: set[str] = set()
        nearby = self.neighbours.nearest(org.base, 6, 30.0)
        # A few tries per partner, so small pools (scale 1) reach the same density as large.
        for _ in range(wanted * 3):
            if len(chosen) == wanted:
                break
            roll = rng.random()
            pool: list[str] = []
            if roll < 0.08:
                pool = self.index.national_ids
            elif roll < 0.30 and nearby:
                pool = self.index.in_municipality.get(rand.choose(rng, nearby), [])
            if not pool:
                pool = self.index.in_municipality.get(org.base, [])
            if not pool:
                continue
            other = rand.choose(rng, pool)
            if other in chosen:
                continue
            chosen.add(other)
            a, b = sorted((org.id, other))
            since = rand.random_date(rng, date(2012, 1, 1), date(2024, 6, 30))
            self.index.net.partnerships.append(Partnership(a, b, since))
