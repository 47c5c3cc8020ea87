"""Size limits checked before a request runs: bytes and tokens before parsing (and tokens again
while parsing); fragment expansion, depth and aliases while validating. Strawberry's own
limiters do the counting for tokens (while parsing), depth and aliases; this module gives
their errors a clear message and a stable `extensions.code`, and keeps documents away from
them whose fragments would make them walk for ever."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, cast

from graphql import (
    ASTValidationRule,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLSyntaxError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    parse,
)
from graphql.validation import ValidationRule
from strawberry.extensions import (
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)

from graph_api.graphql.errors import (
    QueryTooDeepError,
    QueryTooLargeError,
    TooManyAliasesError,
    TooManyTokensError,
)

Remake = Callable[[GraphQLError], GraphQLError]
# A document may spread its fragments to this many times its token limit in fields.
FIELDS_PER_TOKEN = 10

# GraphQL's tokens as graphql-core's lexer reads them, comments included (its token limit
# counts them); whitespace, commas and anything it would refuse are skipped, so the count is
# never above the parser's for a document that parses. Possessive and unanchored-end forms:
# an unterminated string is one token to the end of its line (or document), so no input
# makes the expression backtrack.
_TOKEN = re.compile(
    r'"""(?:[^"\\]|\\"""|\\|"(?!""))*+(?:""")?'  # block string
    r'|"(?:[^"\\\n\r]|\\[^\n\r])*+"?'  # string
    r"|#[^\n\r]*+"  # comment
    r"|-?[0-9]++(?:\.[0-9]++)?+(?:[eE][+-]?[0-9]++)?+"  # number
    r"|[_A-Za-z][_0-9A-Za-z]*+"  # name
    r"|\.\.\.|[!$&():=@\[\]{}|]"  # punctuators
)
# Stands in for a refused request's document so that Strawberry neither parses nor validates.
_REFUSED = parse("{ __typename }", no_location=True)


def count_tokens(text: str, stop: int) -> int:
    """The document's tokens, counted by a regular expression (in C, about a hundredth of
    what lexing costs); past `stop`, a number over `stop`."""
    count = 0
    for _ in _TOKEN.finditer(text):
        count += 1
        if count > stop:
            break
    return count


class DocumentLimits(SchemaExtension):
    """Refuses a document over `max_bytes` (UTF-8) or `max_tokens` before it is parsed: a
    large document costs little to refuse this way, and much to parse and validate. Trusted
    documents are exempt (the schema leaves this extension out when they are on)."""

    def __init__(self, max_bytes: int, max_tokens: int) -> None:
        super().__init__()
        self.max_bytes = max_bytes
        self.max_tokens = max_tokens

    def on_parse(self) -> Iterator[None]:
        ec = self.execution_context
        if ec.query and ec.graphql_document is None:
            refusal = self._refusal(ec.query)
            if refusal is not None:
                ec.graphql_document = _REFUSED
                ec.pre_execution_errors = [refusal]
        yield

    def _refusal(self, query: str) -> GraphQLError | None:
        # A character is at most 4 bytes: most documents need no encoding to be measured.
        if len(query) * 4 > self.max_bytes and len(query.encode("utf-8", "surrogatepass")) > (
            self.max_bytes
        ):
            return QueryTooLargeError(
                f"The query document is over {self.max_bytes} bytes.", maxBytes=self.max_bytes
            )
        if count_tokens(query, self.max_tokens) > self.max_tokens:
            return TooManyTokensError(
                f"Document contains more than {self.max_tokens} tokens. Parsing aborted.",
                maxTokens=self.max_tokens,
            )
        return None


class TokenLimit(MaxTokensLimiter):
    """Strawberry's token limit (the parser gives up early), with a code on its error."""

    def on_parse(self) -> Iterator[None]:
        yield
        # graphql-core raises a bare syntax error; Strawberry returns that very object, so
        # it is tagged in place.
        marker = f"more than {self.max_token_count} tokens"
        for error in self.execution_context.pre_execution_errors or ():
            if isinstance(error, GraphQLSyntaxError) and marker in error.message:
                error.extensions = {
                    "code": TooManyTokensError.code,
                    "maxTokens": self.max_token_count,
                }


def limit_rules(max_depth: int, max_aliases: int, max_tokens: int) -> list[type[ASTValidationRule]]:
    """Validation rules for the expanded size, the depth (fragments followed, introspection
    fields not counted) and the number of aliases (fragments counted each time spread)."""
    max_fields = FIELDS_PER_TOKEN * max_tokens

    def too_large(document: DocumentNode) -> bool:
        # Strawberry's depth and alias counts walk every copy of every fragment: a few
        # fragments that each spread the next one twice would keep them busy for hours.
        return expanded_fields(document, max_depth + 1, max_fields) > max_fields

    class ExpansionLimit(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            if too_large(context.document):
                self.report_error(
                    QueryTooLargeError(
                        f"With its fragments spread, the query selects more than {max_fields} "
                        "fields.",
                        maxFields=max_fields,
                    )
                )

    depth = QueryDepthLimiter(max_depth=max_depth).validation_rules
    aliases = MaxAliasesLimiter(max_alias_count=max_aliases).validation_rules
    too_deep = f"The query nests fields more than {max_depth} levels below a root field."
    too_many = f"The query uses more than {max_aliases} aliases."
    return [
        ExpansionLimit,
        *(
            _coded(
                rule,
                lambda e: QueryTooDeepError(too_deep, e.nodes, maxDepth=max_depth),
                too_large,
            )
            for rule in depth
        ),
        *(
            _coded(
                rule,
                lambda e: TooManyAliasesError(too_many, e.nodes, maxAliases=max_aliases),
                too_large,
            )
            for rule in aliases
        ),
    ]


def expanded_fields(document: DocumentNode, levels: int, stop: int) -> int:
    """How many fields the operations select with every fragment spread out, counting
    `levels` levels deep (the depth limit covers the rest); in linear time, each fragment
    counted once per level it is spread at. Past `stop` (or Python's recursion limit), a
    number over `stop`."""
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    memo: dict[tuple[str, int], int] = {}

    def size(selection_set: SelectionSetNode, level: int, spreading: frozenset[str]) -> int:
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += 1
                if selection.selection_set is not None and level < levels:
                    total += size(selection.selection_set, level + 1, spreading)
            elif isinstance(selection, InlineFragmentNode):
                total += size(selection.selection_set, level, spreading)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name in spreading or name not in fragments:
                    continue  # cyclic or unknown: graphql-core reports those
                key = (name, level)
                if key not in memo:
                    memo[key] = size(fragments[name].selection_set, level, spreading | {name})
                total += memo[key]
            if total > stop:
                break
        return total

    try:
        return sum(
            size(d.selection_set, 1, frozenset())
            for d in document.definitions
            if isinstance(d, OperationDefinitionNode)
        )
    except RecursionError:
        return stop + 1


class _Remade:
    """Stands in for the validation context: passes on a rule's first error, remade."""

    def __init__(self, context: ValidationContext, remake: Remake) -> None:
        self._context = context
        self._remake = remake
        self._reported = False

    def __getattr__(self, name: str) -> Any:
        return getattr(self._context, name)

    def report_error(self, error: GraphQLError) -> None:
        # The depth rule reports every branch that is too deep; one error says it all.
        if not self._reported:
            self._reported = True
            self._context.report_error(self._remake(error))


def _coded(
    rule: type[ASTValidationRule], remake: Remake, skip: Callable[[DocumentNode], bool]
) -> type[ASTValidationRule]:
    class Coded(rule):  # type: ignore[valid-type, misc]
        def __init__(self, context: ValidationContext) -> None:
            if skip(context.document):
                ValidationRule.__init__(self, context)
                return
            try:
                super().__init__(cast(ValidationContext, _Remade(context, remake)))
            except KeyError:
                # Strawberry's depth walk looks fragments up unguarded; graphql-core's
                # KnownFragmentNamesRule reports the unknown fragment, so skip the count.
                ValidationRule.__init__(self, context)

    Coded.__name__ = Coded.__qualname__ = f"Coded{rule.__name__}"
    return Coded
