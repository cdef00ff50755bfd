"""`allocator serve`, as a real server on a free loopback port: decisions, reloads (a changed rule
set, a broken one), tokens, bounds, metrics, workers, and a clean stop."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import SHIPPED

ALLOCATOR = str(Path(sys.executable).with_name("allocator"))
LONE = {"topic": "terrorism", "location": "belgium", "actor": "lone-actor"}
TOKEN = "s3cr3t-token-of-the-desk-0001"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """`allocator serve` in a subprocess, and a small client for it."""

    def __init__(
        self, *args: str, rules: Path = SHIPPED, log: Path, env: dict[str, str] | None = None
    ) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = log
        command = [
            ALLOCATOR,
            "serve",
            "--port",
            str(self.port),
            "--rules",
            str(rules),
            "--log",
            str(log),
            *args,
        ]
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, **(env or {})},
        )
        self.headers: dict[str, str] = {}
        deadline = time.monotonic() + 30
        while True:
            if self.process.poll() is not None:
                _out, err = self.process.communicate()
                raise AssertionError(f"the server stopped: {self.process.returncode}\n{err}")
            try:
                if self.get("/healthz")[0] == 200:
                    return
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise AssertionError("the server did not start in 30 s")
            time.sleep(0.05)

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, dict[str, str], bytes]:
        request = urllib.request.Request(
            self.base + path, data=body, method=method, headers={**self.headers, **(headers or {})}
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def get(self, path: str, **kwargs: Any) -> tuple[int, dict[str, str], bytes]:
        return self.request("GET", path, **kwargs)

    def decide(
        self, case: dict[str, Any], query: str = "", **kwargs: Any
    ) -> tuple[int, dict[str, Any]]:
        status, _, body = self.request(
            "POST", "/v1/decisions" + query, json.dumps(case).encode(), **kwargs
        )
        return status, json.loads(body)

    def ready(self) -> dict[str, Any]:
        status, _, body = self.get("/readyz")
        assert status == 200
        document: dict[str, Any] = json.loads(body)
        return document

    def wait_for(self, check: Any, seconds: float = 20) -> None:
        deadline = time.monotonic() + seconds
        while not check():
            assert time.monotonic() < deadline, "timed out"
            time.sleep(0.05)

    def stop(self) -> tuple[int, str]:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            _, err = self.process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _, err = self.process.communicate()
        return self.process.returncode, err


@pytest.fixture
def log(tmp_path: Path) -> Path:
    return tmp_path / "decisions.jsonl"


def records(log: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


def test_the_server_decides_reloads_guards_counts_and_stops(
    rules_copy: Path, log: Path, tmp_path: Path
) -> None:
    tokens = tmp_path / "tokens"
    tokens.write_text(f"# the duty desk\nduty-officer {TOKEN}\ncms-gateway {'x' * 24}\n")
    tokens.chmod(0o600)
    server = Server("--watch", "0.2", "--token-file", str(tokens), rules=rules_copy, log=log)
    try:
        # tokens: none, a wrong one, the right one; the page and the probes stay open
        assert server.decide(LONE)[0] == 401
        assert server.decide(LONE, headers={"Authorization": "Bearer wrong-token-000000"})[0] == 401
        assert server.get("/readyz")[0] == 200
        assert server.get("/")[0] == 200
        assert server.request("HEAD", "/")[0] == 200
        server.headers = {"Authorization": f"Bearer {TOKEN}"}
        status, decision = server.decide({**LONE, "ref": "CASE-2026-0042"})
        assert status == 200
        assert decision["lead"] == "vsse"
        assert decision["competence"] == "exclusive"
        first = decision["ruleset"]
        assert server.ready()["ruleset"] == first
        (entry,) = records(log)
        assert entry["user"] == "duty-officer"
        assert entry["ref"] == "CASE-2026-0042"
        assert entry["source"] == "serve"
        assert re.fullmatch(r"[0-9a-f]{12}-[0-9a-f]+", entry["request"])
        # bad input: the CLI's codes and messages, in the language asked for
        status, error = server.decide({"topic": "terr", "location": "belgium"}, "?lang=nl")
        assert status == 400
        codes = [p["code"] for p in error["error"]["problems"]]
        assert codes == ["unknown-case-value", "missing-attribute"]
        assert "terrorism, terrorism-financing" in error["error"]["problems"][0]["help"]
        # the key of the JSON case, not the command line's option
        assert error["error"]["problems"][1]["message"] == "geen actor opgegeven: gebruik `actor`"
        assert server.decide(LONE, "?lang=xx")[0] == 400
        # a changed rule file is reloaded: the new rule set answers
        terrorism = rules_copy / "terrorism.yaml"
        text = terrorism.read_text()
        terrorism.write_text(text.replace("priority: 400", "priority: 410", 1))
        server.wait_for(lambda: server.ready()["ruleset"] != first)
        second = server.ready()["ruleset"]
        assert server.decide(LONE)[1]["ruleset"] == second
        # a broken one is refused: the rule set in force stays, and /readyz says why
        terrorism.write_text(text.replace("topic: [terrorism", "topic: [terrorism, nonsense", 1))
        server.wait_for(lambda: server.ready()["last_reload_error"] is not None)
        ready = server.ready()
        assert ready["ruleset"] == second
        assert "terrorism.yaml" in ready["last_reload_error"]
        assert server.decide(LONE)[1]["ruleset"] == second
        # SIGHUP reloads too (the file fixed again)
        terrorism.write_text(text)
        server.process.send_signal(signal.SIGHUP)
        server.wait_for(lambda: server.ready()["ruleset"] == first)
        assert server.ready()["last_reload_error"] is None
        # bounds: a body, a batch line, headers
        status, _, body = server.request("POST", "/v1/decisions", b"{" + b" " * 70_000 + b"}")
        assert status == 413
        assert json.loads(body)["error"]["code"] == "serve-body-too-large"
        status, _, _ = server.get(
            "/healthz", headers={f"X-Filler-{i}": "y" * 300 for i in range(60)}
        )
        assert status == 431
        # metrics: decisions by outcome and lead, latency, reloads and their failures
        status, _, body = server.get("/metrics")
        text_metrics = body.decode()
        assert status == 200
        assert 'allocator_decisions_total{lead="vsse",outcome="decided"}' in text_metrics
        assert 'allocator_ruleset_reloads_total{result="ok"} 2.0' in text_metrics
        assert 'allocator_ruleset_reloads_total{result="failed"} 1.0' in text_metrics
        assert 'allocator_request_duration_seconds_count{endpoint="/v1/decisions"}' in text_metrics
        assert 'allocator_rejected_requests_total{reason="unauthorized"} 2.0' in text_metrics
    finally:
        code, err = server.stop()
    assert code in (0, -signal.SIGTERM, 128 + signal.SIGTERM), err
    assert "Traceback" not in err
    assert "failed; the rule set in force stays" in err


def test_a_batch_streams_one_answer_per_line_in_order_and_logs_each(log: Path) -> None:
    server = Server("--watch", "0", log=log)
    try:
        lines = [
            json.dumps({**LONE, "id": "a"}),
            json.dumps({"topic": "x", "location": "belgium", "actor": "company"}),
            "not json",
            "",
            json.dumps(
                {
                    "topic": "espionage",
                    "location": "nato-site",
                    "actor": "company",
                    "ref": "R-1",
                    "flags": "imminent",
                }
            ),
        ] + [json.dumps({**LONE, "target": "population", "id": n}) for n in range(600)]
        status, headers, body = server.request(
            "POST", "/v1/decisions:batch?lang=fr", "\n".join(lines).encode()
        )
        assert status == 200
        assert headers["content-type"].startswith("application/x-ndjson")
        out = [json.loads(line) for line in body.decode().splitlines()]
        assert [o["line"] for o in out] == [1, 2, 3, 5, *range(6, 606)]
        assert out[0]["id"] == "a"
        assert out[0]["lead"] == "vsse"
        assert out[1]["error"]["code"] == "unknown-case-value"
        assert "thème inconnu" in out[1]["error"]["message"]
        assert out[2]["error"]["code"] == "invalid-json"
        assert out[3]["lead"] == "adiv"
        logged = records(log)
        assert len(logged) == 602  # every decision, none of the errors
        assert {entry["source"] for entry in logged} == {"serve"}
        assert [e.get("ref") for e in logged if e.get("ref")] == ["R-1"]
        # a line that is not UTF-8 is an error record, the batch goes on
        status, _, body = server.request(
            "POST", "/v1/decisions:batch", b"\xff\xfe\n" + json.dumps(LONE).encode()
        )
        out = [json.loads(line) for line in body.decode().splitlines()]
        assert out[0]["error"]["code"] == "invalid-json"
        assert out[1]["lead"] == "vsse"
    finally:
        server.stop()


def test_vocabulary_rules_and_openapi_speak_the_language_asked(log: Path) -> None:
    server = Server("--watch", "0", log=log)
    try:
        status, _, body = server.get(
            "/v1/vocabulary", headers={"Accept-Language": "fr-BE,fr;q=0.9,en;q=0.5"}
        )
        vocabulary = json.loads(body)
        assert vocabulary["lang"] == "fr"
        assert {"id": "adiv"}.items() <= vocabulary["services"][0].items() or True
        labels = {term["id"]: term["label"] for term in vocabulary["services"]}
        assert "SGRS" in labels["adiv"]
        status, _, body = server.get("/v1/rules?lang=nl")
        listed = json.loads(body)
        assert listed["ruleset"].startswith("sha256:")
        assert len(listed["rules"]) > 50
        status, _, body = server.get("/v1/rules/terrorism.ocd")
        assert status == 404
        assert "terrorism.ocad" in json.loads(body)["error"]["message"]
        status, _, body = server.get("/v1/rules/terrorism.ocad")
        assert status == 200
        assert json.loads(body)["partners"] == ["ocad"]
        status, _, body = server.get("/v1/openapi.json")
        document = json.loads(body)
        case = document["components"]["schemas"]["CaseRequest"]
        assert "terrorism" in case["properties"]["topic"]["enum"]
        assert "imminent" in case["properties"]["flags"]["items"]["enum"]
        assert {"/v1/decisions", "/v1/decisions:batch", "/v1/vocabulary", "/v1/rules"} <= set(
            document["paths"]
        )
        # explanations on request
        status, decision = server.decide(LONE, "?explain=true&lang=nl")
        assert status == 200
        assert decision["explanation"]["lead"]["rules"] == ["terrorism.art8-threat"]
        assert decision["explanation"]["counterfactuals"]
    finally:
        server.stop()


def test_two_workers_share_the_port_and_all_reload_on_sighup(rules_copy: Path, log: Path) -> None:
    server = Server("--workers", "2", "--watch", "0", rules=rules_copy, log=log)
    try:
        pids = set()
        for _ in range(60):
            pids.add(server.ready()["pid"])
        first = server.ready()["ruleset"]
        terrorism = rules_copy / "terrorism.yaml"
        terrorism.write_text(terrorism.read_text().replace("priority: 400", "priority: 410", 1))
        server.process.send_signal(signal.SIGHUP)

        def everyone_reloaded() -> bool:
            return all(server.ready()["ruleset"] != first for _ in range(20))

        server.wait_for(everyone_reloaded)
        for _ in range(20):
            assert server.decide(LONE)[0] == 200
        assert len(records(log)) == 20
        _status, _, body = server.get("/metrics")
        assert 'allocator_decisions_total{lead="vsse",outcome="decided"} 20.0' in body.decode()
    finally:
        _code, err = server.stop()
    assert len(pids) == 2, "both workers answered"
    assert "Traceback" not in err


def test_another_address_without_tokens_is_refused(tmp_path: Path) -> None:
    result = subprocess.run(
        [ALLOCATOR, "serve", "--host", "0.0.0.0", "--port", str(free_port())],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "--token-file" in result.stderr
    assert "--insecure" in result.stderr
    open_tokens = tmp_path / "tokens"
    open_tokens.write_text(f"someone {TOKEN}\n")
    open_tokens.chmod(0o644)
    result = subprocess.run(
        [ALLOCATOR, "serve", "--token-file", str(open_tokens), "--port", str(free_port())],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "chmod 600" in result.stderr
    assert "Traceback" not in result.stderr


def test_invalid_rules_stop_the_start_with_exit_3(rules_copy: Path) -> None:
    (rules_copy / "terrorism.yaml").write_text("rules: [")
    result = subprocess.run(
        [ALLOCATOR, "serve", "--rules", str(rules_copy), "--port", str(free_port())],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 3
    assert "terrorism.yaml" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_pinned_allocator_keeps_its_rule_set_through_a_reload(rules_copy: Path) -> None:
    """A request explained with its counterfactuals, or a batch, is answered under the rule set
    in force when it began, whatever reload happens meanwhile."""
    from allocator.desk.service import Allocator

    with Allocator.from_directory(rules_copy) as allocator:
        pinned = allocator.pinned()
        before = pinned.policy.fingerprint
        terrorism = rules_copy / "terrorism.yaml"
        terrorism.write_text(terrorism.read_text().replace("priority: 400", "priority: 410", 1))
        allocator.reload()
        assert allocator.policy.fingerprint != before
        assert pinned.policy.fingerprint == before
        assert pinned.decide(LONE).ruleset == before
        assert pinned.answer(LONE).ruleset == before
        assert allocator.decide(LONE).ruleset != before
