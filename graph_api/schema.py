"""The API's schema: every domain's root fields, merged, on the engine of `graph_api.graphql`."""

from __future__ import annotations

from strawberry.tools import merge_types

from graph_api.activities.mutations import ActivityMutation
from graph_api.activities.queries import ActivityQuery
from graph_api.auth.queries import AuthQuery
from graph_api.contacts.mutations import ContactMutation
from graph_api.graphql.assembly import MappedSchema, build
from graph_api.graphql.node_query import NodeQuery
from graph_api.labels import LabelQuery
from graph_api.network.mutations import NetworkMutation
from graph_api.network.queries import NetworkQuery
from graph_api.partners.queries import PartnerQuery
from graph_api.practices.mutations import PracticeMutation
from graph_api.practices.queries import PracticeQuery
from graph_api.search.queries import SearchQuery
from graph_api.settings import Settings

Query = merge_types(
    "Query",
    (
        NodeQuery,
        AuthQuery,
        NetworkQuery,
        PracticeQuery,
        PartnerQuery,
        SearchQuery,
        LabelQuery,
        ActivityQuery,
    ),
)
Mutation = merge_types(
    "Mutation", (PracticeMutation, NetworkMutation, ActivityMutation, ContactMutation)
)


def build_schema(settings: Settings) -> MappedSchema:
    return build(Query, Mutation, settings)
