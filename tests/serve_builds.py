"""Builds as `mkdocs serve --dirty` runs them, one per line read, in one process.

    python tests/serve_builds.py ROOT SITE_DIR

Builds once, then again for each line on stdin; after each build prints `built` or `refused`.
The same process throughout, as under serve: the hooks' memory of the last build is kept.
"""

from __future__ import annotations

import os
import sys

from mkdocs.commands.build import build
from mkdocs.config import load_config

SERVE_URL = "http://127.0.0.1:8000/"


def main(root: str, site: str) -> None:
    os.chdir(root)

    def config():
        loaded = load_config(config_file="mkdocs.yml", site_dir=site)
        loaded.site_url = SERVE_URL     # as serve sets it
        return loaded

    first = config()
    first.plugins.on_startup(command="serve", dirty=True)
    build_once(first)
    for _ in sys.stdin:
        build_once(config())


def build_once(config) -> None:
    try:
        build(config, serve_url=SERVE_URL, dirty=True)
        print("built", flush=True)
    except Exception:   # what serve does with a refused build: says so and serves on
        print("refused", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:3])
