"""Labels for people: every enum a frontend shows, in Dutch and in English.

The API keeps one place for them: the `labels` root field returns, per enum, its values in
declaration order with their label in the request's language, so a frontend loads them
once (they change only with a release) instead of hard-coding them. Python code that
writes text (suggestion reasons, path steps) reads the same tables through `label()`.
Enums that only programs read (error codes, which engine answered, path directions) have
no labels; `tests/test_labels.py` fails on an enum that is in neither group.
"""

from __future__ import annotations

from enum import Enum
from typing import Generic, TypeVar

import strawberry
from strawberry.types import Info

from graph_api.activities.search import ActivitySearchSort
from graph_api.activities.types import ActivitySort, ActivityStatus
from graph_api.auth.viewer import Role
from graph_api.locale import Locale
from graph_api.network.enums import (
    CoalitionKind,
    CoalitionSort,
    MemberRole,
    MemberSort,
    MunicipalitySort,
    OrganisationKind,
    OrganisationSort,
    Participation,
    Scope,
)
from graph_api.partners.types import PathRelationship
from graph_api.practices.enums import PracticeAction
from graph_api.practices.types import EvidenceLevel, PracticeSort, PracticeStatus
from graph_api.search.types import (
    OrganisationFacet,
    OrganisationSearchSort,
    PracticeFacet,
    SearchSort,
)

# (Dutch, English) per value. Dutch follows the programme's own words (kartrekker) and,
# for evidence levels, the names of Movisie's Databank Effectieve sociale interventies.
LABELS: dict[type[Enum], dict[Enum, tuple[str, str]]] = {
    OrganisationKind: {
        OrganisationKind.COMPANY: ("Bedrijf", "Company"),
        OrganisationKind.CIVIL_SOCIETY: ("Maatschappelijke organisatie", "Civil society"),
        OrganisationKind.CARE_AND_WELFARE: ("Zorg en welzijn", "Care and welfare"),
        OrganisationKind.KNOWLEDGE_INSTITUTE: ("Kennisinstituut", "Knowledge institute"),
        OrganisationKind.CULTURAL: ("Cultuur", "Culture"),
        OrganisationKind.RELIGIOUS: ("Kerk en levensbeschouwing", "Church and faith"),
        OrganisationKind.MEDIA: ("Media", "Media"),
        OrganisationKind.GOVERNMENT: ("Overheid", "Government"),
        OrganisationKind.HOUSING: ("Wonen", "Housing"),
        OrganisationKind.EDUCATION: ("Onderwijs", "Education"),
        OrganisationKind.CITIZEN_INITIATIVE: ("Burgerinitiatief", "Citizens' initiative"),
        OrganisationKind.SPORTS: ("Sport", "Sports"),
        OrganisationKind.FUND: ("Fonds", "Fund"),
    },
    Scope: {
        Scope.NATIONAL: ("Landelijk", "National"),
        Scope.REGIONAL: ("Regionaal", "Regional"),
        Scope.LOCAL: ("Lokaal", "Local"),
    },
    CoalitionKind: {
        CoalitionKind.NATIONAL: ("Nationale coalitie", "National coalition"),
        CoalitionKind.LOCAL: ("Lokale coalitie", "Local coalition"),
        CoalitionKind.PREDECESSOR: ("Voorganger", "Predecessor"),
    },
    MemberRole: {
        MemberRole.LEAD: ("Kartrekker", "Lead (kartrekker)"),
        MemberRole.CORE: ("Kernpartner", "Core partner"),
        MemberRole.MEMBER: ("Lid", "Member"),
    },
    Participation: {
        Participation.JOINED: ("Aangesloten", "Joined"),
        Participation.ANNOUNCED: ("Aansluiting aangekondigd", "Joining announced"),
        Participation.COALITION_ONLY: (
            "Lokale coalitie, aansluiting onbekend",
            "Local coalition, joining unknown",
        ),
        Participation.NOT_JOINED: ("Niet aangesloten", "Not joined"),
    },
    PracticeStatus: {
        PracticeStatus.DRAFT: ("Concept", "Draft"),
        PracticeStatus.IN_REVIEW: ("Ter beoordeling", "In review"),
        PracticeStatus.PUBLISHED: ("Gepubliceerd", "Published"),
        PracticeStatus.ARCHIVED: ("Gearchiveerd", "Archived"),
    },
    EvidenceLevel: {
        EvidenceLevel.DESCRIBED: ("Goed beschreven", "Well described"),
        EvidenceLevel.THEORETICALLY_SOUND: ("Goed onderbouwd", "Theoretically sound"),
        EvidenceLevel.FIRST_INDICATIONS: (
            "Eerste aanwijzingen voor effectiviteit",
            "First indications of effectiveness",
        ),
        EvidenceLevel.GOOD_INDICATIONS: (
            "Goede aanwijzingen voor effectiviteit",
            "Good indications of effectiveness",
        ),
        EvidenceLevel.STRONG_INDICATIONS: (
            "Sterke aanwijzingen voor effectiviteit",
            "Strong indications of effectiveness",
        ),
    },
    PracticeAction: {
        PracticeAction.CREATE: ("Aangemaakt", "Created"),
        PracticeAction.UPDATE: ("Bewerkt", "Edited"),
        PracticeAction.SUBMIT: ("Ingediend ter beoordeling", "Submitted for review"),
        PracticeAction.PUBLISH: ("Gepubliceerd", "Published"),
        PracticeAction.REQUEST_CHANGES: ("Wijzigingen gevraagd", "Changes requested"),
        PracticeAction.UNPUBLISH: ("Teruggezet naar concept", "Unpublished"),
        PracticeAction.ARCHIVE: ("Gearchiveerd", "Archived"),
        PracticeAction.RESTORE: ("Teruggehaald uit het archief", "Restored"),
    },
    Role: {
        Role.PUBLIC: ("Bezoeker", "Visitor"),
        Role.PARTNER: ("Partner", "Partner"),
        Role.STAFF: ("Medewerker", "Staff"),
        Role.ADMIN: ("Beheerder", "Administrator"),
    },
    PathRelationship: {
        PathRelationship.MEMBER_OF: ("Lid van", "Member of"),
        PathRelationship.PARTNERS_WITH: ("Partner van", "Partner of"),
        PathRelationship.BRANCH_OF: ("Afdeling van", "Branch of"),
    },
    OrganisationSort: {OrganisationSort.NAME: ("Naam", "Name")},
    CoalitionSort: {
        CoalitionSort.NAME: ("Naam", "Name"),
        CoalitionSort.STARTED_ON: ("Startdatum", "Start date"),
        CoalitionSort.MEMBER_COUNT: ("Aantal leden", "Number of members"),
    },
    MemberSort: {
        MemberSort.NAME: ("Naam", "Name"),
        MemberSort.JOINED: ("Lid sinds", "Member since"),
    },
    MunicipalitySort: {
        MunicipalitySort.NAME: ("Naam", "Name"),
        MunicipalitySort.CODE: ("CBS-code", "CBS code"),
        MunicipalitySort.JOINED_ON: ("Aangesloten sinds", "Joined since"),
    },
    PracticeSort: {
        PracticeSort.NEWEST: ("Nieuwste eerst", "Newest first"),
        PracticeSort.TITLE: ("Titel", "Title"),
    },
    SearchSort: {
        SearchSort.RELEVANCE: ("Relevantie", "Relevance"),
        SearchSort.NEWEST: ("Nieuwste eerst", "Newest first"),
        SearchSort.DISTANCE: ("Afstand", "Distance"),
    },
    OrganisationSearchSort: {
        OrganisationSearchSort.RELEVANCE: ("Relevantie", "Relevance"),
        OrganisationSearchSort.NAME: ("Naam", "Name"),
        OrganisationSearchSort.DISTANCE: ("Afstand", "Distance"),
    },
    PracticeFacet: {
        PracticeFacet.THEME: ("Thema", "Theme"),
        PracticeFacet.TARGET_GROUP: ("Doelgroep", "Target group"),
        PracticeFacet.PROVINCE: ("Provincie", "Province"),
        PracticeFacet.MUNICIPALITY: ("Gemeente", "Municipality"),
        PracticeFacet.ACTION_LINE: ("Actielijn", "Action line"),
        PracticeFacet.ORGANISATION_KIND: ("Soort organisatie", "Kind of organisation"),
        PracticeFacet.EVIDENCE_LEVEL: ("Bewijskracht", "Evidence"),
    },
    OrganisationFacet: {
        OrganisationFacet.THEME: ("Thema", "Theme"),
        OrganisationFacet.TARGET_GROUP: ("Doelgroep", "Target group"),
        OrganisationFacet.PROVINCE: ("Provincie", "Province"),
        OrganisationFacet.MUNICIPALITY: ("Gemeente", "Municipality"),
        OrganisationFacet.KIND: ("Soort organisatie", "Kind of organisation"),
        OrganisationFacet.SCOPE: ("Werkgebied", "Scope"),
    },
    ActivityStatus: {
        ActivityStatus.PLANNED: ("Gepland", "Planned"),
        ActivityStatus.CANCELLED: ("Afgelast", "Cancelled"),
    },
    ActivitySort: {ActivitySort.START: ("Eerstvolgende eerst", "Soonest first")},
    ActivitySearchSort: {
        ActivitySearchSort.RELEVANCE: ("Best passend", "Best match"),
        ActivitySearchSort.START: ("Eerstvolgende eerst", "Soonest first"),
    },
}

_INDEX = {Locale.NL: 0, Locale.EN: 1}


def label(value: Enum, locale: Locale) -> str:
    """The label of one enum value in one language."""
    return LABELS[type(value)][value][_INDEX[locale]]


E = TypeVar("E", bound=Enum)


@strawberry.type(description="One value of an enum with its label.")
class EnumLabel(Generic[E]):
    value: E
    label: str = strawberry.field(description="In the requested language.")


def _of(enum: type[E], locale: Locale) -> list[EnumLabel[E]]:
    # Declaration order: it is the natural order of the ordered ones (evidence levels).
    return [EnumLabel(value=v, label=label(v, locale)) for v in enum]


@strawberry.type(description="The labels of the enums a frontend shows, per enum, in order.")
class Labels:
    locale: Locale

    @strawberry.field
    def organisation_kinds(self) -> list[EnumLabel[OrganisationKind]]:
        return _of(OrganisationKind, self.locale)

    @strawberry.field
    def scopes(self) -> list[EnumLabel[Scope]]:
        return _of(Scope, self.locale)

    @strawberry.field
    def coalition_kinds(self) -> list[EnumLabel[CoalitionKind]]:
        return _of(CoalitionKind, self.locale)

    @strawberry.field(description="LEAD is the kartrekker.")
    def member_roles(self) -> list[EnumLabel[MemberRole]]:
        return _of(MemberRole, self.locale)

    @strawberry.field
    def participations(self) -> list[EnumLabel[Participation]]:
        return _of(Participation, self.locale)

    @strawberry.field
    def practice_statuses(self) -> list[EnumLabel[PracticeStatus]]:
        return _of(PracticeStatus, self.locale)

    @strawberry.field(description="From least to most evidence.")
    def evidence_levels(self) -> list[EnumLabel[EvidenceLevel]]:
        return _of(EvidenceLevel, self.locale)

    @strawberry.field
    def practice_actions(self) -> list[EnumLabel[PracticeAction]]:
        return _of(PracticeAction, self.locale)

    @strawberry.field
    def roles(self) -> list[EnumLabel[Role]]:
        return _of(Role, self.locale)

    @strawberry.field
    def path_relationships(self) -> list[EnumLabel[PathRelationship]]:
        return _of(PathRelationship, self.locale)

    @strawberry.field
    def organisation_sorts(self) -> list[EnumLabel[OrganisationSort]]:
        return _of(OrganisationSort, self.locale)

    @strawberry.field
    def coalition_sorts(self) -> list[EnumLabel[CoalitionSort]]:
        return _of(CoalitionSort, self.locale)

    @strawberry.field
    def member_sorts(self) -> list[EnumLabel[MemberSort]]:
        return _of(MemberSort, self.locale)

    @strawberry.field
    def municipality_sorts(self) -> list[EnumLabel[MunicipalitySort]]:
        return _of(MunicipalitySort, self.locale)

    @strawberry.field
    def practice_sorts(self) -> list[EnumLabel[PracticeSort]]:
        return _of(PracticeSort, self.locale)

    @strawberry.field
    def search_sorts(self) -> list[EnumLabel[SearchSort]]:
        return _of(SearchSort, self.locale)

    @strawberry.field
    def organisation_search_sorts(self) -> list[EnumLabel[OrganisationSearchSort]]:
        return _of(OrganisationSearchSort, self.locale)

    @strawberry.field(description="Headings of the practice search's facets.")
    def practice_facets(self) -> list[EnumLabel[PracticeFacet]]:
        return _of(PracticeFacet, self.locale)

    @strawberry.field(description="Headings of the organisation search's facets.")
    def organisation_facets(self) -> list[EnumLabel[OrganisationFacet]]:
        return _of(OrganisationFacet, self.locale)

    @strawberry.field(description="Whether an activity goes ahead.")
    def activity_statuses(self) -> list[EnumLabel[ActivityStatus]]:
        return _of(ActivityStatus, self.locale)

    @strawberry.field(description="Orders of activity lists.")
    def activity_sorts(self) -> list[EnumLabel[ActivitySort]]:
        return _of(ActivitySort, self.locale)

    @strawberry.field(description="Orders of activity search results.")
    def activity_search_sorts(self) -> list[EnumLabel[ActivitySearchSort]]:
        return _of(ActivitySearchSort, self.locale)


@strawberry.type
class LabelQuery:
    @strawberry.field(
        description="Labels for the enums a frontend shows, in Dutch or (with `locale: EN` or "
        "`Accept-Language: en`) English; static, read without the database. An "
        "Accept-Language naming no language the API speaks is an INVALID_ARGUMENT error."
    )
    def labels(self, info: Info, locale: Locale | None = None) -> Labels:
        return Labels(locale=info.context.locale(locale))
