"""A synthetic knowledge base of N papers, the same for the same seed.

BibTeX entries carry LaTeX accents and braces, notes carry math and citations, and the taxonomy
nests topics three levels deep, so every part of the pipeline does its real work. The result
checks clean: keys follow the convention and every reference resolves.

    python scripts/bench/generate.py DIR N [--seed S]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from readinglist.text.identifiers import expected_key, free_key  # noqa: E402

FAMILIES = [r"M{\"u}ller", r"Erd{\H{o}}s", r"{\v{S}}im{\v{s}}ek", r"Gon{\c{c}}alves", "Smith",
            r"Garc{\'\i}a", "Lee", "Nguyen", r"S{\o}rensen", "Jacot", "Bietti", "Montanari",
            r"Bj{\"o}rck", "Dao", r"Ha{\ss}ler", "Kowalski", r"Andr{\'e}", "Okafor"]
GIVEN = ["Ada", "Bo", r"Ren{\'e}", "Chen", "Dana", r"J{\"u}rgen", "Eva", "Farid", "Gita"]
WORDS = ["Learning", "Dynamics", "Kernels", "Scaling", "Gradient", "Feature", "Implicit",
         "Transformers", "Memory", "Optimization", "Depth", "Width", "Stability", "Bias"]
PHRASES = [r"in the {NTK} Regime", r"with {SGD}", r"of {Transformer} Layers",
           r"for $\ell_2$-Regularized Models", r"via {Mean-Field} Limits", "at Scale"]
# Prose for one-line sentences and abstracts, about as varied (and as compressible) as real ones.
PROSE = ("we show that the gradient flow of wide networks converges to a kernel regime while "
         "feature learning moves the representation away from initialisation so that sharpness "
         "stays near the edge of stability and the loss falls as a power law in compute data "
         "and parameters under mild assumptions on the spectrum of the input covariance which "
         "explains why deeper models generalise better than shallow ones despite "
         "overparameterisation and implicit bias towards low rank solutions of minimal norm "
         "in the limit of small initialisation with saddle to saddle dynamics").split()
SYLLABLES = "ka ri mo ne ta lu si pe do ra vi no gu le ma ti so be fa zu ke ro na mi".split()
TAGS = [f"tag-{i:02d}" for i in range(20)]
SECTIONS = ("hyperparams", "models", "optimization", "data", "other")


def generate(root: Path, n: int, seed: int = 0, abstracts: bool = True) -> Path:
    """abstracts: one entry in four carries an abstract (as after `readinglist abstracts`)."""
    rng = random.Random(seed)
    keys, entries = [], []
    taken: set[str] = set()
    for i in range(n):
        key, entry = _entry(rng, i, taken, abstracts and i % 4 == 0)
        keys.append(key)
        entries.append((key, entry))
    _write(root / "bib/references.bib", "\n\n".join(e for _, e in sorted(entries)) + "\n")
    _write(root / "taxonomy/tags.yml", "tags:\n" + "".join(
        f"  - id: {tag}\n    description: Synthetic tag {tag}.\n" for tag in TAGS))
    for index, section in enumerate(SECTIONS):
        share = keys[index::len(SECTIONS)]
        _write(root / f"taxonomy/{section}.yml", _section(rng, section, share))
    for key in keys:
        _write(root / f"notes/{key}.md", _note(rng, key, keys))
    return root


def _entry(rng: random.Random, i: int, taken: set[str], abstract: bool) -> tuple[str, str]:
    authors = " and ".join(f"{rng.choice(FAMILIES)}, {rng.choice(GIVEN)}"
                           for _ in range(rng.randint(1, 6)))
    year = str(rng.randint(2015, 2025))
    title = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(PHRASES)}"
    key = free_key(expected_key(authors, year, title), taken)
    taken.add(key)
    yymm = f"{year[2:]}{rng.randint(1, 12):02d}"
    lines = [f"@article{{{key},", f"  title         = {{{title}}},",
             f"  author        = {{{authors}}},", f"  year          = {{{year}}},",
             "  journal       = {Journal of Synthetic Results},",
             f"  eprint        = {{{yymm}.{i:05d}}},", "  archiveprefix = {arXiv},",
             "  primaryclass  = {cs.LG},"]
    if i % 3 == 0:
        lines.append(f"  doi           = {{10.5555/synthetic.{i}}},")
    if abstract:
        lines.append(f"  abstract      = {{{_prose(rng, 90, 140)} with $\\eta < 2/\\lambda$.}},")
    return key, "\n".join(lines + ["}"])


def _prose(rng: random.Random, least: int, most: int) -> str:
    """Common words, and two in five made up of syllables: real prose compresses about as well."""
    words = [rng.choice(PROSE) if rng.random() < 0.6 else
             "".join(rng.choices(SYLLABLES, k=rng.randint(2, 4)))
             for _ in range(rng.randint(least, most))]
    return " ".join(words).capitalize()


def _section(rng: random.Random, section: str, keys: list[str]) -> str:
    order = "frontier" if section == "models" else "listed"
    out = [f"id: {section}", f"title: Section {section}", f"order: {order}",
           f"intro: >-\n  The synthetic {section} section.", "topics:"]
    chunks = [keys[i:i + 30] for i in range(0, len(keys), 30)] or [[]]
    for t, chunk in enumerate(chunks):
        out += [f"  - id: topic-{t}", f"    title: Topic {t}", f"    why: Synthetic topic {t}.",
                "    items:"]
        out += [f"      - paper: {k}" for k in chunk[:20]]
        out += ["      - todo: Find more on this", f"        candidates: [{chunk[0]}]"] \
            if chunk else ["      - question: What is left?"]
        out += ["    topics:", f"      - id: topic-{t}-sub", f"        title: Subtopic {t}",
                "        items:"]
        out += [f"          - paper: {k}" for k in chunk[20:25]] or ["          - todo: Later"]
        out += ["        topics:", f"          - id: topic-{t}-sub-sub",
                f"            title: Sub-subtopic {t}", "            items:"]
        out += [f"              - paper: {k}" for k in chunk[25:]] or \
            ["              - question: Why?"]
    return "\n".join(out) + "\n"


def _note(rng: random.Random, key: str, keys: list[str]) -> str:
    cited = rng.sample(keys, k=min(3, len(keys)))
    tags = ", ".join(rng.sample(TAGS, k=2))
    return (f"---\nstatus: {rng.choice(['to-read', 'reading', 'read'])}\ntags: [{tags}]\n---\n\n"
            f"**In one line.** {_prose(rng, 20, 40)}, about $f(x) = \\sigma(Wx)$ "
            f"[@{cited[0]}].\n\n"
            "## Setting\n\nWidth $n \\to \\infty$ and step size $\\eta < 2/\\lambda$.\n\n"
            "## Main result\n\n$$\\|\\theta_t - \\theta^*\\| \\le e^{-\\mu t}$$\n\n"
            "## Why it is here\n\nIt is synthetic.\n\n"
            f"## Connections\n\n- [@{cited[1]}; @{cited[2]}]: related by construction.\n")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    generate(args.dir, args.n, args.seed)
