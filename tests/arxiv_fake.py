"""A local stand-in for the arXiv API and the Hugging Face papers API, with fault injection.

Serves Atom in the format export.arxiv.org answers with (see
tests/fixtures/arxiv/, modelled on real recorded answers), merges the entries
of several fixtures for multi-id requests, answers malformed ids with the
API's 400 ``Error`` feed, and leaves unknown ids out of the feed. Used by the
tests and by benchmarks/add_bench.py.
"""

from __future__ import annotations

import json
import re
import threading
import time
import xml.etree.ElementTree as ET
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
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
]


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


def feed_xml(ids: list[str], entries: list[ET.Element]) -> bytes:
    """A whole answer: the feed head as arXiv writes it, then the entries."""
    id_text = ",".join(ids)
    root = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(root, f"{{{ATOM}}}id").text = "https://arxiv.org/api/fake" + str(abs(hash(id_text)) % 10**8)
    ET.SubElement(root, f"{{{ATOM}}}title").text = (
        f"arXiv Query: search_query=&id_list={id_text}&start=0&max_results={len(ids)}"
    )
    ET.SubElement(root, f"{{{ATOM}}}updated").text = "2026-04-20T09:00:00Z"
    ET.SubElement(
        root,
        f"{{{ATOM}}}link",
        href=f"https://arxiv.org/api/query?search_query=&start=0&max_results={len(ids)}&id_list={id_text}",
        type="application/atom+xml",
    )
    ET.SubElement(root, f"{{{OPENSEARCH}}}itemsPerPage").text = str(len(ids))
    ET.SubElement(root, f"{{{OPENSEARCH}}}totalResults").text = str(len(entries))
    ET.SubElement(root, f"{{{OPENSEARCH}}}startIndex").text = "0"
    root.extend(entries)
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def error_xml(bad_id: str) -> bytes:
    """The 400 answer for a malformed id, as the API writes it."""
    text = (FIXTURES / "error-400.xml").read_text(encoding="utf-8")
    return text.replace("2404.1101", escape(bad_id)).encode("utf-8")


class FakeServices:
    """arXiv at ``/api/query``, Hugging Face at ``/api/papers/<id>``, plain pages at ``/page/...``.

    ``arxiv_faults`` / ``hf_faults``: queues of faults, one used per request:
    ``("status", code, headers)``, ``("hang", seconds)``, ``("truncate",)``, ``("invalid",)``,
    ``("empty",)``, ``("html",)``; ``("trickle", seconds, interval)``: headers at once, then a few
    bytes every ``interval`` s for ``seconds``; ``("redirect",)``: a 302 to the same URL (a loop);
    ``("bad_gzip",)``: ``Content-Encoding: gzip`` on a body that is not gzip.
    """

    def __init__(self, entries: dict[str, ET.Element] | None = None, hf: dict[str, Any] | None = None):
        self.entries = fixture_entries() if entries is None else entries
        self.hf: dict[str, Any] = hf or {}
        self.arxiv_faults: deque[tuple[Any, ...]] = deque()
        self.hf_faults: deque[tuple[Any, ...]] = deque()
        self.arxiv_log: list[tuple[float, list[str]]] = []  # (monotonic time, ids asked)
        self.hf_log: list[str] = []
        self.pages: dict[str, int] = {}  # /page/<name> -> status
        self._lock = threading.Lock()
        services = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # no 40 ms delayed-ACK stalls between header and body

            def log_message(self, *args: Any) -> None:
                pass

            def do_HEAD(self) -> None:
                self.do_GET(head=True)

            def do_GET(self, head: bool = False) -> None:
                parts = urlsplit(self.path)
                if parts.path == "/api/query":
                    services._arxiv(self, parse_qs(parts.query))
                elif parts.path.startswith("/api/papers/"):
                    services._hf(self, parts.path[len("/api/papers/") :])
                elif parts.path.startswith("/page/"):
                    status = services.pages.get(parts.path[len("/page/") :], 404)
                    services._send(self, status, b"" if head else b"<html>page</html>", "text/html")
                else:
                    services._send(self, 404, b"not here", "text/plain")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.block_on_close = False
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    # -- lifecycle ----------------------------------------------------------
    def __enter__(self) -> FakeServices:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def arxiv_url(self) -> str:
        return self.base + "/api/query"

    @property
    def hf_url(self) -> str:
        return self.base + "/api"

    # -- answers ------------------------------------------------------------
    @staticmethod
    def _send(handler: BaseHTTPRequestHandler, status: int, body: bytes, ctype: str,
              headers: dict[str, str] | None = None) -> None:
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

    def _arxiv(self, handler: BaseHTTPRequestHandler, query: dict[str, list[str]]) -> None:
        ids = [i for i in ",".join(query.get("id_list", [""])).split(",") if i]
        with self._lock:
            self.arxiv_log.append((time.monotonic(), ids))
            fault = self.arxiv_faults.popleft() if self.arxiv_faults else None
        atom = "application/atom+xml; charset=utf-8"
        if fault is not None:
            kind = fault[0]
            if kind == "status":
                headers = fault[2] if len(fault) > 2 else {}
                self._send(handler, fault[1], b"Rate exceeded.\n", "text/plain", headers)
                return
            if kind == "trickle":
                self._trickle(handler, fault[1], fault[2])
                return
            if kind == "redirect":
                self._send(handler, 302, b"", "text/plain", {"Location": handler.path})
                return
            if kind == "bad_gzip":
                self._send(handler, 200, b"this is not gzip at all", atom, {"Content-Encoding": "gzip"})
                return
            if kind == "hang":
                time.sleep(fault[1])
            elif kind == "invalid":
                self._send(handler, 200, b"<?xml version='1.0'?>\n<feed><entry><title>x</feed>\n", atom)
                return
            elif kind == "html":
                self._send(handler, 200, b"<html><body>Service Unavailable</body></html>", "text/html")
                return
            elif kind == "empty":
                self._send(handler, 200, feed_xml(ids, []), atom)
                return
        for arxiv_id in ids:
            m = _ID.fullmatch(arxiv_id)
            if m is None:
                self._send(handler, 400, error_xml(arxiv_id), atom)
                return
        entries = [self.entries[i] for i in ids if i in self.entries]
        body = feed_xml(ids, entries)
        if fault is not None and fault[0] == "truncate":
            body = body[: len(body) // 2]
        self._send(handler, 200, body, atom)

    @staticmethod
    def _trickle(handler: BaseHTTPRequestHandler, seconds: float, interval: float) -> None:
        """A 200 whose body arrives 10 bytes at a time: every read is quick, the whole is slow."""
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
            pass

    def _hf(self, handler: BaseHTTPRequestHandler, arxiv_id: str) -> None:
        with self._lock:
            self.hf_log.append(arxiv_id)
            fault = self.hf_faults.popleft() if self.hf_faults else None
        if fault is not None and fault[0] == "status":
            self._send(handler, fault[1], b'{"error":"busy"}', "application/json", fault[2] if len(fault) > 2 else {})
            return
        if arxiv_id not in self.hf:
            self._send(handler, 404, b'{"error":"Entry not found"}', "application/json")
            return
        data = {"id": arxiv_id, "title": "", **self.hf[arxiv_id]}
        self._send(handler, 200, json.dumps(data).encode(), "application/json")


def point_at(monkeypatch: Any, services: FakeServices, delay: float = 0.0) -> None:
    """Send paperweek's arXiv and HF requests to ``services``, with short timeouts and backoff."""
    monkeypatch.setenv("PAPERWEEK_ARXIV_API_URL", services.arxiv_url)
    monkeypatch.setenv("PAPERWEEK_HF_API_URL", services.hf_url)
    monkeypatch.setenv("PAPERWEEK_ARXIV_DELAY", str(delay))
    for prefix in ("ARXIV", "HF"):
        monkeypatch.setenv(f"PAPERWEEK_{prefix}_TIMEOUT", "0.5")
        monkeypatch.setenv(f"PAPERWEEK_{prefix}_BACKOFF", "0.02")
        monkeypatch.setenv(f"PAPERWEEK_{prefix}_RETRIES", "3")
        monkeypatch.setenv(f"PAPERWEEK_{prefix}_BUDGET", "10")
    monkeypatch.setenv("PAPERWEEK_LINK_TIMEOUT", "2")


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
