"""The built site on a local server, and a Chromium-family browser driven by Playwright."""

from __future__ import annotations

import functools
import os
import shutil
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

from find_chromium import NoChromium, find_chromium
from readinglist.render.figures.connections import AGGREGATE_ABOVE
from support import REPO, build_site

# Without these, Chromium phones home at start-up, which this sandbox (rightly) refuses.
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass


class QuietServer(ThreadingHTTPServer):
    """A browser that navigates away drops the file it was reading: not an error of the site."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


def serve(directory: Path) -> Iterator[str]:
    """The site in directory on a local server, for as long as the generator is kept."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def site_url(built_site):
    yield from serve(built_site)


@pytest.fixture(scope="session")
def large_site(tmp_path_factory) -> Path:
    """The site of a generated list with more connected papers than the connections page draws
    one by one, so that it has its aggregated figure and a page per topic."""
    sys.path.insert(0, str(REPO / "scripts"))   # the benchmarks' generator is not in the package
    from bench.generate import generate
    root = generate(tmp_path_factory.mktemp("large") / "kb", AGGREGATE_ABOVE + 60)
    for part in ("docs", "scripts"):
        shutil.copytree(REPO / part, root / part, ignore=shutil.ignore_patterns("__pycache__"),
                        dirs_exist_ok=True)
    for name in ("mkdocs.yml", "CONTRIBUTING.md"):
        shutil.copy(REPO / name, root / name)
    (root / "node_modules").symlink_to(REPO / "node_modules")
    site = root.parent / "site"
    result = build_site(root, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def large_site_url(large_site):
    yield from serve(large_site)


def pytest_collection_modifyitems(config, items):
    """Without a browser, stop before the first test with the one line that says how to get
    one, rather than fail each browser test with it."""
    if any("browser" in getattr(item, "fixturenames", ()) for item in items):
        try:
            find_chromium(os.environ, shutil.which)
        except NoChromium as exc:
            pytest.exit(str(exc), returncode=pytest.ExitCode.USAGE_ERROR)


@pytest.fixture(scope="session")
def browser():
    try:
        executable = find_chromium(os.environ, shutil.which)
    except NoChromium as exc:
        pytest.fail(str(exc))      # never skip: the site's behaviour is tested here or nowhere
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Visit:
    """A browser page that records console errors and every host it asks for."""

    def __init__(self, page, base: str):
        self.page, self.base = page, base
        self.errors: list[str] = []
        self.foreign: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.route("**/*", self._route)

    def _route(self, route):
        if urlsplit(route.request.url).hostname != "127.0.0.1":
            self.foreign.append(route.request.url)
            return route.abort()
        return route.continue_()

    def goto(self, path: str):
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")
        return self.page


@pytest.fixture
def visits(browser, site_url):
    """Opens visits in browser contexts of their own (a colour scheme, a viewport), then checks
    that none asked another host for anything or met an error."""
    yield from open_visits(browser, site_url)


@pytest.fixture
def large_visits(browser, large_site_url):
    """Like visits, on the large generated site."""
    yield from open_visits(browser, large_site_url)


def open_visits(browser, url: str):
    opened = []

    def open_visit(**options) -> Visit:
        context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **options})
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url)
        opened.append((context, Visit(context.new_page(), url)))
        return opened[-1][1]

    yield open_visit
    for context, _ in opened:
        context.close()
    for _, visit in opened:
        assert visit.foreign == [], "the site asked another host for something"
        assert visit.errors == [], "the browser console reported errors"


@pytest.fixture
def visit(visits):
    return visits()


@pytest.fixture(scope="module")
def tabs(browser, site_url):
    """Like visits, but one tab per set of options, kept for the module: its cache and process
    make each of many visits faster. Checked as every visit is: no other host, no error."""
    yield from open_tabs(browser, site_url)


@pytest.fixture(scope="module")
def proposals_tabs(browser, proposals_site_url):
    """Like tabs, on the small site with proposals (tests/conftest.py, proposals_site)."""
    yield from open_tabs(browser, proposals_site_url)


def open_tabs(browser, url: str):
    opened: dict[str, Visit] = {}

    def tab(**options) -> Visit:
        name = repr(sorted(options.items()))
        if name not in opened:
            opened[name] = Visit(browser.new_context(**options).new_page(), url)
        return opened[name]

    yield tab
    for visit in opened.values():
        visit.page.context.close()
        assert visit.foreign == [], "the site asked another host for something"
        assert visit.errors == [], "the browser console reported errors"


@pytest.fixture(scope="session")
def proposals_site_url(proposals_site):
    yield from serve(proposals_site)


@pytest.fixture
def proposals_visits(browser, proposals_site_url):
    """Like visits, on the small site with proposals (tests/conftest.py, proposals_site)."""
    yield from open_visits(browser, proposals_site_url)
