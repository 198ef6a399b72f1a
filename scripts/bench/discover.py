"""`readinglist discover` on generated lists against a local OpenAlex serving a generated graph.

The graph: every listed paper is one work (by its DOI, else its arXiv DOI) citing REFERENCES
works of a pool as large as the list; NEW_PER_PAPER new works per listed paper each cite two
listed works. Requests: the count discover reports must equal the batch formula worked out
here from the graph alone (resolve ceil(D/100); per OR-filter of 100 listed works, one request
per page of 100 citing works, at least one; ceil(C/100) for the C works cited twice or more).
Time: discover (everything but the arXiv confirmation, which has its own pace) against fetching
the very same pages and parsing their JSON, interleaved, gated at 2,000 papers (below, the
fetching takes tenths of a second and noise decides); and its own work (its time less the
fetching's, since the fake server answers in the same process and its filters grow faster than
the list: the fetching alone took 2.6 times as long per work at 2,000 as at 500) per listed
paper plus candidate work at the largest size against the smallest (linear growth).
"""

from __future__ import annotations

import json
import math
import random
import sys
import time
import urllib.request
from pathlib import Path

from bench.generate import generate
from bench.measure import Gate, Result, Sample, interleave, table

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests"))

from fake_openalex import FakeOpenAlex, work  # noqa: E402

REFERENCES = 5
NEW_PER_PAPER = 1
SINCE = "2026-01-01"
OVER_FETCH_LIMIT = 4.0    # discover's time at most this many times the fetching alone
GATED_FROM = 2_000        # below, the fetching takes a few tenths of a second: noise decides
LINEAR_SLACK = 1.3        # time per (listed + candidates) from the smallest size to the largest


def measure_discover(sizes: list[int], rounds: int, scratch: Path) -> Result:
    rows, gates, per_unit = [], [], {}
    for n in sizes:
        root = generate(scratch / f"discover-{n}", n, abstracts=False)
        fake = FakeOpenAlex()
        try:
            expected, candidates = _graph(fake, root, n)
            counted, urls = _requests(root, fake)
            pair = interleave(lambda: _timed(lambda: _discover(root, fake)),
                              lambda: _timed(lambda: _fetch(fake, urls)), rounds)
        finally:
            fake.close()
        per_unit[n] = (pair.ours.median() - pair.base.median()) / (n + candidates)
        rows.append([f"{n:,}", f"{candidates:,}", f"{counted}", f"{expected}",
                     pair.ours.describe(), pair.base.describe(), pair.describe()])
        gates.append(Gate(f"discover at N={n:,}: requests equal the batch formula",
                          counted == expected, f"{counted} sent, {expected} by the formula"))
        if n == max(sizes) and n >= GATED_FROM:
            gates.append(Gate.at_most(f"discover at N={n:,} within {OVER_FETCH_LIMIT}x of "
                                      "fetching its pages", pair.ratio(), OVER_FETCH_LIMIT,
                                      f"rounds {pair.spread()}"))
    if len(per_unit) > 1:
        small, big = min(per_unit), max(per_unit)
        gates.append(Gate.at_most("discover's own work (less fetching) linear in listed papers "
                                  "plus candidate works",
                                  per_unit[big] / per_unit[small], LINEAR_SLACK,
                                  unit=" of linear"))
    lines = table(["listed N", "candidate works", "requests", "batch formula",
                   "discover (s) min / median / max", "fetch only (s) min / median / max",
                   "ratio (rounds)"], rows)
    return Result(lines, gates)


def _graph(fake: FakeOpenAlex, root: Path, n: int) -> tuple[int, int]:
    """The works, and (the request count the formula gives, the candidate works)."""
    from readinglist.loaders.knowledge import load
    kb, _ = load(root, history=False)
    rng = random.Random(n)
    keys = sorted(kb.mapped_keys())
    dois, listed = 0, []
    for number, key in enumerate(keys, 1):
        paper = kb.papers[key]
        dois += bool(paper.doi) + bool(paper.arxiv)
        doi = paper.doi or f"10.48550/arXiv.{paper.arxiv}"
        cites = rng.sample(range(10 * n + 1, 11 * n + 1), REFERENCES)
        fake.add(work(number, paper.title, date=f"{paper.year}-01-01", doi=doi, cites=cites))
        listed.append((number, cites))
    cited: dict[int, int] = {}
    for _, cites in listed:
        for target in cites:
            cited[target] = cited.get(target, 0) + 1
    for target in cited:
        fake.add(work(target, f"Foundation {target}", authors=[f"Old {_name(target)}"],
                      date="2010-01-01"))
    citing: list[set[int]] = []
    for i in range(NEW_PER_PAPER * len(listed)):
        pair = {number for number, _ in rng.sample(listed, 2)}
        fake.add(work(20 * n + i, f"New Work {i}", authors=[f"Jo {_name(i)}"],
                      date="2026-06-01", cites=sorted(pair)))
        citing.append(pair)
    numbers = sorted(str(number) for number, _ in listed)   # discover sorts W ids as text
    pages = sum(max(1, math.ceil(sum(bool(c & set(map(int, numbers[s:s + 100])))
                                     for c in citing) / 100))
                for s in range(0, len(numbers), 100))
    twice = sum(count >= 2 for count in cited.values())
    return math.ceil(dois / 100) + pages + math.ceil(twice / 100), len(citing) + twice


def _name(number: int) -> str:
    """A family name of letters for each number, so that generated keys do not collide."""
    letters = ""
    while True:
        number, digit = divmod(number, 26)
        letters += chr(ord("a") + digit)
        if not number:
            return letters.capitalize()


def _discover(root: Path, fake: FakeOpenAlex) -> int:
    from readinglist.loaders.knowledge import load
    from readinglist.net.discover import discover
    from readinglist.net.openalex import OpenAlex, OpenAlexSettings
    kb, _ = load(root, history=False)
    client = OpenAlex(OpenAlexSettings(), None, api=fake.base, key="bench")
    discover(kb, client, None, SINCE)
    return client.requests


def _requests(root: Path, fake: FakeOpenAlex) -> tuple[int, list[str]]:
    """How many requests discover sends, and their URLs (the baseline fetches the same)."""
    fake.paths.clear()
    counted = _discover(root, fake)
    return counted, [fake.base + path for path in fake.paths]


def _fetch(fake: FakeOpenAlex, urls: list[str]) -> None:
    for url in urls:
        with urllib.request.urlopen(url) as reply:
            json.loads(reply.read())


def _timed(run) -> Sample:
    start, cpu = time.perf_counter(), time.process_time()
    run()
    return Sample(time.perf_counter() - start, time.process_time() - cpu, 0)

