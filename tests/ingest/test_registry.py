"""The registry: which importer reads a file, and paths → files (folders, zips, gzip)."""

from __future__ import annotations

import gzip
import hashlib
import importlib
import shutil
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from ingest_zips import zip_folder
from lumbar.ingest import csvutil, registry
from lumbar.ingest.csvutil import ReadOptions
from lumbar.ingest.records import ImportedSession, ImportFileError, Notice

SAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "samples"
DATA = Path(__file__).resolve().parents[1] / "data" / "ingest" / "csv"
STRAVA = DATA / "strava" / "export"

# Each sample folder holds files of one format (SOURCES.md); Apple Health's export.xml
# files are its own, and the GPX route beside one of them is a GPX file.
FOLDER_FORMATS = {
    "strong": "strong_csv",
    "hevy": "hevy_csv",
    "fit": "fit",
    "gpx": "gpx",
    "tcx": "tcx",
}


def sample_files() -> list[Path]:
    return sorted(
        path
        for path in SAMPLES.rglob("*")
        if path.is_file() and path.parent.name != "LICENSES" and path.suffix != ".md"
    )


def expected_format(path: Path) -> str:
    if path.name == "export.xml":
        return "apple_health"
    if "workout-routes" in path.parts:
        return "gpx"
    return FOLDER_FORMATS[path.relative_to(SAMPLES).parts[0]]


@pytest.mark.parametrize("path", sample_files(), ids=lambda p: str(p.relative_to(SAMPLES)))
def test_every_sample_is_detected_as_its_format(path):
    fmt = expected_format(path)
    if fmt not in registry.FORMATS:
        pytest.skip(f"the {fmt} importer is not in this tree yet")
    assert registry.detect(path) == fmt


def fake(fmt: str, claims: bool) -> SimpleNamespace:
    def read(path, display=None):
        raise ValueError("boom")

    return SimpleNamespace(FORMAT=fmt, sniff=lambda path: claims, read=read)


def test_two_importers_claiming_one_file_is_an_error_naming_both(monkeypatch, tmp_path):
    monkeypatch.setattr(
        registry, "FORMATS", {"a": fake("a", True), "b": fake("b", True), "c": fake("c", False)}
    )
    path = tmp_path / "x.dat"
    path.write_text("x")
    with pytest.raises(ImportFileError) as caught:
        registry.detect(path)
    assert "a and b" in caught.value.message
    assert "bug" in caught.value.message


def test_a_file_no_importer_claims_is_an_error(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("just some notes\n")
    with pytest.raises(ImportFileError, match="no importer recognises it"):
        registry.detect(path)


def test_importer_modules_not_written_yet_are_skipped(monkeypatch):
    monkeypatch.setattr(
        registry,
        "MODULES",
        {"strong_csv": "lumbar.ingest.strong", "later": "lumbar.ingest.not_written_yet"},
    )
    assert set(registry._load_formats()) == {"strong_csv"}


def test_an_importer_whose_own_dependency_is_missing_is_not_hidden(monkeypatch, tmp_path):
    module = tmp_path / "lumbar_fake_importer.py"
    module.write_text("import a_dependency_that_is_not_installed\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(registry, "MODULES", {"fake": "lumbar_fake_importer"})
    importlib.invalidate_caches()
    with pytest.raises(ModuleNotFoundError):
        registry._load_formats()


def test_read_one_wraps_an_importers_unexpected_exception(monkeypatch, tmp_path):
    monkeypatch.setattr(registry, "FORMATS", {"a": fake("a", True)})
    path = tmp_path / "x.dat"
    path.write_text("x")
    with pytest.raises(ImportFileError) as caught:
        list(registry.read_one(path, "a", "shown.dat"))
    assert caught.value.file == "shown.dat"
    assert "ValueError: boom" in caught.value.message


def test_read_one_refuses_an_unknown_format(tmp_path):
    with pytest.raises(ImportFileError, match="no importer"):
        list(registry.read_one(tmp_path / "x", "nonsense"))


def test_read_one_passes_unit_choices_to_the_importers_that_take_them():
    path = SAMPLES / "strong" / "strong.csv"
    default = list(registry.read_one(path, "strong_csv"))
    chosen = list(registry.read_one(path, "strong_csv", options=ReadOptions(weight_unit="lb")))
    # Read with the default, the file says which unit was assumed; chosen, it does not.
    assert isinstance(default[0], Notice) and "read as kg" in default[0].message
    assert not any(isinstance(item, Notice) for item in chosen)
    as_kg, as_lb = default[1], chosen[0]
    assert isinstance(as_kg, ImportedSession) and isinstance(as_lb, ImportedSession)
    assert as_lb.sets[0].weight_kg == pytest.approx(as_kg.sets[0].weight_kg * 0.45359237, abs=1e-3)


def test_files_keep_their_order_name_and_hash(tmp_path):
    strong, hevy = SAMPLES / "strong" / "alt.csv", SAMPLES / "hevy" / "workouts.csv"
    with registry.open_inputs([hevy, strong]) as inputs:
        assert [(i.display, i.format) for i in inputs] == [
            ("workouts.csv", "hevy_csv"),
            ("alt.csv", "strong_csv"),
        ]
        assert inputs[0].sha256 == hashlib.sha256(hevy.read_bytes()).hexdigest()


def test_folders_are_walked_in_sorted_order(tmp_path):
    folder = tmp_path / "logs"
    (folder / "b").mkdir(parents=True)
    shutil.copy(SAMPLES / "strong" / "alt.csv", folder / "b" / "z.csv")
    shutil.copy(SAMPLES / "strong" / "example.csv", folder / "a.csv")
    (folder / ".DS_Store").write_bytes(b"\x00\x01")
    with registry.open_inputs([folder]) as inputs:
        assert [i.display for i in inputs] == ["logs/a.csv", "logs/b/z.csv"]


def test_missing_and_unknown_files_become_errors_in_the_list(tmp_path):
    unknown = tmp_path / "readme.txt"
    unknown.write_text("hello")
    with registry.open_inputs([tmp_path / "nope.csv", unknown]) as inputs:
        assert all(isinstance(i, ImportFileError) for i in inputs)
        assert [i.file for i in inputs] == ["nope.csv", "readme.txt"]


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_other_zips_are_expanded_and_the_copies_removed_afterwards(tmp_path):
    data = (SAMPLES / "strong" / "alt.csv").read_bytes()
    archive = make_zip(tmp_path / "logs.zip", {"2019/alt.csv": data})
    with registry.open_inputs([archive]) as inputs:
        (item,) = inputs
        assert (item.display, item.format) == ("logs.zip/2019/alt.csv", "strong_csv")
        assert item.sha256 == hashlib.sha256(data).hexdigest()
        assert item.path.read_bytes() == data
    assert not item.path.exists()


@pytest.mark.parametrize("evil", ["../escape.csv", "a/../../escape.csv", "/etc/escape.csv"])
def test_zip_members_that_leave_the_folder_are_refused(tmp_path, evil):
    data = (SAMPLES / "strong" / "alt.csv").read_bytes()
    archive = make_zip(tmp_path / "evil.zip", {evil: data, "good.csv": data})
    with registry.open_inputs([archive]) as inputs:
        errors = [i for i in inputs if isinstance(i, ImportFileError)]
        good = [i for i in inputs if isinstance(i, registry.InputFile)]
        assert [e.file for e in errors] == [f"evil.zip/{evil}"]
        assert [g.display for g in good] == ["evil.zip/good.csv"]
    assert not (tmp_path / "escape.csv").exists()
    assert not (tmp_path.parent / "escape.csv").exists()


def test_zip_bomb_is_refused_before_it_fills_the_disk(tmp_path, monkeypatch):
    monkeypatch.setattr(registry, "MAX_EXPANDED_BYTES", 1_000_000)
    zeros = b"\0" * 600_000  # compresses ~1000:1
    archive = make_zip(tmp_path / "bomb.zip", {"a.csv": zeros, "b.csv": zeros})
    assert archive.stat().st_size < 10_000
    with registry.open_inputs([archive]) as inputs:
        (error,) = inputs
        assert isinstance(error, ImportFileError)
        assert "refused" in error.message


def test_gzip_bomb_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(registry, "MAX_EXPANDED_BYTES", 1_000_000)
    path = tmp_path / "big.csv.gz"
    path.write_bytes(gzip.compress(b"\0" * 3_000_000))
    with registry.open_inputs([path]) as inputs:
        (error,) = inputs
        assert isinstance(error, ImportFileError)
        assert "refused" in error.message


def test_gzipped_file_is_decompressed_and_detected(tmp_path):
    data = (SAMPLES / "strong" / "alt.csv").read_bytes()
    path = tmp_path / "alt.csv.gz"
    path.write_bytes(gzip.compress(data))
    with registry.open_inputs([path]) as inputs:
        (item,) = inputs
        assert (item.display, item.format) == ("alt.csv.gz", "strong_csv")
        assert item.path.read_bytes() == data


def test_damaged_zip_is_an_error_not_a_traceback(tmp_path):
    archive = make_zip(tmp_path / "x.zip", {"a.csv": b"Date,Workout Name\n" * 100})
    raw = bytearray(archive.read_bytes())
    raw[40:80] = b"\xff" * 40  # inside the compressed data of the only member
    archive.write_bytes(bytes(raw))
    with registry.open_inputs([archive]) as inputs:
        assert all(isinstance(i, ImportFileError) for i in inputs)


def test_archive_inside_an_archive_is_not_opened(tmp_path):
    inner = make_zip(tmp_path / "inner.zip", {"a.csv": b"x"}).read_bytes()
    outer = make_zip(tmp_path / "outer.zip", {"inner.zip": inner})
    with registry.open_inputs([outer]) as inputs:
        (error,) = inputs
        assert isinstance(error, ImportFileError)
        assert error.file == "outer.zip/inner.zip"


def test_strava_export_zip_is_handed_whole_to_its_importer(tmp_path):
    archive = zip_folder(STRAVA, tmp_path / "export_1.zip")
    with registry.open_inputs([archive]) as inputs:
        (item,) = inputs
        assert (item.display, item.format, item.path) == ("export_1.zip", "strava_export", archive)


def test_unpacked_strava_export_is_read_through_its_csv_only(tmp_path):
    folder = tmp_path / "export_1"
    shutil.copytree(STRAVA, folder)
    (folder / "profile.csv").write_text("Athlete ID,Email\n1,a@b.c\n")
    with registry.open_inputs([folder]) as inputs:
        assert [(i.display, i.format) for i in inputs] == [
            ("export_1/activities.csv", "strava_export")
        ]


APPLE = SAMPLES / "apple_health" / "with_route"


def needs_apple_health() -> None:
    if "apple_health" not in registry.FORMATS:
        pytest.skip("the Apple Health importer is not in this tree yet")


def test_apple_health_export_zip_is_handed_whole_to_its_importer(tmp_path):
    needs_apple_health()
    archive = zip_folder(APPLE, tmp_path / "export.zip", compression=zipfile.ZIP_DEFLATED)
    with registry.open_inputs([archive]) as inputs:
        (item,) = inputs
        assert (item.display, item.format, item.path) == ("export.zip", "apple_health", archive)


def test_unpacked_apple_health_export_is_read_through_export_xml_only():
    needs_apple_health()
    with registry.open_inputs([APPLE]) as inputs:
        # The workout-routes/ GPX beside export.xml is read by the Apple Health importer.
        assert [(i.display, i.format) for i in inputs] == [
            ("with_route/apple_health_export/export.xml", "apple_health")
        ]


def test_forced_format_skips_detection(tmp_path):
    path = SAMPLES / "strong" / "alt.csv"
    with registry.open_inputs([path], forced_format="hevy_csv") as inputs:
        (item,) = inputs
        assert item.format == "hevy_csv"
        with pytest.raises(ImportFileError, match="no column"):
            list(registry.read_one(item.path, item.format, item.display))


def test_unknown_forced_format_is_an_error_per_file():
    with registry.open_inputs([SAMPLES / "strong" / "alt.csv"], forced_format="excel") as inputs:
        (error,) = inputs
        assert isinstance(error, ImportFileError)
        assert "excel" in error.message


@pytest.mark.parametrize("module", [registry, csvutil], ids=lambda m: m.__name__)
def test_public_names_exist(module):
    for name in module.__all__:
        assert hasattr(module, name)
