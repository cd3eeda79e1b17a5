"""Ingesting arXiv OAI-snapshot JSON lines into the discovery candidates table."""

from __future__ import annotations

import datetime as dt
import gzip
import itertools
import json
from pathlib import Path

import pytest
from conftest import SAMPLE

from paperweek.cache import candidates
from paperweek.discover import ingest
from paperweek.errors import InputError


def sample_lines(n: int) -> list[bytes]:
    with gzip.open(SAMPLE, "rb") as fh:
        return list(itertools.islice(fh, n))


@pytest.fixture(scope="module")
def lines() -> list[bytes]:
    return sample_lines(2000)


def write(path: Path, lines: list[bytes], gz: bool) -> Path:
    data = b"".join(lines)
    if gz:
        path.write_bytes(gzip.compress(data, compresslevel=1))
    else:
        path.write_bytes(data)
    return path


@pytest.mark.parametrize("gz", [True, False])
def test_ingest_counts_and_is_idempotent(tmp_path: Path, lines: list[bytes], gz: bool) -> None:
    # named .jsonl even when gzip: the format is told by the bytes, not the name
    path = write(tmp_path / "snap.jsonl", lines, gz)
    conn = candidates.open_db(tmp_path / ".paperweek")
    first = ingest.ingest_file(conn, path)
    assert (first.seen, first.new, first.updated) == (2000, 2000, 0)
    again = ingest.ingest_file(conn, path)
    assert (again.seen, again.new, again.updated) == (2000, 0, 0)
    assert candidates.count(conn) == 2000
    assert (tmp_path / ".paperweek" / "cache.sqlite").is_file()


def test_stored_fields_and_v1_date(tmp_path: Path, lines: list[bytes]) -> None:
    record = json.loads(lines[0])
    record["versions"] = [
        {"version": "v1", "created": "Tue, 6 Jan 2026 18:59:59 GMT"},
        {"version": "v2", "created": "Mon, 2 Feb 2026 10:00:00 GMT"},
    ]
    record["title"] = "A  Title\n  wrapped over lines"
    path = write(tmp_path / "one.jsonl", [json.dumps(record).encode() + b"\n"], gz=False)
    conn = candidates.open_db(tmp_path)
    ingest.ingest_file(conn, path)
    stored = candidates.lookup(conn, [record["id"]])[record["id"]]
    assert stored.released == "2026-01-06"  # v1, not the latest version
    assert ingest.one_line(stored.title) == "A Title wrapped over lines"
    assert stored.category_list == record["categories"].split()
    assert stored.abstract.strip() == record["abstract"].strip()


def test_newer_update_replaces_older_does_not(tmp_path: Path, lines: list[bytes]) -> None:
    conn = candidates.open_db(tmp_path)
    ingest.ingest_file(conn, write(tmp_path / "a.jsonl", lines[:10], gz=False))
    record = json.loads(lines[3])
    newer = dict(record, title="Revised title", update_date="2027-01-01")
    older = dict(record, title="Stale title", update_date="2000-01-01")
    stats = ingest.ingest_file(conn, write(tmp_path / "b.jsonl", [json.dumps(newer).encode()], gz=False))
    assert (stats.new, stats.updated) == (0, 1)
    stats = ingest.ingest_file(conn, write(tmp_path / "c.jsonl", [json.dumps(older).encode()], gz=False))
    assert (stats.new, stats.updated) == (0, 0)
    assert candidates.lookup(conn, [record["id"]])[record["id"]].title == "Revised title"


@pytest.mark.parametrize(
    ("bad", "reason"),
    [(b"{not json\n", "not an arXiv OAI-snapshot record"), (b'{"title": "no id"}\n', "no 'id'"),
     (b"[1, 2]\n", "not a JSON object")],
)
def test_bad_line_names_file_and_line_and_writes_nothing(
    tmp_path: Path, lines: list[bytes], bad: bytes, reason: str
) -> None:
    path = write(tmp_path / "broken.jsonl.gz", [*lines[:50], b"\n", bad, *lines[50:60]], gz=True)
    conn = candidates.open_db(tmp_path)
    with pytest.raises(InputError) as info:
        ingest.ingest_file(conn, path)
    message = str(info.value)
    assert f"{path}:52:" in message and reason in message
    assert candidates.count(conn) == 0  # all or nothing


def test_truncated_gzip_is_an_input_error(tmp_path: Path, lines: list[bytes]) -> None:
    data = gzip.compress(b"".join(lines[:200]))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    conn = candidates.open_db(tmp_path)
    with pytest.raises(InputError, match=r"cut\.jsonl\.gz"):
        ingest.ingest_file(conn, path)
    assert candidates.count(conn) == 0


def test_select_by_v1_date_and_exclusions(tmp_path: Path, lines: list[bytes]) -> None:
    conn = candidates.open_db(tmp_path)
    ingest.ingest_file(conn, write(tmp_path / "s.jsonl", lines, gz=False))
    all_rows = candidates.select_candidates(conn)
    days = sorted({c.released for c in all_rows})
    since, until = dt.date.fromisoformat(days[2]), dt.date.fromisoformat(days[4])
    picked = candidates.select_candidates(conn, since, until)
    expected = [c for c in all_rows if days[2] <= c.released <= days[4]]
    assert picked and {c.id for c in picked} == {c.id for c in expected}
    left_out = picked[0].id
    assert left_out not in {c.id for c in candidates.select_candidates(conn, since, until, exclude={left_out})}


def test_background_sample_is_bounded_reproducible_and_excludes(tmp_path: Path, lines: list[bytes]) -> None:
    conn = candidates.open_db(tmp_path)
    ingest.ingest_file(conn, write(tmp_path / "s.jsonl", lines, gz=False))
    skip = {json.loads(line)["id"] for line in lines[:100]}
    first = candidates.sample_background(conn, 300, exclude=skip)
    assert len(first) == 300
    assert not skip & {c.id for c in first}
    assert [c.id for c in first] == [c.id for c in candidates.sample_background(conn, 300, exclude=skip)]


def test_api_records_go_into_the_same_table(tmp_path: Path) -> None:
    from paperweek.discover.run import row_from_record
    from paperweek.models import ArxivRecord

    record = ArxivRecord(
        id="2601.00001", version="v2", title="T", abstract="A", authors=["A B", "C D"],
        published=dt.date(2026, 1, 2), updated=dt.date(2026, 1, 9), primary_category="cs.CV",
        categories=["cs.CV", "cs.AI"],
    )
    conn = candidates.open_db(tmp_path)
    stats = candidates.store_rows(conn, [row_from_record(record)])
    assert stats.new == 1
    stored = candidates.lookup(conn, ["2601.00001"])["2601.00001"]
    assert (stored.released, stored.categories, stored.authors) == ("2026-01-02", "cs.CV cs.AI", "A B, C D")


def test_progress_reports_bytes_read(tmp_path: Path, lines: list[bytes]) -> None:
    path = write(tmp_path / "p.jsonl.gz", lines, gz=True)
    seen: list[int] = []
    conn = candidates.open_db(tmp_path)
    ingest.ingest_file(conn, path, seen.append)
    assert seen and seen == sorted(seen) and seen[-1] == path.stat().st_size
