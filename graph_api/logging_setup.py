"""One logging pipeline per process: structlog's own loggers and every standard-library
logger (the search code and indexer, the Neo4j driver, uvicorn, Python warnings) end in one
handler on the root logger whose structlog `ProcessorFormatter` renders JSON lines or
readable console lines. Each line has level, logger, timestamp and event, and the request
ID when it was logged while a request ran (bound by `RequestIdMiddleware` in contextvars)."""

from __future__ import annotations

import logging
import sys
from datetime import UTC, datetime
from typing import Any, TextIO

import orjson
import structlog
from structlog.typing import Processor

FORMATS = ("json", "console")

# What every line gets, whether it was logged through structlog or the standard library.
# merge_contextvars runs in the thread that logs, so records logged inside a request (or in
# a thread that copied its context) carry the request ID.
SHARED: list[Processor] = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
]


class _StderrHandler(logging.StreamHandler[TextIO]):
    """Writes to whatever `sys.stderr` is at the time (pytest swaps it), not the one seen at
    configuration; a closed captured stream would otherwise break logging at exit."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, _: TextIO) -> None:
        pass


def _json_line(event: Any, **_: Any) -> str:
    # orjson, as for responses; values it cannot encode (exceptions, paths) as their text.
    return orjson.dumps(event, default=str).decode()


_handler: logging.Handler | None = None
_configured: tuple[str, str] | None = None


def configure_logging(fmt: str = "json", level: str = "info") -> None:
    """Configure logging for this process; repeated calls with the same arguments do
    nothing (the app factory runs once per worker, tests build many apps)."""
    global _handler, _configured
    if fmt not in FORMATS:
        raise ValueError(f"GRAPH_API_LOG_FORMAT must be one of {', '.join(FORMATS)}, not {fmt!r}")
    numeric = logging.getLevelName(level.upper())
    if not isinstance(numeric, int):
        raise ValueError(f"GRAPH_API_LOG_LEVEL {level!r} is not a logging level")
    if _configured == (fmt, level):
        return

    # structlog's loggers hand their event dict to the standard library, so both kinds of
    # record meet in the same handler and formatter. The processors do not depend on the
    # format, so loggers cached before a reconfiguration stay correct.
    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            *SHARED,
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    final: list[Processor] = [structlog.stdlib.ProcessorFormatter.remove_processors_meta]
    if fmt == "json":
        # A traceback becomes one string field, so the line stays one JSON object.
        final += [
            structlog.processors.format_exc_info,
            structlog.processors.JSONRenderer(serializer=_json_line),
        ]
    else:
        final.append(structlog.dev.ConsoleRenderer(colors=False))
    handler = _StderrHandler()
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(foreign_pre_chain=SHARED, processors=final)
    )

    root = logging.getLogger()
    if _handler is not None:
        root.removeHandler(_handler)
    # Handlers others put on the root (basicConfig) would print the same record again as
    # plain text; pytest's capture handlers are left alone.
    for other in list(root.handlers):
        if type(other) in (logging.StreamHandler, logging.FileHandler):
            root.removeHandler(other)
    root.addHandler(handler)
    root.setLevel(numeric)
    # No line shows the caller's file and line, thread or process: the standard library
    # would look them up for every record (its HOWTO's "Optimization"), and they cost a
    # request line more than rendering it.
    logging._srcfile = None
    logging.logThreads = False
    logging.logProcesses = False
    logging.logMultiprocessing = False
    logging.captureWarnings(True)
    # Strawberry logs every GraphQL error with a traceback; the masked ones are ours to log.
    logging.getLogger("strawberry.execution").setLevel(logging.CRITICAL)
    _handler, _configured = handler, (fmt, level)


def log_request(logger: str, **fields: Any) -> None:
    """The access line of a request, as `structlog.get_logger(logger).info("request", ...)`
    would write it. In JSON mode with only this module's handler on the root it is rendered
    here, without the standard library's record, handler and formatter: through them it
    cost a worker about 6 % of its time on a small page (py-spy). Otherwise (console mode,
    a level above info, pytest's capture handlers) it takes the pipeline."""
    root = logging.getLogger()
    handler = _handler
    if (
        handler is None
        or _configured is None
        or _configured[0] != "json"
        or root.level > logging.INFO
        or len(root.handlers) != 1
    ):
        structlog.get_logger(logger).info("request", **fields)
        return
    # The keys in the pipeline's order: the event's own, the bound context, then SHARED's.
    line = {
        **fields,
        "event": "request",
        **structlog.contextvars.get_contextvars(),
        "level": "info",
        "logger": logger,
        "timestamp": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
    }
    text = _json_line(line) + "\n"
    # The handler's lock, as its own emit takes it: other threads log through it too.
    handler.acquire()
    try:
        sys.stderr.write(text)
    finally:
        handler.release()
