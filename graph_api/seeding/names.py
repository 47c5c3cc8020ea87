"""Name material for generated (demo) organisations and people: plausible, Dutch, invented.

The name templates per sort of organisation live in demo_profiles.toml, with what fits it.
"""

from __future__ import annotations

import random
from typing import Final, NamedTuple

from graph_api.seeding import rand
from graph_api.seeding import vocabulary as v

# CBS names that read oddly inside an organisation name.
DISPLAY_NAMES: Final[dict[str, str]] = {"'s-Gravenhage": "Den Haag"}


def display_name(municipality_name: str) -> str:
    return DISPLAY_NAMES.get(municipality_name, municipality_name)


class NationalPartnerSpec(NamedTuple):
    name: str
    branch_name: str | None  # name stem of local branches; None = no branches
    kind: str
    city: str  # CBS municipality name of the head office


# Invented national partners (demo): names chosen not to match real organisations.
# fmt: off
GENERATED_NATIONAL_PARTNERS: Final[tuple[NationalPartnerSpec, ...]] = (
    NationalPartnerSpec(
        "Stichting Samen Sterker Nederland", "Samen Sterker", v.CIVIL_SOCIETY, "Utrecht",
    ),
    NationalPartnerSpec(
        "Landelijk Netwerk Buurtkamers", "Buurtkamer", v.CITIZEN_INITIATIVE, "Amersfoort",
    ),
    NationalPartnerSpec(
        "Vereniging Ouder en Wijzer", "Ouder en Wijzer", v.CIVIL_SOCIETY, "Utrecht",
    ),
    NationalPartnerSpec(
        "Stichting Maatjes Dichtbij", "Maatjes Dichtbij", v.CARE_AND_WELFARE, "'s-Gravenhage",
    ),
    NationalPartnerSpec("Fonds Verbinding en Nabijheid", None, v.FUND, "Amsterdam"),
    NationalPartnerSpec(
        "Stichting Praatpaal Nederland", "Praatpaal", v.CARE_AND_WELFARE, "'s-Gravenhage",
    ),
    NationalPartnerSpec("Omroep Verbonden", None, v.MEDIA, "Hilversum"),
    NationalPartnerSpec(
        "Kenniscentrum Ontmoeting en Nabijheid", None, v.KNOWLEDGE_INSTITUTE, "Utrecht",
    ),
    NationalPartnerSpec("Wandelbond Samen op Pad", "Samen op Pad", v.SPORTS, "Amersfoort"),
    NationalPartnerSpec(
        "Landelijk Platform Kerk en Buurt", "Kerk en Buurt", v.RELIGIOUS, "Utrecht",
    ),
    NationalPartnerSpec(
        "Stichting Digitaal Dichtbij", "Digitaal Dichtbij", v.CIVIL_SOCIETY, "Amsterdam",
    ),
    NationalPartnerSpec("Vereniging Woonkracht Nederland", None, v.HOUSING, "'s-Gravenhage"),
    NationalPartnerSpec("Buurtwinkel & Co", "Buurtwinkel & Co", v.COMPANY, "Zaanstad"),
    NationalPartnerSpec("Bouwgroep Van Dalen", None, v.COMPANY, "Rotterdam"),
    NationalPartnerSpec("Verzekeraar Zorgzaam", None, v.COMPANY, "Zwolle"),
    NationalPartnerSpec(
        "Stichting Mantelzorg Samen", "Mantelzorg Samen", v.CARE_AND_WELFARE, "Utrecht",
    ),
    NationalPartnerSpec("Bond voor Muziek en Ontmoeting", None, v.CULTURAL, "Utrecht"),
    NationalPartnerSpec("Stichting Lezen Verbindt", "Lezen Verbindt", v.CULTURAL, "'s-Gravenhage"),
    NationalPartnerSpec("Studentenplatform Niet Alleen", None, v.EDUCATION, "Amsterdam"),
    NationalPartnerSpec("Academie voor Sociaal Werk", None, v.EDUCATION, "Utrecht"),
    NationalPartnerSpec("Stichting Rouwkracht", None, v.CARE_AND_WELFARE, "Utrecht"),
    NationalPartnerSpec("Fonds Eenzaamheid Doorbreken", None, v.FUND, "'s-Gravenhage"),
    NationalPartnerSpec("Stichting Jong Verbonden", "Jong Verbonden", v.CIVIL_SOCIETY, "Rotterdam"),
    NationalPartnerSpec("Platform Nieuwkomers Thuis", None, v.CIVIL_SOCIETY, "Amsterdam"),
    NationalPartnerSpec("Energiebedrijf Groene Buurt", None, v.COMPANY, "Arnhem"),
    NationalPartnerSpec("Telecombedrijf Verbind", None, v.COMPANY, "'s-Gravenhage"),
    NationalPartnerSpec("Coöperatieve Buurtbank", None, v.COMPANY, "Utrecht"),
    NationalPartnerSpec(
        "Stichting Sport Zonder Drempels", "Sport Zonder Drempels", v.SPORTS, "Arnhem",
    ),
    NationalPartnerSpec("Uitgeverij De Goede Buur", None, v.MEDIA, "Amsterdam"),
    NationalPartnerSpec(
        "Kenniscentrum Leefstijl en Ouderen", None, v.KNOWLEDGE_INSTITUTE, "Nijmegen",
    ),
    NationalPartnerSpec(
        "Vereniging Vrijwillige Thuishulp", "Thuishulp", v.CARE_AND_WELFARE, "Zwolle",
    ),
)
# fmt: on

# fmt: off
NOUNS: Final = (
    "De Linde", "De Eik", "Het Anker", "De Brug", "De Horst", "De Schakel", "Het Baken",
    "De Kapstok", "Het Trefpunt", "De Molen", "De Boog", "Het Kompas", "De Wissel",
    "De Zonnewijzer", "De Vlinder", "Het Lichtpunt", "De Wieken", "De Regenboog", "De Hoeksteen",
    "Het Veer", "De Kastanje", "De Meander", "Het Klooster", "De Beuk",
)
# fmt: on
# fmt: off
CONCEPTS: Final = (
    "Samen aan Tafel", "Koffie op de Hoek", "De Buurtkamer", "Samen Wandelen", "Aanschuiftafel",
    "Bankjesproject", "Goedemorgen", "De Huiskamer", "Omzien naar Elkaar", "Buurtmoestuin",
    "Eetpunt", "Klusmaatjes", "Wijkwandeling", "Zingen voor Iedereen", "Open Deur",
    "Soep op de Stoep", "Buren voor Buren", "De Ontmoeting", "Praatje Pot", "Thuis in de Wijk",
)
# fmt: on
# fmt: off
SAINTS: Final = (
    "Maria", "Jozef", "Martinus", "Lambertus", "Petrus", "Willibrordus", "Antonius", "Franciscus",
    "Nicolaas", "Johannes de Doper",
)
# fmt: on
DISTRICTS: Final = ("Noord", "Zuid", "Oost", "West", "Centrum", "Binnenstad")
# fmt: off
SURNAMES: Final = (
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser",
    "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks",
    "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer",
    "van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen", "van den Heuvel", "van der Veen",
    "van den Broek", "de Bruijn", "de Bruin", "van der Heijden", "Schouten", "van Beek", "Willems",
    "van Vliet", "van de Ven", "Hoekstra", "Maas", "Verhoeven", "Koster", "van Dam", "van der Wal",
    "Prins", "Blom", "Huisman", "Yılmaz", "El Amrani", "Bouzid", "Kaya", "Pinas", "Tjon", "Nguyen",
    "Wijaya",
)
# fmt: on
# fmt: off
FIRST_NAMES: Final = (
    "Anouk", "Sanne", "Lotte", "Eva", "Fleur", "Marieke", "Inge", "Ilse", "Femke", "Noor",
    "Esther", "Marloes", "Linda", "Annemarie", "Yvonne", "Petra", "Saskia", "Fatima", "Samira",
    "Ayse", "Priya", "Mei", "Daan", "Sem", "Lucas", "Thijs", "Bram", "Jeroen", "Martijn", "Bas",
    "Ruud", "Erik", "Pieter", "Johan", "Wouter", "Koen", "Niels", "Mohamed", "Youssef", "Emre",
    "Rachid", "Dewi", "Joost", "Hans", "Gerrit", "Wilma", "Ria", "Tineke",
)
# fmt: on
# fmt: off
PERSON_ROLES: Final[dict[str, tuple[str, ...]]] = {
    v.GOVERNMENT: (
        "beleidsadviseur", "beleidsmedewerker sociaal domein", "programmamanager eenzaamheid",
        "wijkregisseur",
    ),
    v.CARE_AND_WELFARE: (
        "opbouwwerker", "coördinator vrijwilligers", "ouderenadviseur", "sociaal werker",
        "teamleider welzijn", "kwartiermaker",
    ),
    v.KNOWLEDGE_INSTITUTE: ("onderzoeker", "adviseur", "projectleider"),
}
# fmt: on
# fmt: off
DEFAULT_ROLES: Final = (
    "projectleider", "coördinator", "communicatieadviseur", "vrijwilligerscoördinator",
    "bestuurslid", "netwerkcoördinator",
)
# fmt: on

# The organisation every municipality gets first, so each local coalition has one.
# fmt: off
WELFARE_TEMPLATES: Final = (
    "Welzijn {p}", "Stichting Welzijn {p}", "Welzijnswerk {p}", "Sociaal Werk {p}",
    "Welzijnsorganisatie {p}", "Stichting Samen {p}",
)
# fmt: on


def fill(template: str, rng: random.Random, place: str) -> str:
    # Only draw what the template uses, so adding a pool never shifts other names.
    values = {"p": place}
    for key, pool in (("n", NOUNS), ("c", CONCEPTS), ("s", SAINTS), ("d", DISTRICTS)):
        if "{" + key + "}" in template:
            values[key] = rand.choose(rng, pool)
    if "{f}" in template:
        surname = rand.choose(rng, SURNAMES)
        # Without a first name Dutch capitalises the prefix: "Bakkerij Van den Berg".
        values["f"] = surname[0].upper() + surname[1:]
    return template.format(**values)


def person_name(rng: random.Random) -> str:
    return f"{rand.choose(rng, FIRST_NAMES)} {rand.choose(rng, SURNAMES)}"
