"""Demo contact data: general e-mail, phone and visiting address of demo organisations,
contact persons of demo organisations and coalitions, and the contact of each demo practice.

Everything here is fictional and can reach no one: e-mail addresses end in `.example`
(reserved by RFC 2606), phone numbers are +31 6 9999 xxxx (the Dutch numbering plan gives
061-065 and 068 to mobile numbers; 069 is unassigned), and postcodes end in SA, SD or SS,
letter pairs PostNL never uses. Only demo records get any; a sourced record keeps what its
source says. Each value is drawn from its own stream keyed by the record's id, so it does not
shift when other data is added.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from typing import Final

from graph_api.seeding import names, rand
from graph_api.seeding.model import Coalition, Organisation, Person, Practice
from graph_api.seeding.rows import Row
from graph_api.seeding.text import slugify

DEMO_PHONE_PREFIX: Final = "+3169999"
UNUSED_POSTCODE_LETTERS: Final = ("SA", "SD", "SS")
STREETS: Final = (
    "Kerkstraat", "Dorpsstraat", "Stationsweg", "Schoolstraat", "Molenweg", "Marktplein",
    "Julianastraat", "Wilhelminastraat", "Beatrixlaan", "Nieuwstraat", "Raadhuisplein",
    "Emmastraat", "Parkweg", "Kastanjelaan", "Lindelaan", "Voorstraat",
)  # fmt: skip


def phone(rng: random.Random) -> str:
    return f"{DEMO_PHONE_PREFIX}{rand.below(rng, 10_000):04d}"


def _domain(key: str, website: str | None = None) -> str:
    """The demo website's domain (always `.example`), or one made from the record's id."""
    if website and website.endswith(".example"):
        return website.split("://", 1)[-1].removeprefix("www.")
    return f"{key[:50]}.example"


def organisation(o: Organisation, place: str) -> dict[str, str]:
    """Public contact properties of a demo organisation (none for a sourced one)."""
    if not o.demo:
        return {}
    rng = rand.rng_for("organisation-contact", o.id)
    return {
        "email": f"info@{_domain(o.id, o.website)}",
        "phone": phone(rng),
        "addressStreet": f"{rand.choose(rng, STREETS)} {rand.between(rng, 1, 180)}",
        "addressPostcode": (
            f"{rand.between(rng, 1000, 9999)} {rand.choose(rng, UNUSED_POSTCODE_LETTERS)}"
        ),
        "addressPlace": place,
    }


def _person(rng: random.Random, person_id: str, domain: str, function: str) -> Row:
    name = names.person_name(rng)
    return {
        "id": person_id,
        "props": {
            "name": name,
            "function": function,
            "email": f"{slugify(name).replace('-', '.')}@{domain}",
            "phone": phone(rng),
            "demo": True,
        },
    }


def person_details(p: Person) -> dict[str, str]:
    """E-mail and phone of a generated author (they are contacts of practices)."""
    rng = rand.rng_for("person-contact", p.id)
    return {
        "email": f"{slugify(p.name).replace('-', '.')}@{_domain(p.works_for)}",
        "phone": phone(rng),
    }


def organisation_people(orgs: Iterable[Organisation]) -> list[Row]:
    """One or two contact persons per demo organisation, working for it."""
    rows: list[Row] = []
    for o in orgs:
        if not o.demo:
            continue
        rng = rand.rng_for("organisation-people", o.id)
        roles = names.PERSON_ROLES.get(o.kind, names.DEFAULT_ROLES)
        for k in range(1 if rng.random() < 0.6 else 2):
            domain = _domain(o.id, o.website)
            row = _person(rng, f"contact-{o.id}-{k + 1}", domain, rand.choose(rng, roles))
            rows.append({**row, "org": o.id})
    return rows


def coalition_people(coalitions: Iterable[Coalition]) -> list[Row]:
    """A contact person (the coalition's coördinator) per demo coalition."""
    rows: list[Row] = []
    for c in coalitions:
        if not c.demo:
            continue
        rng = rand.rng_for("coalition-contact", c.id)
        row = _person(rng, f"contact-{c.id}", _domain(c.id), "coördinator lokale coalitie")
        rows.append({**row, "coalition": c.id})
    return rows


def coalition_website(c: Coalition) -> dict[str, str]:
    return {"website": f"https://www.{_domain(c.id)}"} if c.demo else {}


def practice_contacts(practices: Iterable[Practice]) -> list[Row]:
    """The first author of a generated practice is whom to ask about it."""
    return [{"person": p.authors[0][0], "practice": p.id} for p in practices if p.authors]
