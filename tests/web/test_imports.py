"""Uploading files: a real Strong export, duplicates, unreadable files, and every refusal.

Each refused upload is checked to have changed nothing: no session, no import record,
and no file written outside the upload folder.
"""

from __future__ import annotations

import csv
import gzip
import io
import zipfile
from pathlib import Path

import pytest


def _strong_workouts(path: Path) -> int:
    with path.open(newline="", encoding="utf-8") as handle:
        return len({(row["Date"], row["Workout Name"]) for row in csv.DictReader(handle)})


def _upload(client, token, files, **fields: str):
    return client.post("/api/v1/imports", files=files, data=fields, headers={"x-csrf-token": token})


def _nothing_stored(client) -> bool:
    people = client.get("/api/v1/people").json()
    if not people:
        return True
    return (
        client.get("/api/v1/sessions").json() == []
        and client.get("/import.json").json()["recent"] == []
    )


def test_a_real_strong_export_is_imported_whole(client, token, samples) -> None:
    path = samples / "strong" / "strong.csv"
    response = _upload(client, token, {"files": ("strong.csv", path.read_bytes())})
    assert response.status_code == 200, response.text
    body = response.json()
    workouts = _strong_workouts(path)
    assert body["summary"]["sessions_added"] == workouts
    assert body["summary"]["errors"] == []
    assert body["files"][0]["format"] == "strong_csv"
    assert body["person"] == "me"  # the first import of an empty journal adds a person
    stored = client.get(
        "/api/v1/sessions", params={"from": body["first_day"], "to": body["last_day"]}
    )
    assert len(stored.json()) == workouts


def test_the_same_file_twice_is_a_duplicate_and_adds_nothing(client, token, samples) -> None:
    data = (samples / "strong" / "example.csv").read_bytes()
    first = _upload(client, token, {"files": ("example.csv", data)}).json()
    again = _upload(client, token, {"files": ("example.csv", data)}).json()
    assert first["summary"]["sessions_added"] > 0
    assert again["files"][0]["status"] == "duplicate"
    assert again["summary"]["sessions_added"] == 0


def test_a_file_no_importer_reads_is_refused_and_changes_nothing(client, token) -> None:
    response = _upload(client, token, {"files": ("notes.txt", b"just words, not training")})
    assert response.status_code == 422
    assert response.json()["files"][0]["status"] == "failed"
    assert response.json()["summary"]["errors"]
    assert _nothing_stored(client)


def test_the_broken_rows_of_a_malformed_export_are_reported(client, token, samples) -> None:
    path = samples / "strong" / "malformed" / "bad.csv"
    rows = len(path.read_text(encoding="utf-8").splitlines()) - 1
    body = _upload(client, token, {"files": ("bad.csv", path.read_bytes())}).json()
    assert body["summary"]["sessions_added"] == 0
    assert len(body["files"][0]["refused"]) == rows
    assert all(line.startswith("row ") for line in body["files"][0]["refused"])


def test_several_files_import_one_by_one(client, token, samples) -> None:
    files = [
        ("files", ("example.csv", (samples / "strong" / "example.csv").read_bytes())),
        ("files", ("notes.txt", b"just some words, not training")),
    ]
    body = _upload(client, token, files).json()
    assert [f["status"] for f in body["files"]] == ["imported", "failed"]
    assert body["summary"]["sessions_added"] == _strong_workouts_semicolon(
        samples / "strong" / "example.csv"
    )


def _strong_workouts_semicolon(path: Path) -> int:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = csv.DictReader(handle, delimiter=";")
        return len({row["Workout #"] for row in rows})


def test_an_oversized_upload_is_refused_with_413(client_with, token, tmp_path) -> None:
    client = client_with(max_upload_bytes=64 * 1024)
    response = _upload(client, token, {"files": ("big.csv", b"x" * (100 * 1024))})
    assert response.status_code == 413
    assert response.json()["error"] == "too_large"
    assert _nothing_stored(client)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_before_it_is_expanded(client_with, token) -> None:
    client = client_with(max_expanded_bytes=1024 * 1024)
    bomb = _zip({"a.csv": b"0" * (8 * 1024 * 1024)})  # 8 MB of zeros packs into a few kB
    assert len(bomb) < 64 * 1024
    response = _upload(client, token, {"files": ("export.zip", bomb)})
    assert response.status_code == 413
    assert "zip bomb" in response.json()["reason"]
    assert _nothing_stored(client)


def test_a_gzip_bomb_is_refused(client_with, token) -> None:
    client = client_with(max_expanded_bytes=1024 * 1024)
    bomb = gzip.compress(b"0" * (8 * 1024 * 1024))
    response = _upload(client, token, {"files": ("activity.gpx.gz", bomb)})
    assert response.status_code == 413
    assert _nothing_stored(client)


@pytest.mark.parametrize(
    "name", ["../../escape.csv", "..\\..\\escape.csv", "/etc/escape.csv", "a/b.csv", ".."]
)
def test_a_file_name_holding_a_path_is_refused(client, token, tmp_path, samples, name) -> None:
    data = (samples / "strong" / "example.csv").read_bytes()
    before = sorted(p.name for p in tmp_path.parent.iterdir())
    response = _upload(client, token, {"files": (name, data)})
    assert response.status_code == 400
    assert response.json()["field"] == "files"
    assert _nothing_stored(client)
    assert sorted(p.name for p in tmp_path.parent.iterdir()) == before
    assert not (tmp_path / "escape.csv").exists()


def test_an_archive_member_leaving_its_folder_is_refused(client, token, samples) -> None:
    data = (samples / "strong" / "example.csv").read_bytes()
    archive = _zip({"good/example.csv": data, "../../evil.csv": data})
    response = _upload(client, token, {"files": ("export.zip", archive)})
    assert response.status_code == 400
    assert "path traversal" in response.json()["reason"]
    assert _nothing_stored(client)


def test_an_upload_without_the_token_is_refused(client, samples) -> None:
    data = (samples / "strong" / "example.csv").read_bytes()
    response = client.post("/api/v1/imports", files={"files": ("example.csv", data)})
    assert response.status_code == 403
    assert _nothing_stored(client)


def test_an_upload_with_no_file_is_refused(client, token) -> None:
    response = _upload(client, token, {"person": (None, "me")})
    assert response.status_code == 400


def test_a_bad_unit_choice_is_refused(client, token, samples) -> None:
    data = (samples / "strong" / "example.csv").read_bytes()
    response = _upload(client, token, {"files": ("example.csv", data)}, weight_unit="stone")
    assert (response.status_code, response.json()["field"]) == (400, "weight_unit")


def test_the_import_page_form_works_without_javascript(client, token, samples) -> None:
    data = (samples / "strong" / "alt.csv").read_bytes()
    files = {"csrf_token": (None, token), "files": ("alt.csv", data), "weight_unit": (None, "lb")}
    response = client.post("/import", files=files)
    assert response.status_code == 200
    assert "<h1>Import</h1>" in response.text
    assert "1 file: 1 sessions" in response.text
    fragment = client.post("/import", files=files, headers={"hx-request": "true"})
    assert "<html" not in fragment.text
    assert "duplicate" in fragment.text
