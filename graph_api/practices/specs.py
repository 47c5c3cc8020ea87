"""The practices' Cypher: how practice fields are read from the graph."""

from __future__ import annotations

from graph_api.graphql.specs import Link, Prop, Sort, register

PRACTICE_SORTS = {
    "NEWEST": Sort(("coalesce(toString({m}.publishedAt), '')", "{m}.id"), (True, True)),
    "TITLE": Sort(("{m}.title", "{m}.id"), (False, False)),
}

register(
    "Person",
    {
        "id": Prop("'Person:' + {n}.id"),
        "name": Prop("{n}.name"),
        "role": Prop("{n}.role"),
    },
)

register(
    "Practice",
    {
        "id": Prop("'Practice:' + {n}.id"),
        "slug": Prop("{n}.slug"),
        "title": Prop("{n}.title"),
        "summary": Prop("{n}.summary"),
        "body": Prop("{n}.body"),
        "bodyHtml": Prop("{n}.body"),
        "links": Prop("coalesce({n}.links, [])"),
        "status": Prop("{n}.status"),
        "results": Prop("{n}.results"),
        "evidenceLevel": Prop("{n}.evidenceLevel"),
        "costs": Prop("{n}.costs"),
        "createdAt": Prop("toString({n}.createdAt)"),
        "updatedAt": Prop("toString({n}.updatedAt)"),
        "publishedAt": Prop("toString({n}.publishedAt)"),
        "revision": Prop("{n}.revision"),
        "isDemo": Prop("coalesce({n}.demo, false)"),
        "organisation": Link("({n})-[:BY]->({m}:Organisation)", "Organisation"),
        "themes": Link("({n})-[:ADDRESSES]->({m}:Theme)", "Theme", many=True, order="{m}.name"),
        "targetGroups": Link(
            "({n})-[:TARGETS]->({m}:TargetGroup)", "TargetGroup", many=True, order="{m}.name"
        ),
        "municipalities": Link(
            "({n})-[:APPLIED_IN]->({m}:Municipality)", "Municipality", many=True, order="{m}.name"
        ),
        "actionLines": Link(
            "({n})-[:SUPPORTS]->({m}:ActionLine)", "ActionLine", many=True, order="{m}.number"
        ),
        "revisions": Link(
            "({n})<-[:REVISION_OF]-({m}:Revision)",
            "PracticeRevision",
            many=True,
            order="{m}.number DESC",
        ),
        "reviewComments": Link(
            "({n})<-[:ABOUT]-({m}:ReviewComment)",
            "ReviewComment",
            many=True,
            order="{m}.at, {m}.id",
        ),
        "authors": Link(
            "({n})<-[{r}:AUTHORED]-({m}:Person)", "Person", many=True, order="{r}.at, {m}.id"
        ),
    },
)

register(
    "PracticeRevision",
    {
        "number": Prop("{n}.number"),
        "at": Prop("toString({n}.at)"),
        "by": Prop("{n}.by"),
        "role": Prop("{n}.role"),
        "action": Prop("{n}.action"),
        "status": Prop("{n}.status"),
        "changedFields": Prop("{n}.changedFields"),
        "changes": Prop("{n}.changes"),
    },
)

register(
    "ReviewComment",
    {
        "body": Prop("{n}.body"),
        "at": Prop("toString({n}.at)"),
        "author": Link("({n})-[:WRITTEN_BY]->({m}:Person)", "Person"),
        "role": Prop("{n}.role"),
        "status": Prop("{n}.status"),
        "revision": Prop("{n}.revision"),
    },
)
