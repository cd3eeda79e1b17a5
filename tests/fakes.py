"""The one fake-server toolkit: local stand-ins for every service paperweek talks to.

Each fake is a real HTTP server on 127.0.0.1 (a free port, a daemon thread) answering in the
service's own format, so the tests exercise paperweek's real HTTP stack and parsers:

- ``FakeServices``: the arXiv API (Atom, as export.arxiv.org writes it; see tests/fixtures/arxiv/,
  modelled on real recorded answers) for ``id_list`` and paged ``search_query`` requests, the
  Hugging Face papers API (JSON) and plain pages (for link checks);
- ``FakeLLM``: an OpenAI-compatible ``chat.completions`` endpoint with scripted replies;
- ``serve_folder``: a static site (the built site, as GitHub Pages would serve it).

Every fake records what it was asked (``requests``: one ``Seen`` each) and takes faults (``Fault``)
that the client must survive. conftest.py turns them into fixtures (``services``,
``fake_services``, ``fake_llm``). Also used by benchmarks/add_bench.py and atom_parse_bench.py.
"""

from __future__ import annotations

import contextlib
import functools
import json
import re
import select
import socket
import threading
import time
import xml.etree.ElementTree as ET
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "arxiv"
ATOM = "http://www.w3.org/2005/Atom"
ARXIV = "http://arxiv.org/schemas/atom"
OPENSEARCH = "http://a9.com/-/spec/opensearch/1.1/"
ET.register_namespace("", ATOM)
ET.register_namespace("arxiv", ARXIV)
ET.register_namespace("opensearch", OPENSEARCH)

_ID = re.compile(r"(\d{4}\.\d{4,5}|[a-z][a-z\-]+(\.[A-Z]{2})?/\d{7})(v\d+)?")
SEED_IDS = [
    "2404.11018", "2404.03592", "2404.04125", "2404.07143", "2404.07965",
    "2404.05875", "2404.07987", "2404.10667", "2404.09833", "2404.09990",
]  # fmt: skip

# A fault, one used per request: ("status", code[, headers]); ("hang", seconds): answer late;
# ("trickle", seconds, interval): headers at once, then 10 bytes every ``interval`` s for ``seconds``;
# ("redirect",): a 302 to the same URL (a loop); ("bad_gzip",): ``Content-Encoding: gzip`` on a body
# that is not gzip; ("gzip_bomb", megabytes): a small gzip body that inflates to that many MB of zeros;
# and for arXiv only: ("truncate",), ("invalid",), ("empty",), ("html",).
Fault = tuple[Any, ...]


# --- the server every fake runs on -----------------------------------------------------------


@dataclass
class Seen:
    """One request as the fake received it (headers lower-cased; a JSON body parsed)."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: Any  # the parsed JSON when the request sent JSON, else the raw bytes
    at: float  # time.monotonic() on arrival
    gave_up: bool = False  # the client hung up before the (late or slow) answer was complete


class LocalServer:
    """A ThreadingHTTPServer on 127.0.0.1 in a daemon thread; a context manager.

    Subclasses answer in ``answer(handler, seen)``; every request is recorded in ``requests`` first.
    """

    def __init__(self, handler: Any = None) -> None:
        self.requests: list[Seen] = []
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler or _handler_for(self))
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    def __enter__(self) -> Any:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    @property
    def base(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def record(self, handler: BaseHTTPRequestHandler) -> Seen:
        parts = urlsplit(handler.path)
        raw = handler.rfile.read(int(handler.headers.get("Content-Length") or 0))
        ctype = handler.headers.get("Content-Type", "")
        body: Any = json.loads(raw) if raw and ctype.startswith("application/json") else raw
        headers = {k.lower(): v for k, v in handler.headers.items()}
        seen = Seen(handler.command, parts.path, parse_qs(parts.query), headers, body, time.monotonic())
        with self._lock:
            self.requests.append(seen)
        return seen

    def answer(self, handler: BaseHTTPRequestHandler, seen: Seen) -> None:
        send(handler, 501, b"not implemented", "text/plain")

    def client_gave_up(self, seen: Seen) -> None:
        """Record that the client hung up on ``seen`` before its answer was complete."""
        with self._changed:
            seen.gave_up = True
            self._changed.notify_all()

    def wait_for_give_ups(self, count: int, seconds: float = 60) -> list[Seen]:
        """The requests the client hung up on, once there are ``count`` (the server thread notices a
        hang-up a moment after the client returns); fails the test if they never come."""
        with self._changed:
            self._changed.wait_for(lambda: sum(r.gave_up for r in self.requests) >= count, timeout=seconds)
            given_up = [r for r in self.requests if r.gave_up]
        assert len(given_up) >= count, f"the client hung up on {len(given_up)} request(s), not {count}"
        return given_up


def _handler_for(owner: LocalServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # no 40 ms delayed-ACK stalls between header and body

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _any(self) -> None:
            owner.answer(self, owner.record(self))

        do_GET = do_HEAD = do_POST = _any

    return Handler


def send(handler: BaseHTTPRequestHandler, status: int, body: bytes, ctype: str,
         headers: dict[str, str] | None = None) -> None:
    """One whole answer (no body for HEAD); a client that hung up already is not an error."""
    try:
        handler.send_response(status)
        handler.send_header("Content-Type", ctype)
        handler.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            handler.send_header(key, value)
        handler.end_headers()
        if handler.command != "HEAD":
            handler.wfile.write(body)
    except (BrokenPipeError, ConnectionResetError):
        pass


def send_fault(server: LocalServer, handler: BaseHTTPRequestHandler, seen: Seen, fault: Fault, body: bytes,
               ctype: str) -> bool:
    """Answer with one of the protocol-level faults; False for a fault that is not one (or a hang the client
    sat through, after it). A client that hangs up during a hang or a trickle is recorded (``Seen.gave_up``)."""
    kind = fault[0]
    if kind == "status":
        send(handler, fault[1], body, ctype, fault[2] if len(fault) > 2 else {})
    elif kind == "trickle":
        if not trickle(handler, fault[1], fault[2]):
            server.client_gave_up(seen)
    elif kind == "redirect":
        send(handler, 302, b"", "text/plain", {"Location": handler.path})
    elif kind == "bad_gzip":
        send(handler, 200, b"this is not gzip at all", ctype, {"Content-Encoding": "gzip"})
    elif kind == "raw":  # ("raw", body): a 200 whose body is exactly these bytes
        send(handler, 200, fault[1], ctype)
    elif kind == "gzip_bomb":
        send(handler, 200, gzip_bomb(fault[1]), ctype, {"Content-Encoding": "gzip"})
    elif kind == "hang" and not hold(handler, fault[1]):
        server.client_gave_up(seen)  # nobody left to answer
    else:
        return False
    return True


def gzip_bomb(megabytes: int) -> bytes:
    """A valid gzip body of ``megabytes`` MB of zeros, about 1 kB per MB, built without compressing them
    all: after the first MB, each flushed deflate block of another MB of zeros is the same bytes."""
    import struct
    import zlib

    zeros = bytes(1 << 20)
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    first = packer.compress(zeros) + packer.flush(zlib.Z_FULL_FLUSH)
    again = packer.compress(zeros) + packer.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(megabytes):
        crc = zlib.crc32(zeros, crc)
    final_empty_block = b"\x03\x00"
    return first + again * (megabytes - 1) + final_empty_block + struct.pack("<II", crc, (megabytes << 20) & 0xFFFFFFFF)


def hold(handler: BaseHTTPRequestHandler, seconds: float) -> bool:
    """Wait ``seconds`` before answering; False as soon as the client hangs up (it gave up waiting)."""
    sock = handler.connection
    end = time.monotonic() + seconds
    while (left := end - time.monotonic()) > 0:
        readable, _, _ = select.select([sock], [], [], left)
        if not readable:
            continue
        try:
            if not sock.recv(1, socket.MSG_PEEK):
                return False  # end of stream: the client closed the connection
        except OSError:
            return False  # reset by the client
        time.sleep(min(left, 0.01))  # bytes of a next request: the client is still there
    return True


def trickle(handler: BaseHTTPRequestHandler, seconds: float, interval: float) -> bool:
    """A 200 whose body arrives 10 bytes at a time: every read is quick, the whole is slow.
    False when the client hung up before the body was complete."""
    body = b"<?xml version='1.0'?>" + b" " * 100_000
    try:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/atom+xml")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        end = time.monotonic() + seconds
        sent = 0
        while time.monotonic() < end and sent < len(body):
            handler.wfile.write(body[sent : sent + 10])
            handler.wfile.flush()
            sent += 10
            time.sleep(interval)
    except (BrokenPipeError, ConnectionResetError):
        return False
    return True


def refused_port() -> int:
    """A port on 127.0.0.1 that nothing listens on: connecting is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])  # closed again


# --- arXiv Atom --------------------------------------------------------------------------------


def fixture_entries() -> dict[str, ET.Element]:
    """The <entry> of every fixture file, by versionless id."""
    out: dict[str, ET.Element] = {}
    for path in sorted(FIXTURES.glob("*.xml")):
        root = ET.parse(path).getroot()
        for entry in root.findall(f"{{{ATOM}}}entry"):
            entry_id = entry.findtext(f"{{{ATOM}}}id") or ""
            if "/api/errors" in entry_id:
                continue
            m = _ID.search(entry_id.split("/abs/", 1)[1])
            assert m is not None
            out[m.group(1)] = entry
    return out


def make_entry(
    arxiv_id: str,
    title: str,
    abstract: str,
    authors: list[str],
    published: str,
    categories: list[str],
    comment: str = "",
    version: str = "v1",
) -> ET.Element:
    """An <entry> in the API's format (for synthetic records, e.g. the benchmark's)."""
    cats = "".join(f'    <category term="{c}" scheme="{ARXIV}"/>\n' for c in categories)
    names = "".join(f"    <author>\n      <name>{escape(a)}</name>\n    </author>\n" for a in authors)
    extra = f"    <arxiv:comment>{escape(comment)}</arxiv:comment>\n" if comment else ""
    text = (
        f'<entry xmlns="{ATOM}" xmlns:arxiv="{ARXIV}">\n'
        f"    <id>http://arxiv.org/abs/{arxiv_id}{version}</id>\n"
        f"    <title>{escape(title)}</title>\n"
        f"    <updated>{published}</updated>\n"
        f'    <link href="https://arxiv.org/abs/{arxiv_id}{version}" rel="alternate" type="text/html"/>\n'
        f'    <link href="https://arxiv.org/pdf/{arxiv_id}{version}" rel="related" type="application/pdf" '
        f'title="pdf"/>\n'
        f"    <summary>{escape(abstract)}</summary>\n{cats}"
        f"    <published>{published}</published>\n{extra}"
        f'    <arxiv:primary_category term="{categories[0]}"/>\n{names}'
        "  </entry>"
    )
    return ET.fromstring(text)


def synthetic_entries(count: int, start: int = 1) -> dict[str, ET.Element]:
    """``count`` plausible entries with ids 2501.0NNNN (for batching tests)."""
    out = {}
    for n in range(start, start + count):
        arxiv_id = f"2501.{n:05d}"
        out[arxiv_id] = make_entry(
            arxiv_id,
            f"Synthetic Paper {n}: Scaling Laws for Test Fixtures",
            f"We study fixture number {n}. Our method improves tests. Code: https://github.com/example/p{n}.",
            ["Ada Lovelace", "Alan Turing"],
            "2025-01-06T10:00:00Z",
            ["cs.LG", "cs.AI"],
        )
    return out


def feed_xml(ids: list[str], entries: list[ET.Element], total: int | None = None, start: int = 0) -> bytes:
    """A whole answer: the feed head as arXiv writes it, then the entries (one page of ``total``)."""
    id_text = ",".join(ids)
    root = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(root, f"{{{ATOM}}}id").text = "https://arxiv.org/api/fake" + str(abs(hash(id_text)) % 10**8)
    ET.SubElement(root, f"{{{ATOM}}}title").text = (
        f"arXiv Query: search_query=&id_list={id_text}&start={start}&max_results={len(ids)}"
    )
    ET.SubElement(root, f"{{{ATOM}}}updated").text = "2026-04-20T09:00:00Z"
    ET.SubElement(
        root,
        f"{{{ATOM}}}link",
        href=f"https://arxiv.org/api/query?search_query=&start={start}&max_results={len(ids)}&id_list={id_text}",
        type="application/atom+xml",
    )
    ET.SubElement(root, f"{{{OPENSEARCH}}}itemsPerPage").text = str(len(ids))
    ET.SubElement(root, f"{{{OPENSEARCH}}}totalResults").text = str(len(entries) if total is None else total)
    ET.SubElement(root, f"{{{OPENSEARCH}}}startIndex").text = str(start)
    root.extend(entries)
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def error_xml(bad_id: str) -> bytes:
    """The 400 answer for a malformed id, as the API writes it."""
    text = (FIXTURES / "error-400.xml").read_text(encoding="utf-8")
    return text.replace("2404.1101", escape(bad_id)).encode("utf-8")


class FakeServices(LocalServer):
    """arXiv at ``/api/query``, Hugging Face at ``/api/papers/<id>``, plain pages at ``/page/<name>``.

    ``entries`` answer ``id_list`` requests (unknown ids are left out of the feed, malformed ones get
    the API's 400 ``Error`` feed); ``search`` answers every ``search_query`` request, in pages of at
    most ``page_size`` from ``start``. ``arxiv_faults`` / ``hf_faults`` are queues of ``Fault``.
    Records: ``arxiv_log`` (arrival time, ids asked), ``arxiv_queries`` (each query string, parsed),
    ``hf_log`` (ids asked) and ``requests`` (everything).
    """

    def __init__(self, entries: dict[str, ET.Element] | None = None, hf: dict[str, Any] | None = None,
                 search: list[ET.Element] | None = None, page_size: int = 3) -> None:
        super().__init__()
        self.entries = fixture_entries() if entries is None else entries
        self.hf: dict[str, Any] = hf or {}
        self.search: list[ET.Element] = search or []
        self.page_size = page_size
        self.arxiv_faults: deque[Fault] = deque()
        self.hf_faults: deque[Fault] = deque()
        self.arxiv_log: list[tuple[float, list[str]]] = []
        self.arxiv_queries: list[dict[str, list[str]]] = []
        self.hf_log: list[str] = []
        self.pages: dict[str, int] = {}  # /page/<name> -> status

    def __enter__(self) -> FakeServices:
        return super().__enter__()  # type: ignore[no-any-return]

    @property
    def arxiv_url(self) -> str:
        return self.base + "/api/query"

    @property
    def hf_url(self) -> str:
        return self.base + "/api"

    def answer(self, handler: BaseHTTPRequestHandler, seen: Seen) -> None:
        if seen.method not in ("GET", "HEAD"):
            super().answer(handler, seen)
        elif seen.path == "/api/query":
            self._arxiv(handler, seen)
        elif seen.path.startswith("/api/papers/"):
            self._hf(handler, seen, seen.path[len("/api/papers/") :])
        elif seen.path.startswith("/page/"):
            send(handler, self.pages.get(seen.path[len("/page/") :], 404), b"<html>page</html>", "text/html")
        else:
            send(handler, 404, b"not here", "text/plain")

    def _arxiv(self, handler: BaseHTTPRequestHandler, seen: Seen) -> None:
        query = seen.query
        ids = [i for i in ",".join(query.get("id_list", [""])).split(",") if i]
        with self._lock:
            self.arxiv_log.append((seen.at, ids))
            self.arxiv_queries.append(query)
            fault = self.arxiv_faults.popleft() if self.arxiv_faults else None
        atom = "application/atom+xml; charset=utf-8"
        if fault is not None:
            kind = fault[0]
            if send_fault(self, handler, seen, fault, b"Rate exceeded.\n", "text/plain" if kind == "status" else atom):
                return
            if kind == "invalid":
                send(handler, 200, b"<?xml version='1.0'?>\n<feed><entry><title>x</feed>\n", atom)
                return
            if kind == "html":
                send(handler, 200, b"<html><body>Service Unavailable</body></html>", "text/html")
                return
            if kind == "empty":
                send(handler, 200, feed_xml(ids, []), atom)
                return
        if "search_query" in query:
            start = int(query.get("start", ["0"])[0])
            size = min(int(query.get("max_results", ["10"])[0]), self.page_size)
            send(handler, 200, feed_xml([], self.search[start : start + size], len(self.search), start), atom)
            return
        for arxiv_id in ids:
            if _ID.fullmatch(arxiv_id) is None:
                send(handler, 400, error_xml(arxiv_id), atom)
                return
        body = feed_xml(ids, [self.entries[i] for i in ids if i in self.entries])
        if fault is not None and fault[0] == "truncate":
            body = body[: len(body) // 2]
        send(handler, 200, body, atom)

    def _hf(self, handler: BaseHTTPRequestHandler, seen: Seen, arxiv_id: str) -> None:
        with self._lock:
            self.hf_log.append(arxiv_id)
            fault = self.hf_faults.popleft() if self.hf_faults else None
        if fault is not None and send_fault(self, handler, seen, fault, b'{"error":"busy"}', "application/json"):
            return
        if arxiv_id not in self.hf:
            send(handler, 404, b'{"error":"Entry not found"}', "application/json")
            return
        data = {"id": arxiv_id, "title": "", **self.hf[arxiv_id]}
        send(handler, 200, json.dumps(data).encode(), "application/json")


def point_at(monkeypatch: Any, services: FakeServices, delay: float = 0.0, *, timeout: float = 0.5,
             backoff: float = 0.02, retries: int = 3) -> None:
    """Send paperweek's arXiv and HF requests to ``services``, with short timeouts and backoff."""
    monkeypatch.setenv("PAPERWEEK_ARXIV_API_URL", services.arxiv_url)
    monkeypatch.setenv("PAPERWEEK_HF_API_URL", services.hf_url)
    monkeypatch.setenv("PAPERWEEK_ARXIV_DELAY", str(delay))
    for prefix in ("ARXIV", "HF"):
        monkeypatch.setenv(f"PAPERWEEK_{prefix}_TIMEOUT", str(timeout))
        monkeypatch.setenv(f"PAPERWEEK_{prefix}_BACKOFF", str(backoff))
        monkeypatch.setenv(f"PAPERWEEK_{prefix}_RETRIES", str(retries))
        monkeypatch.setenv(f"PAPERWEEK_{prefix}_BUDGET", "10")
    monkeypatch.setenv("PAPERWEEK_LINK_TIMEOUT", "2")


# --- OpenAI-compatible chat.completions -------------------------------------------------------


def completion(content: str) -> dict[str, Any]:
    """A response body exactly as OpenAI's chat.completions API shapes it."""
    return {
        "id": "chatcmpl-9abc",
        "object": "chat.completion",
        "created": 1714000000,
        "model": "test-model",
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": content}, "logprobs": None, "finish_reason": "stop"}
        ],
        "usage": {"prompt_tokens": 120, "completion_tokens": 30, "total_tokens": 150},
    }


SUMMARY = "The paper introduces Infini-attention, which scales Transformers to infinitely long inputs."


@dataclass
class Reply:
    """One scripted answer of ``FakeLLM``: a status, a body (bytes, or JSON), headers, a delay."""

    status: int = 200
    body: bytes | dict[str, Any] = field(default_factory=lambda: completion(SUMMARY))
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (a hang past the client's timeout)


class FakeLLM(LocalServer):
    """A chat-completions server (``base_url`` ends in /v1): the scripted replies in order, then the last one."""

    def __init__(self, replies: list[Reply]) -> None:
        super().__init__()
        self.replies = replies or [Reply()]
        self.base_url = self.base + "/v1"

    def __enter__(self) -> FakeLLM:
        return super().__enter__()  # type: ignore[no-any-return]

    def answer(self, handler: BaseHTTPRequestHandler, seen: Seen) -> None:
        if seen.method != "POST":
            super().answer(handler, seen)
            return
        with self._lock:
            n = sum(1 for r in self.requests if r.method == "POST") - 1
        reply = self.replies[min(n, len(self.replies) - 1)]
        if reply.delay and not hold(handler, reply.delay):
            self.client_gave_up(seen)
            return
        body = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body).encode()
        send(handler, reply.status, body, "application/json", reply.headers)


# --- a static site ----------------------------------------------------------------------------


class _QuietFiles(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve_folder(docroot: Path) -> Iterator[str]:
    """Serve ``docroot`` as static files (like GitHub Pages); yields the base URL (no trailing slash)."""
    server = LocalServer(functools.partial(_QuietFiles, directory=str(docroot)))
    with server:
        yield server.base
