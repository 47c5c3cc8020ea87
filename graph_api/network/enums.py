"""Enumerations of the network; their values are the strings stored in the graph."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="What kind of organisation this is.")
class OrganisationKind(Enum):
    COMPANY = "COMPANY"
    CIVIL_SOCIETY = "CIVIL_SOCIETY"
    CARE_AND_WELFARE = "CARE_AND_WELFARE"
    KNOWLEDGE_INSTITUTE = "KNOWLEDGE_INSTITUTE"
    CULTURAL = "CULTURAL"
    RELIGIOUS = "RELIGIOUS"
    MEDIA = "MEDIA"
    GOVERNMENT = "GOVERNMENT"
    HOUSING = "HOUSING"
    EDUCATION = "EDUCATION"
    CITIZEN_INITIATIVE = "CITIZEN_INITIATIVE"
    SPORTS = "SPORTS"
    FUND = "FUND"


@strawberry.enum(description="How far an organisation's work reaches.")
class Scope(Enum):
    NATIONAL = "NATIONAL"
    REGIONAL = "REGIONAL"
    LOCAL = "LOCAL"


@strawberry.enum(description="The national coalition, or a local one in a municipality.")
class CoalitionKind(Enum):
    NATIONAL = "NATIONAL"
    LOCAL = "LOCAL"
    PREDECESSOR = strawberry.enum_value(
        "PREDECESSOR", description="An ended national coalition the current one succeeded."
    )


@strawberry.enum(description="An organisation's role in a coalition; LEAD is the kartrekker.")
class MemberRole(Enum):
    LEAD = "LEAD"
    CORE = "CORE"
    MEMBER = "MEMBER"


@strawberry.enum(description="Whether a municipality joined the programme, as far as known.")
class Participation(Enum):
    JOINED = "JOINED"
    ANNOUNCED = strawberry.enum_value(
        "ANNOUNCED", description="Its source only announces the joining."
    )
    COALITION_ONLY = strawberry.enum_value(
        "COALITION_ONLY",
        description="A local coalition is documented; its sources do not say it joined.",
    )
    NOT_JOINED = "NOT_JOINED"


@strawberry.enum(description="Orders of organisation lists.")
class OrganisationSort(Enum):
    NAME = "NAME"


@strawberry.enum(description="Orders of coalition lists.")
class CoalitionSort(Enum):
    NAME = "NAME"
    STARTED_ON = strawberry.enum_value("STARTED_ON", description="Oldest first; unknown last.")
    MEMBER_COUNT = strawberry.enum_value("MEMBER_COUNT", description="Largest first.")


@strawberry.enum(description="Orders of coalition member lists.")
class MemberSort(Enum):
    NAME = "NAME"
    JOINED = strawberry.enum_value("JOINED", description="Earliest member first.")


@strawberry.enum(description="Orders of municipality lists.")
class MunicipalitySort(Enum):
    NAME = "NAME"
    CODE = "CODE"
    JOINED_ON = strawberry.enum_value("JOINED_ON", description="Earliest first; not joined last.")
