"""The documentation as a test: README.md and docs/*.md link only to files of this repository
(and to headings that exist there), name only paths that exist, and the README opens with the
two commands CI and newcomers run, `make demo` and `make test`, which the Makefile must have."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = [README, *sorted((ROOT / "docs").glob("*.md"))]

FENCE = re.compile(r"^```.*?^```[^\n]*$", re.M | re.S)
CODE_SPAN = re.compile(r"`([^`\n]+)`")
INLINE_LINK = re.compile(r"!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE_LINK = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.M)
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
REPO_PATH = re.compile(r"^(?:core|db|tui|tests|themes|docs)/[\w./-]*$")
OUTSIDE = ("../shared", "DOMAIN.md", "DESIGN.md")
"""Design notes kept outside the repository: the docs say what they said instead."""


def _prose(text: str) -> str:
    """The text without fenced code blocks, where brackets are TOML or shell, not links."""
    return FENCE.sub("", text)


def _links(text: str) -> list[str]:
    prose = CODE_SPAN.sub("", _prose(text))
    return INLINE_LINK.findall(prose) + REFERENCE_LINK.findall(prose)


def _slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    seen: dict[str, int] = {}
    anchors = set()
    for heading in HEADING.findall(_prose(path.read_text(encoding="utf-8"))):
        slug = _slug(heading)
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        anchors.add(slug if count == 0 else f"{slug}-{count}")
    return anchors


def _named(doc: Path) -> str:
    return str(doc.relative_to(ROOT))


def test_there_are_docs_to_check():
    assert README.exists()
    assert len(DOCS) > 1, "docs/*.md is empty"


@pytest.mark.parametrize("doc", DOCS, ids=_named)
def test_no_link_leaves_the_repository(doc):
    text = doc.read_text(encoding="utf-8")
    leaving = [link for link in _links(text) if SCHEME.match(link) or link.startswith("/")]
    assert leaving == [], f"{_named(doc)} links outside the repository"
    for target in _links(text):
        path = (doc.parent / target.split("#", 1)[0]).resolve()
        assert path.is_relative_to(ROOT), f"{_named(doc)}: {target} is outside the repository"
    for name in OUTSIDE:
        assert name not in text, f"{_named(doc)} points at {name}, which is not in the repository"


@pytest.mark.parametrize("doc", DOCS, ids=_named)
def test_every_relative_link_lands_on_a_file_and_heading(doc):
    broken = []
    for target in _links(doc.read_text(encoding="utf-8")):
        if SCHEME.match(target):
            continue  # the test above refuses it
        file_part, _, anchor = target.partition("#")
        path = (doc.parent / file_part).resolve() if file_part else doc
        if not path.exists():
            broken.append(f"{target}: no such file")
        elif anchor and path.suffix == ".md" and anchor not in _anchors(path):
            broken.append(f"{target}: no heading #{anchor} in {path.name}")
    assert broken == [], f"{_named(doc)} has broken links"


@pytest.mark.parametrize("doc", DOCS, ids=_named)
def test_every_repository_path_named_in_code_exists(doc):
    named = {span.rstrip(".,") for span in CODE_SPAN.findall(_prose(doc.read_text(encoding="utf-8")))}
    missing = sorted(p for p in named if REPO_PATH.match(p) and not (ROOT / p).exists())
    assert missing == [], f"{_named(doc)} names paths that do not exist (moved?)"


def test_every_doc_is_linked_from_the_readme():
    linked = {(ROOT / link.split("#", 1)[0]).resolve() for link in _links(README.read_text(encoding="utf-8"))}
    unlinked = [_named(doc) for doc in DOCS[1:] if doc.resolve() not in linked]
    assert unlinked == []


def test_the_readme_opens_with_make_demo_and_make_test():
    text = README.read_text(encoding="utf-8")
    first_block = FENCE.search(text)
    assert first_block is not None
    assert "\n## " not in text[: first_block.start()], "the commands come before any section"
    lines = [line for line in first_block.group().splitlines()[1:-1] if line.strip()]
    commands = [line.split("#", 1)[0].strip() for line in lines[:2]]
    assert commands == ["make demo", "make test"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("demo", "test"):
        assert re.search(rf"^{target}:", makefile, re.M), f"the Makefile has no {target} target"


def test_every_docs_page_the_code_names_exists():
    """Comments and messages send people to docs/*.md; a renamed page must not leave them pointing
    at nothing."""
    named = set()
    for folder in ("core", "db", "tui", "tests", "themes"):
        for path in (ROOT / folder).rglob("*.py"):
            named |= {(path, m) for m in re.findall(r"docs/[\w-]+\.md", path.read_text(encoding="utf-8"))}
    assert named
    missing = [f"{path.relative_to(ROOT)}: {page}" for path, page in named if not (ROOT / page).is_file()]
    assert not missing, missing
