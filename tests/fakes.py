"""Local stand-ins for arXiv, Crossref and doi.org, served on 127.0.0.1."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit
from xml.sax.saxutils import escape

ATOM_ENTRY = """<entry>
<id>http://arxiv.org/abs/{id}v2</id>
<published>{year}-03-01T00:00:00Z</published>
<title>{title}</title>
<summary>{abstract}</summary>
{authors}
<arxiv:primary_category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>{extra}
</entry>"""
FEED = ('<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" '
        'xmlns:arxiv="http://arxiv.org/schemas/atom">\n{entries}\n</feed>\n')
ERROR_ENTRY = ("<entry><id>http://arxiv.org/api/errors#bad</id><title>Error</title>"
               "<summary>incorrect id format for {id}</summary></entry>")


class LocalServer:
    """A server on 127.0.0.1 (self.base) whose every GET is answered by
    self.reply(path, request headers) -> (status, body, response headers)."""

    def __init__(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the stdlib's name
                status, body, headers = server.reply(self.path, self.headers)
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body.encode("utf-8"))

            def log_message(self, format, *args):  # noqa: A002
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        # A short poll, so that close() returns at once rather than after half a second.
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                         daemon=True).start()

    def reply(self, path: str, headers) -> tuple[int, str, dict[str, str]]:
        raise NotImplementedError

    def close(self):
        self.httpd.shutdown()


class FakeScholarlyServer(LocalServer):
    """arXiv at /arxiv, Crossref at /crossref/works/DOI, doi.org at /doi/DOI."""

    def __init__(self):
        self.arxiv: dict[str, dict] = {}      # id -> {"title", "authors", "year"} and optional
        #                                       "abstract", and "answer_id" (a wrong id it sends)
        self.arxiv_faults: list[str] = []     # the next arXiv replies: "503", "error", "truncated"
        self.crossref: dict[str, dict] = {}   # lowercased DOI -> CSL message
        self.doi: dict[str, dict] = {}        # lowercased DOI -> CSL JSON
        self.requests: list[str] = []
        self.times: list[float] = []
        super().__init__()

    def reply(self, path: str, headers) -> tuple[int, str, dict[str, str]]:
        self.requests.append(path)
        self.times.append(time.monotonic())
        status, body, kind = self.answer(path, headers.get("Accept", ""))
        sent = {"Content-Type": kind}
        if path.startswith("/crossref"):   # Crossref's own rate-limit headers
            sent.update({"X-Rate-Limit-Limit": "5", "X-Rate-Limit-Interval": "1s"})
        return status, body, sent

    def env(self) -> dict[str, str]:
        return {"READINGLIST_ARXIV_API": f"{self.base}/arxiv",
                "READINGLIST_CROSSREF_API": f"{self.base}/crossref",
                "READINGLIST_DOI_RESOLVER": f"{self.base}/doi"}

    def answer(self, path: str, accept: str) -> tuple[int, str, str]:
        parts = urlsplit(path)
        if parts.path == "/arxiv":
            wanted = parse_qs(parts.query).get("id_list", [""])[0]
            fault = self.arxiv_faults.pop(0) if self.arxiv_faults else None
            if fault == "503":
                return 503, "Service Unavailable", "text/plain"
            if fault == "error":   # arXiv's own way: HTTP 200 and an entry titled "Error"
                return 200, FEED.format(entries=ERROR_ENTRY.format(id=wanted)), \
                    "application/atom+xml"
            feed = self._feed(wanted)
            return 200, feed[:len(feed) // 2] if fault == "truncated" else feed, \
                "application/atom+xml"
        if parts.path.startswith("/crossref/works/"):
            doi = unquote(parts.path.removeprefix("/crossref/works/")).lower()
            if doi in self.crossref:
                return 200, json.dumps({"status": "ok", "message": self.crossref[doi]}), \
                    "application/json"
            return 404, "Resource not found.", "text/plain"
        if parts.path.startswith("/doi/") and "citationstyles" in accept:
            doi = unquote(parts.path.removeprefix("/doi/")).lower()
            if doi in self.doi:
                return 200, json.dumps(self.doi[doi]), "application/vnd.citationstyles.csl+json"
        return 404, "not found", "text/plain"

    def _feed(self, wanted: str) -> str:
        # arXiv's own way: HTTP 200 and an entry titled "Error" for a malformed id; an
        # unknown id simply has no entry.
        if any(not w[:1].isdigit() for w in wanted.split(",")):
            return FEED.format(entries=ERROR_ENTRY.format(id=wanted))
        entries = []
        for arxiv in wanted.split(","):
            if arxiv in self.arxiv:
                paper = self.arxiv[arxiv]
                authors = "\n".join(f"<author><name>{n}</name></author>"
                                    for n in paper["authors"])
                extra = "".join(f"\n<arxiv:{name}>{paper[name]}</arxiv:{name}>"
                                for name in ("journal_ref", "doi") if paper.get(name))
                entries.append(ATOM_ENTRY.format(
                    id=paper.get("answer_id", arxiv), year=paper["year"], extra=extra,
                    title=paper["title"], authors=authors,
                    abstract=escape(paper.get("abstract", "An invented abstract."))))
        return FEED.format(entries="\n".join(entries))

class MisbehavingServer:
    """Answers like the web does on a bad day: 404, 410, 5xx, 429 with Retry-After, hangs,
    redirects. Records every request with its start time, and the most requests at once."""

    def __init__(self):
        self.hits: dict[str, list[float]] = {}
        self.in_flight = 0
        self.most_in_flight = 0
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                server.serve(self)

            def log_message(self, format, *args):  # noqa: A002
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def serve(self, handler) -> None:
        import time
        path = urlsplit(handler.path).path
        with self.lock:
            self.hits.setdefault(path, []).append(time.monotonic())
            count = len(self.hits[path])
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            status, headers = self.route(path, count)
            if path.startswith("/slow"):
                time.sleep(0.2)
            if path == "/hang":
                time.sleep(3)
            handler.send_response(status)
            for name, value in headers.items():
                handler.send_header(name, value)
            handler.send_header("Content-Length", "2")
            handler.end_headers()
            handler.wfile.write(b"ok")
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            with self.lock:
                self.in_flight -= 1

    @staticmethod
    def route(path: str, count: int) -> tuple[int, dict[str, str]]:
        if path == "/missing":
            return 404, {}
        if path == "/gone":
            return 410, {}
        if path == "/broken":
            return 500, {}
        if path == "/flaky":
            return (503, {}) if count <= 2 else (200, {})
        if path == "/limited":
            return (429, {"Retry-After": "1"}) if count == 1 else (200, {})
        if path == "/redirect":
            return 302, {"Location": "/ok"}
        return 200, {}

    def close(self):
        self.httpd.shutdown()
