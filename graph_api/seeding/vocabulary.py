"""Fixed vocabularies: themes, target groups, action lines and organisation kinds."""

from __future__ import annotations

from typing import Final

# slug -> Dutch name; the slugs are part of the API contract.
THEMES: Final[dict[str, str]] = {
    "gezondheid": "Gezondheid",
    "armoede": "Armoede en geldzorgen",
    "participatie": "Participatie",
    "leefomgeving": "Leefomgeving",
    "sociale-cohesie": "Sociale cohesie",
    "veiligheid": "Veiligheid",
    "discriminatie": "Discriminatie en uitsluiting",
    "rouw-en-verlies": "Rouw en verlies",
    "mantelzorg": "Mantelzorg",
    "digitale-inclusie": "Digitale inclusie",
    "wonen": "Wonen",
    "zingeving": "Zingeving",
}

TARGET_GROUPS: Final[dict[str, str]] = {
    "jongeren-12-25": "Jongeren (12-25 jaar)",
    "studenten": "Studenten",
    "75-plussers": "75-plussers",
    "mantelzorgers": "Mantelzorgers",
    "nieuwkomers": "Nieuwkomers",
    "mensen-met-een-beperking": "Mensen met een beperking",
    "nabestaanden": "Nabestaanden",
    "alleenstaande-ouders": "Alleenstaande ouders",
    "werkenden": "Werkenden",
}

# number -> (name, description); the three lines of the programme.
ACTION_LINES: Final[dict[int, tuple[str, str]]] = {
    1: (
        "Bewustwording",
        "Signalen van eenzaamheid herkennen en het taboe doorbreken: de publiekscampagne "
        "en de jaarlijkse Week tegen Eenzaamheid.",
    ),
    2: (
        "Maatschappelijk initiatief",
        "De Nationale Coalitie tegen eenzaamheid en haar lokale tegenhangers: kennis, "
        "netwerk en financiële impulsen voor initiatieven.",
    ),
    3: (
        "Lokale aanpak in elke gemeente",
        "Gemeenten sluiten aan op vijf pijlers: bestuurlijk commitment, een sterk netwerk, "
        "eenzame mensen zelf betrekken, een duurzame aanpak en monitoring.",
    ),
}

COMPANY: Final = "COMPANY"
CIVIL_SOCIETY: Final = "CIVIL_SOCIETY"
CARE_AND_WELFARE: Final = "CARE_AND_WELFARE"
KNOWLEDGE_INSTITUTE: Final = "KNOWLEDGE_INSTITUTE"
CULTURAL: Final = "CULTURAL"
RELIGIOUS: Final = "RELIGIOUS"
MEDIA: Final = "MEDIA"
GOVERNMENT: Final = "GOVERNMENT"
HOUSING: Final = "HOUSING"
EDUCATION: Final = "EDUCATION"
CITIZEN_INITIATIVE: Final = "CITIZEN_INITIATIVE"
SPORTS: Final = "SPORTS"
FUND: Final = "FUND"

ORGANISATION_KINDS: Final[tuple[str, ...]] = (
    COMPANY,
    CIVIL_SOCIETY,
    CARE_AND_WELFARE,
    KNOWLEDGE_INSTITUTE,
    CULTURAL,
    RELIGIOUS,
    MEDIA,
    GOVERNMENT,
    HOUSING,
    EDUCATION,
    CITIZEN_INITIATIVE,
    SPORTS,
    FUND,
)

NATIONAL: Final = "NATIONAL"
REGIONAL: Final = "REGIONAL"
LOCAL: Final = "LOCAL"

# org_type values in nationale-coalitie-partners-evidence.csv -> kind.
ORG_TYPE_KINDS: Final[dict[str, str]] = {
    "company": COMPANY,
    "civil_society": CIVIL_SOCIETY,
    "care_and_welfare": CARE_AND_WELFARE,
    "care": CARE_AND_WELFARE,
    "welfare": CARE_AND_WELFARE,
    "knowledge_institute": KNOWLEDGE_INSTITUTE,
    "cultural_institution": CULTURAL,
    "cultural": CULTURAL,
    "religious": RELIGIOUS,
    "media": MEDIA,
    "government": GOVERNMENT,
    "municipality": GOVERNMENT,
    "housing": HOUSING,
    "education": EDUCATION,
    "citizen_initiative": CITIZEN_INITIATIVE,
    "sports": SPORTS,
    "fund": FUND,
}


def kind_for_org_type(org_type: str) -> str:
    # An unknown type is not worth failing the seed for; civil society is the broadest kind.
    return ORG_TYPE_KINDS.get(org_type.strip().lower(), CIVIL_SOCIETY)
