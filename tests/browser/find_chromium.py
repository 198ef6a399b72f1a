"""Which Chromium-family browser the browser tests drive.

READINGLIST_CHROMIUM if set; else the first of chromium, chromium-browser, google-chrome and
google-chrome-stable, each looked up on PATH and then in its usual places (Debian, Ubuntu's
snap, Google's package, macOS). Debian ships `chromium`, GitHub's Ubuntu runners Google Chrome.

    python3 tests/browser/find_chromium.py   # prints the path, or says why not and exits 1

`.ci/run` calls it and installs Debian's chromium only when it finds none.
"""

from __future__ import annotations

import shutil
import sys
from typing import Callable, Mapping

VARIABLE = "READINGLIST_CHROMIUM"
NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
USUAL_PLACES = {
    "chromium": ("/usr/bin/chromium", "/snap/bin/chromium",
                 "/Applications/Chromium.app/Contents/MacOS/Chromium"),
    "chromium-browser": ("/usr/bin/chromium-browser",),
    "google-chrome": ("/usr/bin/google-chrome", "/opt/google/chrome/chrome",
                      "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"),
    "google-chrome-stable": ("/usr/bin/google-chrome-stable",),
}


class NoChromium(LookupError):
    """No browser to drive; the message says what was tried and what to do."""


def find_chromium(env: Mapping[str, str], which: Callable[[str], str | None]) -> str:
    """The browser's path. `which` is shutil.which or a stand-in: a name or a path in, an
    executable's path or None out."""
    chosen = env.get(VARIABLE, "").strip()
    if chosen:
        found = which(chosen)
        if found is None:
            raise NoChromium(f"{VARIABLE}={chosen} is not an executable browser; point it at "
                             "Chromium or Google Chrome, or unset it to look for one")
        return found
    for name in NAMES:
        for candidate in (name, *USUAL_PLACES[name]):
            found = which(candidate)
            if found is not None:
                return found
    raise NoChromium(f"no Chromium-family browser found (tried {', '.join(NAMES)} on PATH and "
                     "in their usual places); install one (Debian: apt-get install chromium) "
                     f"or set {VARIABLE} to its path")


if __name__ == "__main__":
    import os
    try:
        print(find_chromium(os.environ, shutil.which))
    except NoChromium as exc:
        print(exc, file=sys.stderr)
        sys.exit(1)
