"""The ASGI application of `allocator serve`: FastAPI routes over a `Service`, behind one
middleware that bounds every request, checks the bearer token and numbers the request.

A case is read exactly as `allocator batch` reads a JSON line (desk.batch.parse_json_line): the
same checks, error codes and messages ("did you mean" included), in the language asked for
(`?lang=` or Accept-Language). Every decision answered is first in the decision log (with the
request id, the case reference and the token's user): an answer whose record could not be
written is not given (503).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import secrets
import time
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qs

from fastapi import FastAPI, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import Response

from allocator.desk.batch import MAX_LINE, Item, Writer, parse_json_line
from allocator.desk.decision_log import encoded_record
from allocator.desk.service import Answer
from allocator.engine.explain import counterfactuals, explanation
from allocator.errors import AllocatorError, CaseError, localized
from allocator.i18n import DEFAULT_LANG, LANGS, sanitize, t
from allocator.load.api import (
    DecisionResponse,
    ErrorResponse,
    Health,
    Readiness,
    case_request_schema,
)
from allocator.load.suggest import suggest
from allocator.model import VOCABULARY_LISTS, Policy
from allocator.render.json import rules_json
from allocator.serve import metrics
from allocator.serve.service import Service, negotiate
from allocator.version import __version__

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: The largest body of one decision request (bytes).
MAX_BODY = 64 * 1024
#: The largest body of a batch request (bytes); a batch above it is cut with an error record.
MAX_BATCH_BODY = 16 * 1024 * 1024
#: At most this many header bytes (names and values) and headers per request.
MAX_HEADER_BYTES = 16 * 1024
MAX_HEADERS = 64
#: Decisions logged (one append, one fsync) and then streamed out together, in a batch request.
BATCH_BLOCK = 256
#: Paths anyone may open, tokens or not: the page and the probes of a load balancer.
PUBLIC = frozenset({"/", "/healthz", "/readyz"})
#: The endpoints timed in the latency histogram (any other path counts as `other`).
ENDPOINTS = frozenset(
    {
        "/",
        "/v1/decisions",
        "/v1/decisions:batch",
        "/v1/vocabulary",
        "/v1/rules",
        "/healthz",
        "/readyz",
        "/metrics",
        "/v1/openapi.json",
    }
)
_REQUEST_ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:")
JSON = "application/json"


class BodyTooLarge(Exception):
    """The request body went past its bound while it was read."""


def _error(
    status: int,
    code: str,
    message: str,
    problems: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    body: dict[str, Any] = {"code": code, "message": message}
    if problems:
        body["problems"] = problems
    return Response(
        json.dumps({"error": body}, ensure_ascii=False),
        status_code=status,
        media_type=JSON,
        headers=headers,
    )


class Guard:
    """The outer layer of every request: bounds on headers and body, the bearer token, a request
    id (the client's X-Request-Id when it is a short plain token, else a new one), the latency."""

    def __init__(self, app: ASGIApp, service: Service, max_body: int, max_batch_body: int) -> None:
        self.app = app
        self.service = service
        self.max_body = max_body
        self.max_batch_body = max_batch_body
        #: Request ids: this worker's random prefix and a counter (unique without a syscall each).
        self.prefix = secrets.token_hex(6)
        self.counter = itertools.count(1)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        path = scope["path"]
        headers = scope["headers"]
        request_id = None
        authorization = None
        length = None
        accept_language = None
        size = 0
        for name, value in headers:
            size += len(name) + len(value)
            if name == b"x-request-id":
                request_id = value.decode("latin-1")
            elif name == b"authorization":
                authorization = value.decode("latin-1")
            elif name == b"content-length":
                length = value
            elif name == b"accept-language":
                accept_language = value.decode("latin-1")

        def lang() -> str:
            """The language of the Guard's own refusals (worked out only for one)."""
            query = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("lang")
            return negotiate(query[0] if query else None, accept_language) or DEFAULT_LANG

        if not request_id or len(request_id) > 64 or not set(request_id) <= _REQUEST_ID_CHARS:
            request_id = f"{self.prefix}-{next(self.counter):x}"
        state = scope.setdefault("state", {})
        state["request_id"] = request_id
        extra = [(b"x-request-id", request_id.encode("ascii"))]

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        endpoint = (
            path
            if path in ENDPOINTS
            else ("/v1/rules/{id}" if path.startswith("/v1/rules/") else "other")
        )
        try:
            if len(headers) > MAX_HEADERS or size > MAX_HEADER_BYTES:
                metrics.REJECTED.labels("headers-too-large").inc()
                response = _error(
                    431,
                    "serve-headers-too-large",
                    t("serve-headers-too-large", lang(), limit=MAX_HEADER_BYTES, most=MAX_HEADERS),
                )
                await response(scope, receive, send_with_id)
                return
            tokens = self.service.tokens
            if tokens is not None and path not in PUBLIC:
                user = tokens.user(authorization)
                if user is None:
                    metrics.REJECTED.labels("unauthorized").inc()
                    response = _error(
                        401,
                        "serve-unauthorized",
                        t("serve-unauthorized", lang()),
                        headers={"WWW-Authenticate": 'Bearer realm="allocator"'},
                    )
                    await response(scope, receive, send_with_id)
                    return
                state["user"] = user
            limit = self.max_batch_body if path == "/v1/decisions:batch" else self.max_body
            if length is not None and (not length.isdigit() or int(length) > limit):
                metrics.REJECTED.labels("too-large").inc()
                response = _error(
                    413, "serve-body-too-large", t("serve-body-too-large", lang(), limit=limit)
                )
                await response(scope, receive, send_with_id)
                return
            read = 0

            async def bounded() -> Message:
                nonlocal read
                message = await receive()
                if message["type"] == "http.request":
                    read += len(message.get("body", b""))
                    if read > limit:
                        raise BodyTooLarge
                return message

            started_response = False

            async def tracking(message: Message) -> None:
                nonlocal started_response
                if message["type"] == "http.response.start":
                    started_response = True
                await send_with_id(message)

            try:
                if path == "/v1/decisions" and scope["method"] == "POST":
                    response = await decision(self.service, scope, bounded)
                    await response(scope, bounded, tracking)
                elif path == "/v1/decisions:batch" and scope["method"] == "POST":
                    await batch(self.service, scope, bounded, tracking, limit)
                else:
                    await self.app(scope, bounded, tracking)
            except BodyTooLarge:
                metrics.REJECTED.labels("too-large").inc()
                if not started_response:
                    response = _error(
                        413, "serve-body-too-large", t("serve-body-too-large", lang(), limit=limit)
                    )
                    await response(scope, receive, send_with_id)
        finally:
            metrics.latency(endpoint).observe(time.perf_counter() - started)


def create_app(
    service: Service, max_body: int = MAX_BODY, max_batch_body: int = MAX_BATCH_BODY
) -> ASGIApp:
    """The application serving `service`, behind its Guard."""
    app = FastAPI(
        title="allocator",
        version=__version__,
        description="Which Belgian intelligence service leads a case, who must be brought in, "
        "and through which channel (docs/contract.md).",
        openapi_url="/v1/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.service = service
    _routes(app, service)
    return Guard(app, service, max_body, max_batch_body)


def _lang(request: Request) -> str | Response:
    lang = negotiate(request.query_params.get("lang"), request.headers.get("accept-language"))
    if lang is None:
        return _unknown_lang(request.query_params.get("lang", ""))
    return lang


def _problems(exc: AllocatorError, lang: str) -> list[dict[str, Any]]:
    if not isinstance(exc, CaseError):
        return []
    found = []
    for problem in exc.problems:
        item = {"code": problem.code, "message": sanitize(problem.message(lang))}
        if problem.hint is not None:
            item["help"] = sanitize(problem.hint.render(lang))
        found.append(item)
    return found


def _record(answer: Answer, scope: Scope, extra: dict[str, Any]) -> str:
    state = scope.get("state", {})
    fields = {"request": state.get("request_id"), **extra}
    client = scope.get("client")
    if client:
        fields["client"] = client[0]
    return encoded_record(
        answer.case_json,
        answer.summary_json,
        answer.ruleset,
        "serve",
        __version__,
        {k: v for k, v in fields.items() if v is not None},
        user=state.get("user"),
    )


async def _logged(service: Service, records: list[str]) -> AllocatorError | None:
    """Wait until `records` are in the decision log; the error when they could not be written."""
    if service.log is None or not records:
        return None
    try:
        await service.log.write(records)
    except AllocatorError as exc:
        return exc
    return None


def _count(answer: Answer) -> None:
    metrics.decided(answer.outcome, answer.lead or "").inc()


async def decision(service: Service, scope: Scope, receive: Receive) -> Response:
    """POST /v1/decisions, on the ASGI scope itself. The Guard calls it straight (FastAPI's
    routing and middleware cost more than the decision); the FastAPI route, which calls the same
    function, documents it in the OpenAPI."""
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    accept_language = None
    for name, value in scope["headers"]:
        if name == b"accept-language":
            accept_language = value.decode("latin-1")
    given = query.get("lang")
    lang = negotiate(given[0] if given else None, accept_language)
    if lang is None:
        return _unknown_lang(given[0] if given else "")
    chunks = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return Response(status_code=400)  # the client went away
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            break
    raw = b"".join(chunks)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        metrics.REJECTED.labels("invalid-case").inc()
        message_text = localized(
            "batch-invalid-json", lang, {"detail": str(exc.reason), "column": exc.start + 1}
        )
        return _error(400, "invalid-json", sanitize(message_text))
    item = parse_json_line(1, text)
    if item.error is not None or item.data is None:
        code, key, params = item.error or ("invalid-json", "batch-not-object", {})
        metrics.REJECTED.labels("invalid-case").inc()
        return _error(400, code, sanitize(localized(key, lang, params)))
    snapshot = service.allocator.pinned()  # one rule set for the answer and its explanation
    try:
        answer = snapshot.answer(item.data)
    except AllocatorError as exc:
        metrics.REJECTED.labels("invalid-case").inc()
        return _error(
            400 if exc.exit_code == 2 else 500, exc.key, exc.render(lang), _problems(exc, lang)
        )
    why, explain = _true(query, "why"), _true(query, "explain")
    body = answer.json
    if why or explain:
        document = json.loads(body)
        policy = snapshot.policy
        document["explanation"] = explanation(policy, answer.decision, lang)
        if explain:
            found = await asyncio.to_thread(
                counterfactuals, policy, snapshot.decide, answer.decision, lang
            )
            document["explanation"]["counterfactuals"] = found
        body = json.dumps(document, ensure_ascii=False)
    extra: dict[str, Any] = {}
    if item.ident is not None:
        extra["id"] = item.ident
    if item.ref is not None:
        extra["ref"] = item.ref
    failed = await _logged(service, [_record(answer, scope, extra)])
    if failed is not None:
        metrics.REJECTED.labels("log-failed").inc()
        return _error(503, failed.key, failed.render(lang))
    _count(answer)
    return Response(body, media_type=JSON, headers={"X-Ruleset": answer.ruleset})


def _true(query: dict[str, list[str]], name: str) -> bool:
    return query.get(name, [""])[0].lower() in ("1", "true", "yes")


def _unknown_lang(given: str) -> Response:
    return _error(
        400,
        "serve-unknown-lang",
        t(
            "serve-unknown-lang",
            "en",
            value=sanitize(given, one_line=True),
            valid=", ".join(LANGS),
        ),
    )


def _routes(app: FastAPI, service: Service) -> None:
    openapi_cache: dict[str, dict[str, Any]] = {}

    def openapi() -> dict[str, Any]:
        policy = service.allocator.policy
        cached = openapi_cache.get(policy.fingerprint)
        if cached is not None:
            return cached
        document = get_openapi(
            title=app.title,
            version=app.version,
            description=app.description,
            routes=app.routes,
        )
        schemas = document.setdefault("components", {}).setdefault("schemas", {})
        schemas["CaseRequest"] = case_request_schema(
            policy.vocabulary, "#/components/schemas/{model}"
        )
        document["paths"]["/v1/decisions:batch"] = BATCH_OPENAPI
        document["info"]["x-ruleset"] = policy.fingerprint
        openapi_cache.clear()
        openapi_cache[policy.fingerprint] = document
        return document

    app.openapi = openapi  # type: ignore[method-assign]

    case_body = {
        "requestBody": {
            "required": True,
            "content": {JSON: {"schema": {"$ref": "#/components/schemas/CaseRequest"}}},
        },
        "parameters": [
            {"name": "lang", "in": "query", "schema": {"type": "string", "enum": list(LANGS)}},
            {"name": "why", "in": "query", "schema": {"type": "boolean"}},
            {"name": "explain", "in": "query", "schema": {"type": "boolean"}},
        ],
    }

    @app.post(
        "/v1/decisions",
        summary="Decide one case",
        response_model=DecisionResponse,
        responses={
            400: {"model": ErrorResponse},
            401: {"model": ErrorResponse},
            413: {"model": ErrorResponse},
            503: {"model": ErrorResponse},
        },
        openapi_extra=case_body,
    )
    async def decide(request: Request) -> Response:
        """The decision for one case, as `allocator decide --format json` gives it. With
        `?why=true` the reasoning, with `?explain=true` the counterfactuals too (`explanation`)."""
        return await decision(service, request.scope, request.receive)

    @app.get("/v1/vocabulary", summary="Every id with its label and description")
    async def vocabulary(request: Request) -> Response:
        lang = _lang(request)
        if isinstance(lang, Response):
            return lang
        policy = service.allocator.policy
        document: dict[str, Any] = {"lang": lang, "ruleset": policy.fingerprint}
        for name in VOCABULARY_LISTS:
            document[name] = [
                {
                    "id": term.id,
                    "label": term.label.get(lang),
                    "description": term.description.get(lang),
                }
                for term in getattr(policy.vocabulary, name)
            ]
        return Response(json.dumps(document, ensure_ascii=False), media_type=JSON)

    @app.get("/v1/rules", summary="Every rule: id, title, basis, description, where it is written")
    async def rules(request: Request) -> Response:
        lang = _lang(request)
        if isinstance(lang, Response):
            return lang
        policy = service.allocator.policy
        document = {"lang": lang, "ruleset": policy.fingerprint, "rules": _rules(policy, lang)}
        return Response(json.dumps(document, ensure_ascii=False), media_type=JSON)

    @app.get("/v1/rules/{rule_id}", summary="One rule", responses={404: {"model": ErrorResponse}})
    async def rule(request: Request, rule_id: str) -> Response:
        lang = _lang(request)
        if isinstance(lang, Response):
            return lang
        policy = service.allocator.policy
        found = [r for r in _rules(policy, lang) if r["id"] == rule_id]
        if not found:
            guess = suggest(rule_id, list(policy.by_id))
            message = t("serve-unknown-rule", lang, value=sanitize(rule_id, one_line=True))
            if guess:
                message += "; " + t("did-you-mean", lang, suggestion=guess)
            return _error(404, "serve-unknown-rule", message)
        return Response(json.dumps(found[0], ensure_ascii=False), media_type=JSON)

    @app.get("/healthz", summary="The process answers", response_model=Health)
    async def healthz() -> Response:
        return Response('{"status":"ok"}', media_type=JSON)

    @app.get("/readyz", summary="The rule set in force and its reloads", response_model=Readiness)
    async def readyz() -> Response:
        return Response(json.dumps(service.readiness(), ensure_ascii=False), media_type=JSON)

    @app.get("/metrics", summary="Prometheus metrics")
    async def prometheus() -> Response:
        body, content_type = metrics.exposition()
        return Response(body, media_type=content_type)

    @app.api_route(
        "/", methods=["GET", "HEAD"], summary="The duty-desk page", include_in_schema=False
    )
    async def page(request: Request) -> Response:
        from allocator.serve.page import render_page

        lang = _lang(request)
        if isinstance(lang, Response):
            return lang
        html, csp = render_page(service.allocator.policy, lang)
        return Response(
            html,
            media_type="text/html; charset=utf-8",
            headers={
                "Content-Security-Policy": csp,
                "X-Content-Type-Options": "nosniff",
                "Referrer-Policy": "no-referrer",
                "X-Frame-Options": "DENY",
                "Cache-Control": "no-store",
            },
        )


def _rules(policy: Policy, lang: str) -> list[dict[str, Any]]:
    """The rules as `allocator rules --format json` lists them, with what each brings."""
    listed = rules_json(policy, lang)
    for entry in listed:
        rule = policy.by_id[entry["id"]]
        then = rule.then
        entry["priority"] = then.priority
        entry["lead"] = then.lead
        entry["competent"] = list(then.competent)
        entry["partners"] = list(then.partners)
        entry["consultation"] = list(then.consultation)
        entry["derive"] = list(then.derive)
    return listed


BATCH_OPENAPI: dict[str, Any] = {
    "post": {
        "summary": "Decide many cases (JSON Lines in, JSON Lines out, streamed)",
        "description": "One answer per input line, in input order, as `allocator batch` writes "
        'JSON Lines: `{"line": n, ...decision}` or `{"line": n, "error": {"code", "message"}}`. '
        "Each block of decisions is in the decision log before it is sent. A body larger than "
        "the bound ends the stream with an error record.",
        "operationId": "decide_batch",
        "parameters": [
            {"name": "lang", "in": "query", "schema": {"type": "string", "enum": list(LANGS)}}
        ],
        "requestBody": {
            "required": True,
            "content": {
                "application/x-ndjson": {
                    "schema": {"type": "string", "description": "One CaseRequest per line."}
                }
            },
        },
        "responses": {
            "200": {
                "description": "One line per input line.",
                "content": {"application/x-ndjson": {}},
            },
            "400": {
                "description": "An unknown language.",
                "content": {JSON: {"schema": {"$ref": "#/components/schemas/ErrorResponse"}}},
            },
        },
    }
}


async def batch(service: Service, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
    """POST /v1/decisions:batch, straight on ASGI: the body is read as it streams in while the
    answers stream out (no other reader of `receive` may take the body's chunks)."""
    request = Request(scope, receive)
    lang = _lang(request)
    if isinstance(lang, Response):
        await lang(scope, receive, send)
        return
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"application/x-ndjson; charset=utf-8")],
        }
    )
    async for data in _batch_lines(service, request, lang, limit):
        await send({"type": "http.response.body", "body": data, "more_body": True})
    await send({"type": "http.response.body", "body": b"", "more_body": False})


async def _lines(request: Request) -> AsyncIterator[tuple[int, str | None, int]]:
    """The body's lines as (number, text, size): text None for a line longer than MAX_LINE or not
    UTF-8 (size -1), skipped as it streams in, never held whole."""
    number = 0
    pending = b""
    skipping = False
    skipped = 0
    async for chunk in request.stream():
        start = 0
        while True:
            end = chunk.find(b"\n", start)
            piece = chunk[start:] if end < 0 else chunk[start:end]
            if skipping:
                skipped += len(piece)
            elif len(pending) + len(piece) > MAX_LINE:
                skipping, skipped, pending = True, len(pending) + len(piece), b""
            else:
                pending += piece
            if end < 0:
                break
            number += 1
            if skipping:
                yield number, None, skipped
                skipping, skipped = False, 0
            else:
                yield number, _decode(pending), len(pending)
            pending = b""
            start = end + 1
    if skipping:
        yield number + 1, None, skipped
    elif pending:
        yield number + 1, _decode(pending), len(pending)


def _decode(raw: bytes) -> str | None:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


async def _batch_lines(
    service: Service, request: Request, lang: str, limit: int
) -> AsyncIterator[bytes]:
    writer = Writer("jsonl")
    texts: list[str] = []
    records: list[str] = []

    async def flush() -> bytes | None:
        nonlocal texts, records
        failed = await _logged(service, records)
        if failed is not None:
            metrics.REJECTED.labels("log-failed").inc()
            return None
        data = "".join(texts).encode("utf-8", "backslashreplace")
        texts, records = [], []
        return data

    def stop(code: str, message: str) -> bytes:
        error = json.dumps({"error": {"code": code, "message": message}}, ensure_ascii=False)
        return (error + "\n").encode("utf-8")

    allocator = service.allocator.pinned()  # the whole batch under one rule set
    try:
        async for number, text, size in _lines(request):
            if text is None:
                if size < 0 or size <= MAX_LINE:
                    item = Item(number, None, error=("invalid-json", "serve-line-not-utf8", {}))
                else:
                    item = Item(
                        number,
                        None,
                        error=(
                            "line-too-long",
                            "batch-line-too-long-bytes",
                            {"size": size, "limit": MAX_LINE},
                        ),
                    )
            elif not text.strip():
                continue
            else:
                item = parse_json_line(number, text)
            if item.error is not None or item.data is None:
                code, key, params = item.error or ("invalid-json", "batch-not-object", {})
                texts.append(writer.error(item, code, sanitize(localized(key, lang, params))))
            else:
                try:
                    answer = allocator.answer(item.data)
                except AllocatorError as exc:
                    texts.append(writer.error(item, exc.key, exc.render(lang).replace("\n", " ")))
                else:
                    texts.append(writer.decision(item, answer))
                    extra: dict[str, Any] = {"line": number}
                    if item.ident is not None:
                        extra["id"] = item.ident
                    if item.ref is not None:
                        extra["ref"] = item.ref
                    records.append(_record(answer, request.scope, extra))
                    _count(answer)
            if len(texts) >= BATCH_BLOCK:
                data = await flush()
                if data is None:
                    yield stop("log-failed", t("serve-batch-log-failed", lang, line=number))
                    return
                yield data
                await asyncio.sleep(0)  # let other requests in between blocks
    except BodyTooLarge:
        data = await flush()
        if data:
            yield data
        yield stop("serve-body-too-large", t("serve-body-too-large", lang, limit=limit))
        return
    data = await flush()
    if data is None:
        yield stop("log-failed", t("serve-batch-log-failed", lang, line=0))
        return
    if data:
        yield data
