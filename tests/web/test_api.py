"""The JSON API against a real uvicorn server on a loopback port: the same answers as the
library and the command line, every bad input with its status and message, never a 500."""

from __future__ import annotations

import contextlib
import datetime
import http.client
import io
import json
import select
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import urlsplit

import pytest

import algokader
from algokader.cli import main, read_system

from .conftest import ROOT

EXAMPLES = sorted((ROOT / "examples").iterdir())
RULES = algokader.load()


def call(
    base_url: str,
    method: str,
    path: str,
    body: object = None,
    raw: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], Any]:
    """One request; returns status, headers and the JSON reply (or the text when it is not JSON)."""
    where = urlsplit(base_url)
    connection = http.client.HTTPConnection(where.hostname, where.port, timeout=30)
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    sent = {"Content-Type": "application/json", **(headers or {})}
    try:
        connection.request(method, path, body=data, headers=sent)
        response = connection.getresponse()
        content = response.read()
        found = {k.lower(): v for k, v in response.getheaders()}
    finally:
        connection.close()
    try:
        return response.status, found, json.loads(content)
    except ValueError:
        return response.status, found, content.decode("utf-8", "replace")


def cli_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_check_is_exactly_the_json_of_the_command_line(
    base_url: str, capsys: pytest.CaptureFixture[str], example: Any
) -> None:
    system = read_system(str(example), io.StringIO())
    plain = json.loads(json.dumps(system, default=str))  # a TOML date travels as its text
    status, _, data = call(base_url, "POST", "/api/check", {"system": plain})
    assert status == 200
    assert data == cli_json(capsys, "check", str(example), "--format", "json")


def test_check_with_only_labels_and_mode(base_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    example = str(ROOT / "examples" / "chatbot.yaml")
    system = read_system(example, io.StringIO())
    body = {"system": system, "only": ["aia-14", "aia-00"], "labels": ["gebruiksverantwoordelijke"]}
    status, _, data = call(base_url, "POST", "/api/check", body)
    assert status == 200
    argv = ["check", example, "--only", "aia-14,aia-00", "--labels", "gebruiksverantwoordelijke"]
    assert data == cli_json(capsys, *argv, "--format", "json")
    status, _, data = call(
        base_url, "POST", "/api/check", {"labels": ["hoog-risico AI", "aanbieder"], "mode": "labels"}
    )
    assert status == 200
    expected = RULES.evaluate(labels=["hoog-risico AI", "aanbieder"], mode="labels")
    assert data == expected.as_dict()


def test_explain_requirements_and_facts(base_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    example = str(ROOT / "examples" / "fraude-risicoscore.json")
    system = json.loads((ROOT / "examples" / "fraude-risicoscore.json").read_text("utf-8"))
    status, _, data = call(base_url, "POST", "/api/explain/aia-14", {"system": system})
    assert status == 200
    assert data == cli_json(capsys, "explain", "aia-14", example, "--format", "json")
    status, _, data = call(base_url, "GET", "/api/requirements")
    assert status == 200 and data == cli_json(capsys, "list", "--format", "json")
    status, _, data = call(base_url, "GET", "/api/facts?lang=en")
    assert status == 200
    facts = {f["name"]: f for f in data["facts"]}
    assert set(facts) == set(RULES.facts)
    for name, info in RULES.facts.items():
        wording = info.question
        assert facts[name]["question"] == (wording.render("en") if wording is not None else None)
        assert facts[name]["kind"] == info.kind.value and facts[name]["values"] == list(info.values)


def test_interview_gives_the_engines_next_question_and_report(base_url: str) -> None:
    system = read_system(str(ROOT / "examples" / "chatbot.yaml"), io.StringIO())
    only = [rid for rid in RULES.requirements if rid.startswith("aia-")]
    answers: dict[str, Any] = {}
    skipped: list[str] = []
    for _ in range(60):
        status, _, data = call(
            base_url, "POST", "/api/interview", {"answers": answers, "skipped": skipped, "only": only}
        )
        assert status == 200
        iv = RULES.interview(only=only, system=answers)
        for fact in skipped:
            iv.skip(fact)
        question = iv.next_question()
        assert data["report"] == iv.report.as_dict()
        assert data["open"] == list(iv.open)
        if question is None:
            assert data["question"] is None
            break
        assert data["question"]["fact"] == question.fact
        assert data["question"]["text"] == question.text
        assert [o["value"] for o in data["question"]["options"]] == [o.value for o in question.options]
        assert data["question"]["settles"] == list(question.settles)
        if question.fact in system:
            answers[question.fact] = system[question.fact]
        else:
            skipped.append(question.fact)
    else:
        pytest.fail("the interview did not end")
    final = {r["id"]: (r["verdict"], r["outcomes"]) for r in data["report"]["requirements"]}
    full = RULES.evaluate(system, only=only).as_dict()
    assert final == {r["id"]: (r["verdict"], r["outcomes"]) for r in full["requirements"]}


def test_interview_in_english(base_url: str) -> None:
    status, _, data = call(base_url, "POST", "/api/interview", {"only": ["aia-14"], "lang": "en"})
    assert status == 200
    question = RULES.interview(only=["aia-14"], lang="en").next_question()
    assert question is not None and data["question"]["text"] == question.text


def test_check_and_interview_on_a_reference_date_and_regime(base_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(ROOT / "examples" / "fraude-risicoscore.json")
    system = {**read_system(path, io.StringIO()), "in-de-handel-sinds": "2024-03-01"}
    times = {"op": "2027-01-01", "regime": "oorspronkelijk"}
    status, _, data = call(base_url, "POST", "/api/check", {"system": system, **times})
    assert status == 200
    assert data == RULES.evaluate(system, **times).as_dict()
    assert (data["op"], data["regime"]) == ("2027-01-01", "oorspronkelijk")
    assert data != RULES.evaluate(system, op="2031-01-01").as_dict()  # the date reaches the report
    only = ["aia-20", "aia-14"]
    status, _, data = call(base_url, "POST", "/api/interview", {"answers": system, "only": only, **times})
    assert status == 200 and data["report"] == RULES.interview(only=only, system=system, **times).report.as_dict()
    status, _, data = call(base_url, "POST", "/api/interview", {"only": only})
    assert status == 200 and data["report"]["op"] == datetime.date.today().isoformat()
    assert data["report"]["regime"] == "omnibus"


@pytest.mark.parametrize("endpoint", ["/api/check", "/api/interview"])
@pytest.mark.parametrize(
    ("field", "value"),
    [("op", "2026-13-01"), ("op", "morgen"), ("op", ""), ("op", 20270101), ("regime", "origineel"), ("regime", 1)],
)
def test_a_bad_reference_date_or_regime_is_a_422_naming_the_field(
    base_url: str, endpoint: str, field: str, value: object
) -> None:
    status, _, data = call(base_url, "POST", endpoint, {field: value, "lang": "en"})
    found = error(data)
    assert status == 422 and found["fact"] == field and found["value"] == value
    if field == "op" and isinstance(value, str):
        assert found["message"] == f"reference date {value!r} is not a date" and "YYYY-MM-DD" in found["hint"]


def error(data: Any) -> dict[str, Any]:
    assert set(data) == {"error"}, data
    found: dict[str, Any] = data["error"]
    assert isinstance(found["message"], str) and found["message"]
    return found


def test_malformed_json_is_a_400_with_line_and_column(base_url: str) -> None:
    status, headers, data = call(base_url, "POST", "/api/check", raw=b'{"system": {\n  "profilering": tru}')
    assert status == 400 and headers["content-type"].startswith("application/json")
    found = error(data)
    assert (found["line"], found["column"]) == (2, 18)
    status, _, data = call(base_url, "POST", "/api/interview?lang=en", raw=b"\xff\xfe")
    assert status == 400 and "not valid JSON" in error(data)["message"]
    status, _, data = call(base_url, "POST", "/api/check", raw=b"[" * 100_000)
    assert status == 400


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b'{"system": {"profilering": NaN}}', "NaN is not a JSON number"),
        (b'{"answers": {"profilering": -Infinity}}', "-Infinity is not a JSON number"),
        (b'{"lang": "en", "op": Infinity}', "Infinity is not a JSON number"),
        (b'{"labels": [NaN]}', "NaN is not a JSON number"),
        (b'{"system": {"x": 1e400}}', "out of the range of a float"),
        (b'{"system": {"profilering": ' + b"1" * 5000 + b"}}", f"more than {sys.get_int_max_str_digits()} digits"),
    ],
)
def test_nan_infinity_and_numbers_too_large_to_hold_are_a_400_not_a_500(
    base_url: str, body: bytes, reason: str
) -> None:
    # Python's json reads NaN, Infinity and 1e400 (as inf), which no JSON answer can carry back,
    # and refuses an integer of more digits than it converts: all of these once gave a 500.
    for path in ("/api/check", "/api/interview", "/api/explain/aia-14"):
        status, _, data = call(base_url, "POST", path + "?lang=en", raw=body)
        assert status == 400, (path, data)
        assert error(data)["message"].startswith("the body is not valid JSON: ") and reason in error(data)["message"]


def test_an_unknown_fact_or_bad_value_is_a_422_with_did_you_mean(base_url: str) -> None:
    status, _, data = call(base_url, "POST", "/api/check", {"system": {"profileringg": True}, "lang": "en"})
    found = error(data)
    assert status == 422
    assert found["fact"] == "profileringg" and found["message"] == "unknown fact 'profileringg'"
    assert found["value"] is True  # what was given for the unknown name, not the name again
    assert found["hint"] == "did you mean 'profilering'?"
    status, _, data = call(base_url, "POST", "/api/check", {"system": {"soort-toepassing": "ai-systeemm"}})
    found = error(data)
    assert status == 422 and found["fact"] == "soort-toepassing" and found["value"] == "ai-systeemm"
    assert found["hint"] == "bedoelde je 'ai-systeem'?"
    status, _, data = call(base_url, "POST", "/api/check", {"system": {"profilering": 1}})
    assert status == 422 and error(data)["fact"] == "profilering"
    status, _, data = call(base_url, "POST", "/api/interview", {"answers": {}, "skipped": ["profileringg"]})
    assert status == 422 and error(data)["hint"] == "bedoelde je 'profilering'?"
    status, _, data = call(base_url, "POST", "/api/check", {"labels": ["hoog-risico AII"]})
    assert status == 422 and "hoog-risico AI" in error(data)["hint"]


def test_a_wrong_field_is_a_422(base_url: str) -> None:
    status, _, data = call(base_url, "POST", "/api/check", {"sytem": {}})
    assert status == 422 and error(data)["hint"] == "bedoelde je 'system'?"
    for body in ([], "text", 3, {"only": "aia-14"}, {"mode": "wet"}, {"lang": "de"}, {"system": []}):
        status, _, data = call(base_url, "POST", "/api/check", body)
        assert status == 422, body
        error(data)


def test_a_body_over_one_mebibyte_is_a_413(base_url: str) -> None:
    big = json.dumps({"system": {"x": "a" * (1 << 20)}}).encode()
    status, _, data = call(base_url, "POST", "/api/check", raw=big)
    assert status == 413 and "1048576" in error(data)["message"]
    # The same body streamed without a length is cut off at the limit too.
    where = urlsplit(base_url)
    with socket.create_connection((where.hostname, where.port), timeout=30) as sock:
        head = f"POST /api/check HTTP/1.1\r\nHost: {where.netloc}\r\nTransfer-Encoding: chunked\r\n"
        sock.sendall((head + "Content-Type: application/json\r\nConnection: close\r\n\r\n").encode())
        reply = b""
        for start in range(0, len(big), 65536):
            if select.select([sock], [], [], 0)[0]:
                break  # the server has answered: stop sending, as a client does
            chunk = big[start : start + 65536]
            sock.sendall(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
        else:
            sock.sendall(b"0\r\n\r\n")
        with contextlib.suppress(ConnectionResetError):
            while chunk := sock.recv(65536):
                reply += chunk
    assert reply.startswith(b"HTTP/1.1 413")


def test_an_unknown_id_is_a_404(base_url: str) -> None:
    status, _, data = call(base_url, "POST", "/api/explain/aia-99", {})
    assert status == 404 and error(data)["hint"] == "bedoelde je 'aia-39'?"
    status, _, data = call(base_url, "POST", "/api/check", {"only": ["aia-144"]})
    assert status == 404 and error(data)["hint"] == "bedoelde je 'aia-14'?"
    status, _, data = call(base_url, "GET", "/api/nothing-here")
    assert status == 404
    error(data)
    status, _, data = call(base_url, "GET", "/api/check")
    assert status == 405
    error(data)


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"null",
        b'{"system": null}',
        b'{"system": {"soort-toepassing": null}}',
        b'{"system": {"rol-ai-act": {"a": 1}}}',
        b'{"system": {"bijlage-iii": ["1a", "1a", 5]}}',
        b'{"system": {"soort-toepassing": "' + b"x" * 100_000 + b'"}}',
        b'{"system": {"' + b"y" * 100_000 + b'": true}}',
        b'{"system": {"datum-ingebruikname": "2026-13-45"}}',
        b'{"labels": {"Risicogroep": "hoog-risico AI"}}',
        b'{"labels": {"Onbekend": []}}',
        b'{"system": {"soort-toepassing": "ai-systeem", "soort_toepassing": "geen-algoritme"}}',
        '{"system": {"profilering": "\ud800"}}'.encode("utf-8", "surrogatepass"),
        b'{"answers": 5}',
    ],
)
def test_hostile_bodies_get_an_answer_never_a_500(base_url: str, body: bytes) -> None:
    for path in ("/api/check", "/api/explain/aia-14", "/api/interview"):
        status, headers, data = call(base_url, "POST", path, raw=body)
        assert status in (200, 400, 404, 413, 422), (path, status, data)
        assert headers["content-type"].startswith("application/json")
        if status != 200:
            assert "Traceback" not in json.dumps(data)
            error(data)


def test_two_hundred_requests_from_sixteen_threads_all_succeed(base_url: str) -> None:
    systems = [json.loads(json.dumps(read_system(str(p), io.StringIO()), default=str)) for p in EXAMPLES]
    expected = [RULES.evaluate(s).as_dict() for s in systems]

    def one(i: int) -> bool:
        if i % 2:
            status, _, data = call(base_url, "POST", "/api/check", {"system": systems[i % len(systems)]})
            return status == 200 and data == expected[i % len(systems)]
        status, _, data = call(base_url, "POST", "/api/interview", {"answers": systems[i % len(systems)]})
        return status == 200 and data["question"] is None

    with ThreadPoolExecutor(16) as pool:
        results = list(pool.map(one, range(200)))
    assert results == [True] * 200


def test_the_openapi_document_and_the_browsable_docs(base_url: str) -> None:
    status, _, document = call(base_url, "GET", "/openapi.json")
    assert status == 200 and document["openapi"].startswith("3.")
    paths = document["paths"]
    for path, method in [
        ("/api/check", "post"),
        ("/api/explain/{rid}", "post"),
        ("/api/interview", "post"),
        ("/api/requirements", "get"),
        ("/api/facts", "get"),
    ]:
        assert method in paths[path], path
    check = paths["/api/check"]["post"]
    schema = json.loads((ROOT / "src" / "algokader" / "data" / "check.schema.json").read_text("utf-8"))
    assert check["responses"]["200"]["content"]["application/json"]["schema"]["properties"] == schema["properties"]
    assert set(check["requestBody"]["content"]["application/json"]["schema"]["properties"]) == {
        "system", "only", "labels", "mode", "lang", "op", "regime"
    }  # fmt: skip
    body = check["requestBody"]["content"]["application/json"]["schema"]["properties"]
    assert body["op"]["format"] == "date"
    assert ["oorspronkelijk", "omnibus"] in [option.get("enum") for option in body["regime"]["anyOf"]]
    assert {"400", "404", "413", "422"} <= set(check["responses"])
    status, headers, page = call(base_url, "GET", "/api")
    assert status == 200 and headers["content-type"].startswith("text/html")
    for path in paths:
        assert path in page
    assert "http" not in page.split("<main", 1)[1].split("</main>", 1)[0].replace("/openapi.json", "")


def test_no_cookies_and_no_page_may_pass_the_answers_on(base_url: str) -> None:
    for method, path in [("GET", "/"), ("GET", "/vraag?only=aia-14"), ("GET", "/resultaat?profilering=ja")]:
        status, headers, _ = call(base_url, method, path)
        assert status == 200
        assert "set-cookie" not in headers
        assert headers["referrer-policy"] == "no-referrer"
        assert "default-src 'self'" in headers["content-security-policy"]


@pytest.mark.parametrize(
    ("path", "status", "text"),
    [
        ("/resultaat?profileringg=ja", 422, "bedoelde je &#39;profilering&#39;?"),
        ("/resultaat?lang=en&soort-toepassing=x", 422, "allowed values"),
        ("/uitleg/aia-99", 404, "aia-39"),
        ("/vraag?only=nope", 404, "onbekende vereiste"),
        ("/nergens", 404, "bestaat niet"),
        ("/begin?scope=one&requirement=aia-144", 404, "aia-14"),
        ("/begin?label=hoog-risico+AII", 422, "hoog-risico AI"),
        ("/resultaat?op=2026-02-30", 422, "peildatum &#39;2026-02-30&#39; is geen datum"),
        ("/vraag?lang=en&op=tomorrow", 422, "YYYY-MM-DD"),
        ("/resultaat?regime=origineel", 422, "oorspronkelijk, omnibus"),
        ("/begin?op=2026-02-30", 422, "JJJJ-MM-DD"),
    ],
)
def test_bad_input_in_a_page_address_gets_a_page_with_the_message(
    base_url: str, path: str, status: int, text: str
) -> None:
    got, headers, page = call(base_url, "GET", path)
    assert got == status and headers["content-type"].startswith("text/html")
    assert text in page


def test_algokader_serve_runs_the_application(tmp_path: Any) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "algokader", "serve", "--port", str(port), "--root-path", "/algokader"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _, page = call(f"http://127.0.0.1:{port}", "GET", "/?lang=en")
                break
            except OSError:
                assert time.monotonic() < deadline and process.poll() is None, "serve did not start"
                time.sleep(0.2)
        assert status == 200
        assert 'href="/algokader/static/style.css"' in page  # links follow the proxy's path
    finally:
        process.terminate()
        process.wait(10)


def test_the_server_process_collects_garbage_seldom_and_never_rescans_what_it_loaded() -> None:
    # In a process of its own: the collector's settings are the process's.
    script = (
        "import gc; from algokader.cli import _collect_seldom; before = gc.get_threshold(); _collect_seldom(); "
        "print(gc.get_freeze_count() > 0, gc.get_threshold()[0], gc.get_threshold()[1:] == before[1:])"
    )
    found = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert found.split() == ["True", "10000", "True"]
