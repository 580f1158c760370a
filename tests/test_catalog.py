"""Completeness of the requirement catalog (features/requirements.yaml) against features/SPEC.txt.

The catalog must hold every requirement of the spec: every numbered line of the Russian, English
and API parts maps to a catalog ID (or to a purely structural heading listed below), every
`source` points at the line where its item starts, and every ID tag of a feature file exists.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from fixtures.catalog import ID_PATTERN, REPO_ROOT, Requirement, load_catalog, read_entries, tag_ids

SPEC_PATH = REPO_ROOT / "features" / "SPEC.txt"
SHARED_SPEC_PATH = REPO_ROOT.parent / "shared" / "spec" / "SPEC.txt"
FEATURES_DIR = REPO_ROOT / "features"

# The English translation starts after the Figma notes; the API specification after this title.
EN_MARKER = "Figma materials"
API_MARKER = "SMARTCONSULT — API SPECIFICATION"
PARTS = ("ru", "en", "api")

# Numbered spec lines that are purely structural headings: they name a screen or group the
# items below them and carry no behaviour of their own. Key = the ID the line would get.
STRUCTURAL_HEADINGS: dict[str, str] = {
    "REQ-3": "'3. Экран «Забыли пароль»' / 'Forgot Password Screen': screen title, reached by REQ-1.3",
    "REQ-4.H": "'4. Header': groups the header items REQ-4.H1, REQ-4.H2",
    "REQ-4.M": "'4. Нижнее меню' / 'Bottom Menu': groups the menu items REQ-4.M1 … REQ-4.M5",
    "REQ-6": "'6. Карточка Эксперта' / 'Expert Card': screen title, reached by REQ-5.2a",
    "REQ-7": "'7. Личный кабинет' / 'Personal Account' (client): screen title",
    "REQ-7.2": "'7.2. Редактирование' / 'Edit Mode': groups the edit fields REQ-7.2.2 … REQ-7.2.8",
    "REQ-8": "'8. Бронирование' / 'Booking': screen title, reached by REQ-5.2b / REQ-6.2",
    "REQ-9": "'9. Чекаут' / 'Checkout': screen title, reached by REQ-9.1",
    "REQ-10": "'10. Список консультаций' / 'Consultations List': screen title, reached by REQ-4.M4",
    "REQ-11": "'11. Личный кабинет' / 'Personal Account' (expert): screen title",
    "REQ-12": "'12. Расписание работы' / 'Work Schedule': section title",
    "REQ-12.4.1": "'12.4.1 Строчка состоит из' (RU only): groups the row fields REQ-12.4.1.1 … .4",
    "API-1": "'1. AUTHENTICATION': API section title",
    "API-2": "'2. EXPERTS': API section title",
    "API-3": "'3. APPOINTMENTS': API section title",
    "API-4": "'4. PAYMENTS': API section title",
}

API_OPERATIONS = {
    "API-1.1", "API-1.2", "API-2.1", "API-2.2",
    "API-3.1", "API-3.2", "API-3.3", "API-3.4", "API-3.5", "API-3.6", "API-3.7", "API-3.8", "API-3.9",
    "API-4.1", "API-4.2", "API-4.3",
}

ALLOWED_KEYS = {
    "id", "section", "section_ru", "en", "ru", "ru_is_translation", "source",
    "note", "status", "reason", "method", "path",
}
STATUSES = {"pending", "not-runnable"}
HTTP_METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE"}

# "1.1. text", "10.4  text", "11.Text", "10.2.1.Text", "1.1 POST ..." - number at the line start.
NUMBERED_LINE = re.compile(r"^(\d+(?:\.\d+)*)\.?(?![\d.])")
BULLETS = "●○•-–"
LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class NumberedLine:
    part: str  # "ru" | "en" | "api"
    line: int  # 1-based line number in SPEC.txt
    number: str  # the spec's number, e.g. "5.2"
    candidate: str  # the ID the line gets, e.g. "REQ-5.2b"


# --------------------------------------------------------------------------- spec parsing


def part_spans(lines: list[str]) -> dict[str, range]:
    """1-based line ranges of the Russian, English and API parts."""

    def marker_line(marker: str) -> int:
        found = [number for number, text in enumerate(lines, start=1) if text.strip() == marker]
        assert len(found) == 1, f"marker {marker!r} must occur once in SPEC.txt, found at {found}"
        return found[0]

    en_start, api_start = marker_line(EN_MARKER), marker_line(API_MARKER)
    return {
        "ru": range(1, en_start),
        "en": range(en_start, api_start),
        "api": range(api_start, len(lines) + 1),
    }


def ui_keys(numbers: list[str]) -> list[str]:
    """Catalog keys of one UI part's numbers, in order (DESIGN.md, "Requirement IDs").

    The first "4." block is the header (4.H<n>), the second the bottom menu (4.M<n>); any other
    number that occurs more than once gets a, b, c … in order of appearance.
    """
    counts = Counter(numbers)
    seen: Counter[str] = Counter()
    block_4 = ""
    keys: list[str] = []
    for number in numbers:
        top, _, rest = number.partition(".")
        if top == "4":
            if not rest:
                assert block_4 in ("", "H"), "more than two sections numbered 4"
                block_4 = "M" if block_4 == "H" else "H"
            assert block_4, f"item {number} before any section 4 heading"
            keys.append(f"4.{block_4}{rest}")
            continue
        seen[number] += 1
        keys.append(number + (LETTERS[seen[number] - 1] if counts[number] > 1 else ""))
    return keys


def walk_numbered_lines(lines: list[str]) -> list[NumberedLine]:
    """Every numbered line of SPEC.txt, in file order, with the ID it maps to."""
    result: list[NumberedLine] = []
    for part, span in part_spans(lines).items():
        found = [(line, match.group(1)) for line in span if (match := NUMBERED_LINE.match(lines[line - 1]))]
        numbers = [number for _, number in found]
        keys = numbers if part == "api" else ui_keys(numbers)
        prefix = "API-" if part == "api" else "REQ-"
        result += [NumberedLine(part, line, number, prefix + key) for (line, number), key in zip(found, keys)]
    return result


def base_id(requirement_id: str) -> str:
    """The ID without the slug of an unnumbered behaviour: REQ-10.11.1-cancel -> REQ-10.11.1."""
    prefix, _, rest = requirement_id.partition("-")
    return f"{prefix}-{rest.split('-')[0]}"


def normalize(text: str) -> str:
    return " ".join(text.split())


def item_text(line: str) -> str:
    """A spec line without its leading number and bullet."""
    return normalize(NUMBERED_LINE.sub("", line, count=1).strip().lstrip(BULLETS))


def first_words(text: str, count: int = 3) -> str:
    return " ".join(text.split()[:count])


def shows_item(line: str, text: str) -> bool:
    """True if the text's first words are on the spec line, or the line's first words are in the text."""
    line_text, entry_text = item_text(line), normalize(text)
    return first_words(entry_text) in line_text or first_words(line_text) in entry_text


# --------------------------------------------------------------------------- feature tags


def feature_tags(path: Path) -> list[tuple[int, str]]:
    """(line number, tag) of every tag in a Gherkin file."""
    tags: list[tuple[int, str]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        stripped = line.split("#", 1)[0].strip()
        if stripped.startswith("@"):
            tags += [(number, token) for token in stripped.split() if token.startswith("@")]
    return tags


def unknown_tag_ids(paths: list[Path], catalog: dict[str, Requirement]) -> list[str]:
    """'file:line: ID' for every ID-like tag that is not in the catalog."""
    unknown: list[str] = []
    for path in paths:
        for number, tag in feature_tags(path):
            unknown += [f"{path}:{number}: {rid}" for rid in tag_ids([tag]) if rid not in catalog]
    return unknown


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def spec_lines() -> list[str]:
    return SPEC_PATH.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def spans(spec_lines: list[str]) -> dict[str, range]:
    return part_spans(spec_lines)


@pytest.fixture(scope="module")
def numbered(spec_lines: list[str]) -> list[NumberedLine]:
    return walk_numbered_lines(spec_lines)


@pytest.fixture(scope="module")
def entries() -> list[Requirement]:
    return read_entries()


@pytest.fixture(scope="module")
def catalog() -> dict[str, Requirement]:
    return load_catalog()


# --------------------------------------------------------------------------- the catalog itself


def test_ids_are_unique(entries: list[Requirement]) -> None:
    duplicates = [rid for rid, count in Counter(entry.get("id") for entry in entries).items() if count > 1]
    assert not duplicates


def test_ids_match_the_scheme(entries: list[Requirement]) -> None:
    bad = [entry.get("id") for entry in entries if not ID_PATTERN.fullmatch(str(entry.get("id")))]
    assert not bad


def test_entries_have_the_required_fields(entries: list[Requirement]) -> None:
    problems = []
    for entry in entries:
        rid = entry.get("id")
        if unknown := set(entry) - ALLOWED_KEYS:
            problems.append(f"{rid}: unknown keys {sorted(unknown)}")
        if not isinstance(entry.get("section"), str) or not entry["section"]:
            problems.append(f"{rid}: no section")
        texts = [entry.get(lang) for lang in ("en", "ru")]
        if not any(isinstance(text, str) and text.strip() for text in texts):
            problems.append(f"{rid}: neither en nor ru text")
        source = entry.get("source")
        if not isinstance(source, dict) or not source or set(source) - set(PARTS):
            problems.append(f"{rid}: source must map ru/en/api to line numbers, got {source!r}")
        elif not all(isinstance(line, int) and not isinstance(line, bool) for line in source.values()):
            problems.append(f"{rid}: source line numbers must be integers, got {source!r}")
        elif str(rid).startswith("REQ-"):
            for lang in ("ru", "en"):
                if (lang in source) != (lang in entry):
                    problems.append(f"{rid}: source.{lang} and the {lang} text go together")
        for key in ("note", "reason"):
            if key in entry and not (isinstance(entry[key], str) and entry[key].strip()):
                problems.append(f"{rid}: empty {key}")
        if "ru_is_translation" in entry and not isinstance(entry["ru_is_translation"], bool):
            problems.append(f"{rid}: ru_is_translation must be a boolean")
    assert not problems, "\n".join(problems)


def test_status_is_known_and_explained(entries: list[Requirement]) -> None:
    problems = []
    for entry in entries:
        rid = entry["id"]
        if "status" in entry:
            if entry["status"] not in STATUSES:
                problems.append(f"{rid}: status {entry['status']!r} is not one of {sorted(STATUSES)}")
            if not str(entry.get("reason", "")).strip():
                problems.append(f"{rid}: status without a reason")
        elif "reason" in entry:
            problems.append(f"{rid}: reason without a status")
    assert not problems, "\n".join(problems)


def test_section_names_match_the_id(entries: list[Requirement]) -> None:
    problems = []
    for entry in entries:
        rid = entry["id"]
        top = base_id(rid).split("-")[1].split(".")[0]
        expected = f"API {top}. " if rid.startswith("API-") else f"{top}. "
        for key in ("section", "section_ru"):
            if key in entry and not str(entry[key]).startswith(expected):
                problems.append(f"{rid}: {key} {entry[key]!r} should start with {expected!r}")
    assert not problems, "\n".join(problems)


def test_api_entries_are_the_16_operations(catalog: dict[str, Requirement]) -> None:
    assert {rid for rid in catalog if rid.startswith("API-")} == API_OPERATIONS
    problems = []
    for rid in sorted(API_OPERATIONS):
        entry = catalog[rid]
        if entry.get("method") not in HTTP_METHODS or not str(entry.get("path", "")).startswith("/"):
            problems.append(f"{rid}: needs method and path")
        if set(entry["source"]) != {"api"}:
            problems.append(f"{rid}: source must be {{api: N}}")
        if "ru" in entry and entry.get("ru_is_translation") is not True:
            problems.append(f"{rid}: the API has no Russian text; a ru text must be a marked translation")
    ui_with_api_source = [rid for rid, entry in catalog.items() if rid.startswith("REQ-") and "api" in entry["source"]]
    assert not problems + ui_with_api_source, "\n".join(problems + ui_with_api_source)


# --------------------------------------------------------------------------- catalog vs SPEC.txt


def test_walker_reproduces_the_numbering_rules(numbered: list[NumberedLine]) -> None:
    for part in ("ru", "en"):
        candidates = [item.candidate for item in numbered if item.part == part]
        lettered = [rid for rid in candidates if rid[-1] in LETTERS]
        assert lettered == [
            "REQ-5.2a", "REQ-5.2b", "REQ-5.2c",
            "REQ-11.2.4a", "REQ-11.2.4b",
            "REQ-11.2.9.3a", "REQ-11.2.9.3b",
        ], part
        section_4 = [rid for rid in candidates if rid.startswith("REQ-4.")]
        assert section_4 == [
            "REQ-4.H", "REQ-4.H1", "REQ-4.H2",
            "REQ-4.M", "REQ-4.M1", "REQ-4.M2", "REQ-4.M3", "REQ-4.M4", "REQ-4.M5",
        ], part
    api = [item.candidate for item in numbered if item.part == "api"]
    assert set(api) == API_OPERATIONS | {"API-1", "API-2", "API-3", "API-4"}
    assert len(api) == len(set(api))


def test_every_numbered_spec_line_is_catalogued(numbered: list[NumberedLine], catalog: dict[str, Requirement]) -> None:
    missing = [
        f"SPEC.txt:{item.line} ({item.part}) {item.number} -> {item.candidate}"
        for item in numbered
        if item.candidate not in catalog and item.candidate not in STRUCTURAL_HEADINGS
    ]
    assert not missing, "numbered lines without a catalog entry:\n" + "\n".join(missing)


def test_structural_allow_list_is_exact(numbered: list[NumberedLine], catalog: dict[str, Requirement]) -> None:
    produced = {item.candidate for item in numbered}
    assert not set(STRUCTURAL_HEADINGS) - produced, "allow-listed headings that SPEC.txt does not have"
    assert not set(STRUCTURAL_HEADINGS) & set(catalog), "a heading is both catalogued and allow-listed"
    assert all(reason.strip() for reason in STRUCTURAL_HEADINGS.values())


def test_numbered_items_point_at_their_lines(numbered: list[NumberedLine], catalog: dict[str, Requirement]) -> None:
    wrong = [
        f"{item.candidate}: source.{item.part} should be {item.line}, "
        f"got {catalog[item.candidate]['source'].get(item.part)}"
        for item in numbered
        if item.candidate in catalog and catalog[item.candidate]["source"].get(item.part) != item.line
    ]
    assert not wrong, "\n".join(wrong)


def test_numbered_ids_exist_in_the_spec(numbered: list[NumberedLine], catalog: dict[str, Requirement]) -> None:
    produced = {item.candidate for item in numbered}
    invented = [rid for rid in catalog if base_id(rid) == rid and rid not in produced]
    orphans = [rid for rid in catalog if base_id(rid) != rid and base_id(rid) not in catalog]
    assert not invented, f"numbered IDs that SPEC.txt does not number: {invented}"
    assert not orphans, f"slug IDs whose parent is not catalogued: {orphans}"


def test_sources_show_the_item(
    spec_lines: list[str], spans: dict[str, range], numbered: list[NumberedLine], catalog: dict[str, Requirement]
) -> None:
    line_ids = {(item.part, item.line): item.candidate for item in numbered}
    problems = []
    for rid, entry in catalog.items():
        for part, line in entry["source"].items():
            if line not in spans[part]:
                problems.append(f"{rid}: source.{part}={line} is outside the {part} part")
                continue
            text = spec_lines[line - 1]
            numbered_as = line_ids.get((part, line))
            if numbered_as is not None and numbered_as != base_id(rid):
                problems.append(f"{rid}: source.{part}={line} is the line of {numbered_as}")
            if part == "api":
                window = "".join("".join(spec_lines[line - 1 : line + 2]).split())
                if entry.get("method", "") not in text or entry.get("path", "?") not in window:
                    problems.append(f"{rid}: SPEC.txt:{line} does not show {entry.get('method')} {entry.get('path')}")
            elif not shows_item(text, entry[part]):
                problems.append(f"{rid}: SPEC.txt:{line} {text.strip()!r} does not start the {part} text")
    assert not problems, "\n".join(problems)


def test_vendored_spec_equals_the_shared_spec() -> None:
    if not SHARED_SPEC_PATH.exists():
        pytest.skip(f"shared spec {SHARED_SPEC_PATH} is absent: nothing to compare with")
    assert SPEC_PATH.read_bytes() == SHARED_SPEC_PATH.read_bytes(), "features/SPEC.txt differs from ../shared/spec/SPEC.txt"


# --------------------------------------------------------------------------- feature tags


def test_feature_tags_exist_in_the_catalog(catalog: dict[str, Requirement]) -> None:
    paths = sorted(FEATURES_DIR.rglob("*.feature"))
    assert not unknown_tag_ids(paths, catalog)


def test_unknown_tag_is_caught(tmp_path: Path, catalog: dict[str, Requirement]) -> None:
    feature = tmp_path / "sample.feature"
    feature.write_text(
        "@REQ-1 @smoke\n"
        "Feature: Login\n"
        "\n"
        "  @REQ-1.1 @REQ-99.1 @API-9.9  # a comment @REQ-77\n"
        "  Scenario: log in\n"
        "    Given something\n",
        encoding="utf-8",
    )
    assert unknown_tag_ids([feature], catalog) == [f"{feature}:4: REQ-99.1", f"{feature}:4: API-9.9"]


def test_tag_ids_keeps_only_id_like_tags() -> None:
    assert tag_ids(["@REQ-1.1", "smoke", "API-3.6", "@REQ-bogus", "@wip", "@REQUIRED"]) == [
        "REQ-1.1", "API-3.6", "REQ-bogus",
    ]
