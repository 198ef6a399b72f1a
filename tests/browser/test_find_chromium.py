"""The browser lookup, over a made-up PATH and file system: no browser is started here."""

from __future__ import annotations

import pytest

from find_chromium import NoChromium, find_chromium


def which_over(executables: dict[str, str]):
    """A `which` that knows only these names and paths."""
    return lambda name: executables.get(name)


def test_the_variable_wins_over_everything_on_path():
    which = which_over({"/opt/chrome-beta/chrome": "/opt/chrome-beta/chrome",
                        "chromium": "/usr/bin/chromium"})
    assert find_chromium({"READINGLIST_CHROMIUM": "/opt/chrome-beta/chrome"},
                         which) == "/opt/chrome-beta/chrome"


def test_a_variable_naming_nothing_fails_instead_of_falling_back():
    with pytest.raises(NoChromium, match="READINGLIST_CHROMIUM=/nowhere/chrome is not an "
                                         "executable browser"):
        find_chromium({"READINGLIST_CHROMIUM": "/nowhere/chrome"},
                      which_over({"chromium": "/usr/bin/chromium"}))


def test_debians_chromium_comes_first():
    which = which_over({"chromium": "/usr/bin/chromium",
                        "google-chrome": "/usr/bin/google-chrome"})
    assert find_chromium({}, which) == "/usr/bin/chromium"


def test_google_chrome_on_a_github_runner_is_found():
    which = which_over({"google-chrome": "/usr/bin/google-chrome"})
    assert find_chromium({}, which) == "/usr/bin/google-chrome"


def test_names_are_tried_in_order_each_on_path_then_in_its_usual_places():
    asked: list[str] = []

    def which(name: str):
        asked.append(name)
        return name if name == "/usr/bin/google-chrome-stable" else None

    assert find_chromium({}, which) == "/usr/bin/google-chrome-stable"
    assert asked == ["chromium", "/usr/bin/chromium", "/snap/bin/chromium",
                     "/Applications/Chromium.app/Contents/MacOS/Chromium",
                     "chromium-browser", "/usr/bin/chromium-browser",
                     "google-chrome", "/usr/bin/google-chrome", "/opt/google/chrome/chrome",
                     "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
                     "google-chrome-stable", "/usr/bin/google-chrome-stable"]


def test_a_browser_off_path_is_found_in_its_usual_place():
    assert find_chromium({}, which_over({"/snap/bin/chromium": "/snap/bin/chromium"})) == \
        "/snap/bin/chromium"


def test_no_browser_at_all_says_how_to_get_one():
    with pytest.raises(NoChromium, match=r"apt-get install chromium\) or set "
                                         "READINGLIST_CHROMIUM"):
        find_chromium({"READINGLIST_CHROMIUM": "  "}, which_over({}))
