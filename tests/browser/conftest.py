"""The built site on a local server, and a Chromium-family browser driven by Playwright."""

from __future__ import annotations

import functools
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

from find_chromium import NoChromium, find_chromium

# Without these, Chromium phones home at start-up, which this sandbox (rightly) refuses.
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass


@pytest.fixture(scope="session")
def site_url(built_site):
    handler = functools.partial(QuietHandler, directory=str(built_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


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
    opened = []

    def open_visit(**options) -> Visit:
        context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **options})
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
        opened.append((context, Visit(context.new_page(), site_url)))
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
    opened: dict[str, Visit] = {}

    def tab(**options) -> Visit:
        name = repr(sorted(options.items()))
        if name not in opened:
            opened[name] = Visit(browser.new_context(**options).new_page(), site_url)
        return opened[name]

    yield tab
    for visit in opened.values():
        visit.page.context.close()
        assert visit.foreign == [], "the site asked another host for something"
        assert visit.errors == [], "the browser console reported errors"
