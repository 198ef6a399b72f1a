"""`readinglist links`: what is broken after retries, politely asked, against a local server."""

from __future__ import annotations

import json
import os

import pytest

from fakes import MisbehavingServer
from support import write_tree
from readinglist.cli import main
from readinglist.net.retry import retry_after

CONFIG = """[links]
timeout_seconds = 0.5
retries = 2
backoff_seconds = 0.01

[links.hosts."*"]
connections = 2
per_second = 50
"""


@pytest.fixture
def server():
    fake = MisbehavingServer()
    yield fake
    fake.close()


def note_linking(base: str, paths: list[str]) -> str:
    lines = [f"- [{p.strip('/')}]({base}{p})" for p in paths]
    return "---\nstatus: read\n---\nLinks:\n\n" + "\n".join(lines) + "\n"


def run(root, *args) -> int:
    return main(["links", *args, "--root", str(root)])


PATHS = ["/ok", "/missing", "/gone", "/flaky", "/limited", "/hang", "/redirect", "/broken"]


def test_only_what_stays_broken_after_retries_is_reported(base_tree, server, capsys):
    write_tree(base_tree, {"readinglist.toml": CONFIG,
                           "notes/jones2019kernel.md": note_linking(server.base, PATHS)})
    assert run(base_tree) == 1
    def where(path: str) -> str:   # the note's line for this path, and the URL's column
        return f"notes/jones2019kernel.md:{6 + PATHS.index(path)}:{len(path) + 5}"

    assert capsys.readouterr().out.splitlines() == [
        f"{where('/missing')}: broken-link: {server.base}/missing is broken (404)",
        f"{where('/gone')}: broken-link: {server.base}/gone is broken (410)",
        f"{where('/hang')}: broken-link: {server.base}/hang is broken (timeout)",
        f"{where('/broken')}: broken-link: {server.base}/broken is broken (500)"]
    hits = {path: len(times) for path, times in server.hits.items()}   # /redirect ends at /ok
    assert hits == {"/ok": 2, "/missing": 1, "/gone": 1, "/flaky": 3, "/limited": 2,
                    "/hang": 3, "/redirect": 1, "/broken": 3}
    limited = server.hits["/limited"]
    assert limited[1] - limited[0] >= 0.9   # it waited for Retry-After: 1


def test_per_host_connection_and_rate_limits_are_kept(base_tree, server):
    config = CONFIG.replace("per_second = 50", "per_second = 5")
    paths = [f"/slow{i}" for i in range(6)]
    write_tree(base_tree, {"readinglist.toml": config,
                           "notes/jones2019kernel.md": note_linking(server.base, paths)})
    assert run(base_tree) == 0
    assert server.most_in_flight <= 2
    starts = sorted(t for times in server.hits.values() for t in times)
    # 5 a second at most: 6 requests span at least 1 s when sent. Arrival times on a busy machine
    # jitter by scheduling, so the span is checked with room for that, not each gap.
    assert starts[-1] - starts[0] >= 0.8


def test_successes_are_cached_and_failures_are_not(base_tree, server):
    write_tree(base_tree, {"readinglist.toml": CONFIG,
                           "notes/jones2019kernel.md": note_linking(server.base,
                                                                    ["/ok", "/missing"])})
    assert run(base_tree) == 1
    assert run(base_tree) == 1
    assert len(server.hits["/ok"]) == 1 and len(server.hits["/missing"]) == 2
    assert run(base_tree, "--no-cache") == 1
    assert len(server.hits["/ok"]) == 2


def test_offline_checks_pages_and_anchors_without_fetching(base_tree, server, capsys):
    body = ("---\nstatus: read\n---\nSee [models](../models.md#kernels), "
            "[gone](../models.md#nowhere), [lost](lost.md) and "
            f"[web]({server.base}/missing).\n")
    write_tree(base_tree, {"notes/jones2019kernel.md": body})
    assert run(base_tree, "--offline") == 1
    assert server.hits == {}
    assert capsys.readouterr().out.splitlines() == [
        "notes/jones2019kernel.md:4:44: broken-internal-link: link '../models.md#nowhere': "
        "models.md has no anchor '#nowhere'",
        "notes/jones2019kernel.md:4:74: broken-internal-link: link 'lost.md' leads to "
        "papers/lost.md, which is not a page of the site; link to an existing .md page"]


def test_json_lists_url_path_line_status_and_message(base_tree, server, capsys):
    write_tree(base_tree, {"readinglist.toml": CONFIG,
                           "notes/jones2019kernel.md": note_linking(server.base, ["/gone"])})
    assert run(base_tree, "--format", "json") == 1
    assert json.loads(capsys.readouterr().out) == [{
        "url": f"{server.base}/gone", "path": "notes/jones2019kernel.md", "line": 6, "col": 10,
        "code": "broken-link", "status": 410,
        "message": f"{server.base}/gone is broken (410)", "severity": "error"}]


def test_paths_limit_the_check_to_those_files(base_tree, server):
    write_tree(base_tree, {"readinglist.toml": CONFIG,
                           "notes/jones2019kernel.md": note_linking(server.base, ["/missing"]),
                           "docs/about.md": f"# About\n\n[ok]({server.base}/ok)\n"})
    assert run(base_tree, "docs/about.md") == 0
    assert set(server.hits) == {"/ok"}


def test_a_named_link_or_pipe_is_said_and_never_opened(base_tree, capsys):
    (base_tree / "notes/zero.md").symlink_to("/dev/zero")   # reading it would never end
    os.mkfifo(base_tree / "notes/pipe.md")                   # opening it would wait forever
    assert run(base_tree, "--offline", "notes/zero.md", "notes/pipe.md") == 1
    assert [line.split(": ")[:2] for line in capsys.readouterr().out.splitlines()] == [
        ["notes/pipe.md:1:1", "special-file"], ["notes/zero.md:1:1", "symlink"]]


def test_a_path_outside_the_reading_list_is_a_usage_error(base_tree, capsys):
    assert run(base_tree, "--offline", "/dev/zero") == 2
    assert capsys.readouterr().err == (f"readinglist links: /dev/zero is outside the reading "
                                       f"list at {base_tree}; name its files\n")


def test_identifier_hosts_are_left_to_verify_and_a_report_is_written(base_tree, server,
                                                                     tmp_path):
    write_tree(base_tree, {"readinglist.toml": CONFIG,
                           "notes/jones2019kernel.md": note_linking(server.base, ["/broken"])})
    report = tmp_path / "report.md"
    assert run(base_tree, "--report", str(report)) == 1   # doi.org and arxiv.org not fetched
    text = report.read_text()
    assert text.startswith("## Link check: 1 broken\n")
    assert f"| `notes/jones2019kernel.md:6` | broken-link: {server.base}/broken is broken (500) |" \
        in text


def test_a_url_given_twice_in_the_bibliography_is_reported(base_tree, capsys):
    write_tree(base_tree, {"bib/supplement.bib": (
        "@misc{doe2021fine,\n  title = {Fine},\n  author = {Doe, Jo},\n  year = {2021},\n"
        "  url = {http://dx.doi.org/10.1000/xyz123},\n}\n")})
    run(base_tree, "--offline")
    assert capsys.readouterr().out == ""   # doi-derived links are identifiers, not URLs written
    write_tree(base_tree, {"bib/more.bib": (
        "@misc{doe2021again,\n  title = {Again},\n  author = {Doe, Jo},\n  year = {2021},\n"
        "  url = {https://doi.org/10.1000/xyz123},\n}\n")})
    assert run(base_tree, "--offline") == 0
    assert capsys.readouterr().out == (
        "bib/supplement.bib:5:3: duplicate-url: http://dx.doi.org/10.1000/xyz123 is also given "
        "at bib/more.bib:5; if both entries are one paper, keep one\n")


def test_retry_after_reads_seconds_and_dates():
    assert retry_after("7") == 7.0
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0   # in the past: no wait
    assert retry_after("soon") is None


def test_an_unknown_host_is_broken_at_once_without_retries():
    import httpx

    from readinglist.net.settings import LinkSettings
    from readinglist.net.external_links import _check_one, _Host, _run
    attempts = []

    def resolver_fails(request):
        attempts.append(request.url)
        raise httpx.ConnectError("[Errno -2] Name or service not known", request=request)

    async def check():
        async with httpx.AsyncClient(transport=httpx.MockTransport(resolver_fails)) as client:
            return await _check_one(client, _Host(2, 100.0), "https://nowhere.invalid/",
                                    LinkSettings(retries=3, backoff_seconds=0.01))

    result = _run(check())   # the browser tests may have left an event loop running
    assert (result.status, result.alive, len(attempts)) == ("unknown-host", False, 1)


def test_offline_counts_the_feeds_as_files_of_the_site(base_tree, capsys):
    write_tree(base_tree, {"docs/index.md": "# Home\n\n[Atom](feed.xml), [JSON](feed.json)\n"})
    assert run(base_tree, "--offline") == 0
    assert capsys.readouterr().out == ""
