"""GraphQL over HTTP (https://graphql.github.io/graphql-over-http/), by hand on Starlette.

Strawberry executes; this module owns the HTTP: methods, media types and status codes,
body limits, authentication, rate limits (reported in `extensions.rateLimit` and the
`RateLimit-*` headers) and metrics. With `application/graphql-response+json`
a request error (parse, validation, variable coercion, unknown or unnamed operation) is a
400 and has no `data`; with `application/json` (older clients) every well-formed GraphQL
request gets a 200. Every error carries `extensions.code`.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Any

import orjson
from graphql import GraphQLError
from starlette.requests import Request
from starlette.responses import Response
from strawberry import Schema
from strawberry.exceptions import MissingQueryError
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError
from strawberry.types.graphql import OperationType

from graph_api import metrics
from graph_api.auth.tokens import TokenError, viewer_from_header
from graph_api.auth.viewer import Role, Viewer
from graph_api.db.driver import Database
from graph_api.graphql.context import Context
from graph_api.graphql.known_queries import KnownQueries
from graph_api.graphql.production import INTERNAL_SERVER_ERROR
from graph_api.http.graphiql import GraphiQL
from graph_api.http.negotiation import GRAPHQL_RESPONSE, JSON, accepted, wants_html
from graph_api.http.organisations import KnownOrganisations
from graph_api.http.ratelimit import Caller, Quota, RateLimiter, work_points
from graph_api.settings import Settings

OPERATION_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,60}$")
MAX_METRIC_OPERATIONS = 200


class HTTPProblem(Exception):
    """A request that is not a well-formed GraphQL-over-HTTP request."""

    def __init__(
        self,
        status: int,
        message: str,
        code: str = "BAD_REQUEST",
        headers: dict[str, str] | None = None,
        extensions: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.message, self.code, self.headers = status, message, code, headers or {}
        self.extensions = extensions  # the response's own `extensions`


@dataclass
class GraphQLRequest:
    query: str | None
    variables: dict[str, Any] | None
    operation_name: str | None
    extensions: dict[str, Any] | None


class GraphQLEndpoint:
    def __init__(self, schema: Schema, settings: Settings) -> None:
        self.schema = schema
        self.settings = settings
        self.db: Database | None = None  # set by the app's lifespan
        self.limiter = RateLimiter(
            settings.rate_limit_per_minute, settings.rate_limit_anonymous_per_minute
        )
        self.organisations = KnownOrganisations()
        self.known = KnownQueries(schema, settings)
        self.graphiql = GraphiQL(settings) if settings.development else None
        self._metric_names: set[str] = set()

    async def handle(self, request: Request) -> Response:
        accept = request.headers.get("accept")
        if (
            request.method == "GET"
            and self.graphiql
            and wants_html(accept)
            and not request.query_params
        ):
            return self.graphiql.page()
        media = accepted(accept)
        started = time.perf_counter()
        operation = "invalid"
        try:
            if request.method not in ("GET", "POST"):
                raise HTTPProblem(
                    405, "Use GET or POST.", "METHOD_NOT_ALLOWED", {"Allow": "GET, POST"}
                )
            if media is None:
                raise HTTPProblem(406, f"Accept {GRAPHQL_RESPONSE} or {JSON}.", "NOT_ACCEPTABLE")
            viewer = await self._viewer(request)
            address = request.client.host if request.client else "unknown"
            caller = self.limiter.caller(viewer.subject, address)
            # Before the body is read: a caller over budget costs next to nothing.
            self._admit(caller)
            payload = await self._read(request)
            if isinstance(payload, list):
                results = [await self._one(request, p, viewer, caller) for p in payload]
                operation = "batch"
                bodies = [r[1] for r in results]
                headers = {**_quota_headers(results[-1][2]), **(_retry_after(*bodies) or {})}
                return _json(bodies, 200, media, headers)
            operation = self._metric_name(payload.get("operationName"))
            status, body, quota = await self._one(request, payload, viewer, caller)
            if media == JSON:
                status = 200 if status == 400 else status  # older clients: 200 for GraphQL errors
            headers = {**_quota_headers(quota), **(_retry_after(body) or {})}
            return _json(body, status, media, headers)
        except HTTPProblem as problem:
            metrics.ERRORS.labels(problem.code).inc()
            refusal: dict[str, Any] = {
                "errors": [{"message": problem.message, "extensions": {"code": problem.code}}]
            }
            if problem.extensions:
                refusal["extensions"] = problem.extensions
            return _json(refusal, problem.status, media or JSON, problem.headers)
        finally:
            metrics.REQUEST_SECONDS.labels(operation).observe(time.perf_counter() - started)

    def _admit(self, caller: Caller | None) -> None:
        """Refuses the request (429) when the caller's budget is spent."""
        if caller is None:
            return
        quota = self.limiter.quota(caller)
        if quota.retry_after is None:
            return
        metrics.RATE_LIMITED.inc()
        raise HTTPProblem(
            429,
            f"Too many requests; retry in {quota.retry_after} s.",
            "RATE_LIMITED",
            {**quota.headers(), "Retry-After": str(quota.retry_after)},
            {"rateLimit": quota.extension()},
        )

    async def _viewer(self, request: Request) -> Viewer:
        try:
            viewer = viewer_from_header(request.headers.get("authorization"), self.settings)
            if viewer.role is Role.PARTNER and self.db is not None:
                await self.organisations.check(self.db, viewer.organisation_id or "")
            return viewer
        except TokenError as exc:
            raise HTTPProblem(
                401,
                str(exc),
                "UNAUTHENTICATED",
                {"WWW-Authenticate": 'Bearer error="invalid_token"'},
            ) from exc

    async def _read(self, request: Request) -> Any:
        if request.method == "GET":
            params = request.query_params
            return {
                "query": params.get("query"),
                "variables": _json_param(params.get("variables"), "variables"),
                "operationName": params.get("operationName"),
                "extensions": _json_param(params.get("extensions"), "extensions"),
                "documentId": params.get("documentId"),
            }
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type not in (JSON, GRAPHQL_RESPONSE):
            raise HTTPProblem(
                415, "Send the request as application/json.", "UNSUPPORTED_MEDIA_TYPE"
            )
        declared = request.headers.get("content-length")
        limit = self.settings.max_body_bytes
        if declared and declared.isdigit() and int(declared) > limit:
            raise HTTPProblem(413, f"The request body is over {limit} bytes.", "BODY_TOO_LARGE")
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > limit:
                raise HTTPProblem(413, f"The request body is over {limit} bytes.", "BODY_TOO_LARGE")
        try:
            payload = orjson.loads(body)
        except orjson.JSONDecodeError as exc:
            raise HTTPProblem(400, "The request body is not valid JSON.", "BAD_REQUEST") from exc
        if isinstance(payload, list):
            if self.settings.max_operations <= 1:
                raise HTTPProblem(
                    400, "Batching is off: send one operation per request.", "BATCHING_DISABLED"
                )
            if not payload or len(payload) > self.settings.max_operations:
                raise HTTPProblem(
                    400,
                    f"Send 1 to {self.settings.max_operations} operations.",
                    "TOO_MANY_OPERATIONS",
                )
            if not all(isinstance(p, dict) for p in payload):
                raise HTTPProblem(400, "Each operation must be a JSON object.", "BAD_REQUEST")
            return payload
        if not isinstance(payload, dict):
            raise HTTPProblem(400, "The request body must be a JSON object.", "BAD_REQUEST")
        return payload

    async def _one(
        self, request: Request, payload: dict[str, Any], viewer: Viewer, caller: Caller | None
    ) -> tuple[int, dict[str, Any], Quota | None]:
        """The status and body of one operation, and what is left of the caller's budget."""
        params = _params(payload)
        # Again, now that the body is here: other requests of this caller may have spent the
        # budget meanwhile. From here to the charge for parsing and validating nothing waits,
        # so a caller's concurrent requests cannot all slip in before the first is charged.
        self._admit(caller)
        if request.method == "GET":
            allowed = {OperationType.QUERY}
        else:
            allowed = {OperationType.QUERY, OperationType.MUTATION}
        result: ExecutionResult | None = None
        if not params.extensions:  # the extensions are read by the full path's hooks
            result = await self.known.run(
                params.query,
                params.variables,
                params.operation_name,
                self._context(request, viewer, caller),
            )
        try:
            if result is None:
                result = await self.schema.execute(
                    params.query,
                    variable_values=params.variables,
                    context_value=self._context(request, viewer, caller),
                    operation_name=params.operation_name,
                    allowed_operation_types=allowed,
                    operation_extensions=params.extensions,
                )
                self.known.learn(params.query, params.operation_name, result)
        except MissingQueryError as exc:
            raise HTTPProblem(400, "No GraphQL query found in the request.") from exc
        except InvalidOperationTypeError as exc:
            if exc.operation_type is OperationType.SUBSCRIPTION:
                return (
                    400,
                    _request_error(
                        "Subscriptions are not supported: this API answers queries and mutations.",
                        "OPERATION_NOT_SUPPORTED",
                    ),
                    None,
                )
            raise HTTPProblem(
                405, "Mutations are sent with POST.", "METHOD_NOT_ALLOWED", {"Allow": "POST"}
            ) from exc
        except CannotGetOperationTypeError as exc:
            return 400, _request_error(exc.as_http_error_reason(), "UNKNOWN_OPERATION"), None
        status, body = _shape(result)
        if caller is None:
            return status, body, None
        self.limiter.charge(caller, self._charge(result))
        quota = self.limiter.quota(caller)  # one reading for the body and the headers
        body.setdefault("extensions", {})["rateLimit"] = quota.extension()
        return status, body, quota

    def _context(self, request: Request, viewer: Viewer, caller: Caller | None) -> Context:
        assert self.db is not None, "the lifespan has not opened the database"
        context = Context(
            db=self.db,
            settings=self.settings,
            viewer=viewer,
            request=request,
            accept_language=request.headers.get("accept-language"),
        )
        if caller is not None:
            limiter = self.limiter
            context.on_work = lambda seconds: limiter.charge(caller, work_points(seconds))
        return context

    def _charge(self, result: ExecutionResult) -> int:
        """What running a request costs the caller: what ran, never more than the budget; a
        request refused before execution (over budget, invalid) costs 1. Parsing and
        validating were charged as they happened (`Context.on_work`)."""
        if isinstance(result, PreExecutionError):
            return 1
        cost = (result.extensions or {}).get("cost", {}).get("requestedQueryCost", 1)
        return min(int(cost), self.settings.cost_budget) if isinstance(cost, int | float) else 1

    def _metric_name(self, name: Any) -> str:
        # Bounded label values: clients choose operation names.
        if not isinstance(name, str) or not OPERATION_NAME.match(name):
            return "anonymous"
        if name in self._metric_names or len(self._metric_names) < MAX_METRIC_OPERATIONS:
            self._metric_names.add(name)
            return name
        return "other"


def _params(payload: dict[str, Any]) -> GraphQLRequest:
    query, variables = payload.get("query"), payload.get("variables")
    name, extensions = payload.get("operationName"), payload.get("extensions")
    if query is not None and not isinstance(query, str):
        raise HTTPProblem(400, "`query` must be a string.")
    if variables is not None and not isinstance(variables, dict):
        raise HTTPProblem(400, "`variables` must be an object.")
    if name is not None and not isinstance(name, str):
        raise HTTPProblem(400, "`operationName` must be a string.")
    if extensions is not None and not isinstance(extensions, dict):
        raise HTTPProblem(400, "`extensions` must be an object.")
    document_id = payload.get("documentId")
    if document_id is not None:
        if not isinstance(document_id, str):
            raise HTTPProblem(400, "`documentId` must be a string.")
        # Trusted documents (graph_api.graphql.trusted) read it from the extensions.
        extensions = {**(extensions or {}), "documentId": document_id}
    return GraphQLRequest(query, variables, name, extensions)


def _quota_headers(quota: Quota | None) -> dict[str, str]:
    return quota.headers() if quota is not None else {}


def _json_param(value: str | None, name: str) -> Any:
    if value is None or value == "":
        return None
    try:
        return orjson.loads(value)
    except orjson.JSONDecodeError as exc:
        raise HTTPProblem(400, f"`{name}` is not valid JSON.") from exc


def _request_error(message: str, code: str) -> dict[str, Any]:
    metrics.ERRORS.labels(code).inc()
    return {"errors": [{"message": message, "extensions": {"code": code}}]}


def _is_request_error(result: ExecutionResult) -> bool:
    """Nothing ran: parse, validation and limits fail before execution; variables that do
    not coerce stop graphql-core before the first field (no data, no error with a path)."""
    if isinstance(result, PreExecutionError):
        return True
    errors = result.errors or []
    return result.data is None and bool(errors) and all(e.path is None for e in errors)


def _shape(result: ExecutionResult) -> tuple[int, dict[str, Any]]:
    body: dict[str, Any] = {}
    # A request error has no `data` at all.
    request_error = _is_request_error(result)
    errors = [_format(e, request_error) for e in result.errors or []]
    if not request_error:
        body["data"] = result.data
    if errors:
        body["errors"] = errors
        for error in errors:
            metrics.ERRORS.labels((error.get("extensions") or {}).get("code", "GRAPHQL")).inc()
    if result.extensions:
        body["extensions"] = result.extensions
    if not request_error:
        return 200, body
    # The server, not the request, failed before execution (masked and logged).
    failed = any((e.get("extensions") or {}).get("code") == INTERNAL_SERVER_ERROR for e in errors)
    return (500 if failed else 400), body


def _format(error: GraphQLError, request_error: bool) -> dict[str, Any]:
    formatted: dict[str, Any] = dict(error.formatted)
    if request_error and "code" not in (formatted.get("extensions") or {}):
        # Parse and validation errors get codes too, so programs need not read messages.
        syntax = error.message.startswith("Syntax Error")
        code = "GRAPHQL_PARSE_FAILED" if syntax else "GRAPHQL_VALIDATION_FAILED"
        formatted["extensions"] = {**(formatted.get("extensions") or {}), "code": code}
    return formatted


def _retry_after(*bodies: dict[str, Any]) -> dict[str, str] | None:
    """`Retry-After` when the database shed the request (SERVICE_UNAVAILABLE): clients and
    proxies then back off for that long instead of retrying at once."""
    seconds = [
        int((e.get("extensions") or {}).get("retryAfter") or 1)
        for body in bodies
        for e in body.get("errors") or []
        if (e.get("extensions") or {}).get("code") == "SERVICE_UNAVAILABLE"
    ]
    return {"Retry-After": str(max(seconds))} if seconds else None


def _json(body: Any, status: int, media: str, headers: dict[str, str] | None = None) -> Response:
    return Response(
        orjson.dumps(body),
        status_code=status,
        # Labels, reasons and path steps are written in the language the header asks for.
        headers={"Vary": "Accept-Language", **(headers or {})},
        media_type=f"{media}; charset=utf-8",
    )
