"""The vendored browser libraries: the files and licences the table names, byte for byte."""

from __future__ import annotations

import hashlib
import re
from importlib.resources import files

import pytest

from lumbar.web.views.library import vendored_libraries

STATIC = files("lumbar.web").joinpath("static")


def test_the_table_lists_htmx_vega_vega_lite_and_vega_embed() -> None:
    packages = {lib.package: lib.version for lib in vendored_libraries()}
    assert set(packages) == {"htmx.org", "vega", "vega-lite", "vega-embed"}
    assert all(re.fullmatch(r"\d+\.\d+\.\d+", v) for v in packages.values())


@pytest.mark.parametrize("library", vendored_libraries(), ids=lambda lib: lib.package)
def test_each_vendored_file_matches_its_recorded_digest_and_has_its_licence(library) -> None:
    data = STATIC.joinpath("vendor", library.file).read_bytes()
    assert hashlib.sha256(data).hexdigest() == library.sha256
    assert library.version in data.decode("utf-8", errors="replace")
    folder = library.file.split("/")[0]
    licence = STATIC.joinpath("vendor", folder, "LICENSE").read_text(encoding="utf-8")
    assert "Copyright" in licence or "Zero-Clause BSD" in licence


def test_every_static_file_a_page_links_is_served(client) -> None:
    html = client.get("/checkin").text + client.get("/about").text
    links = set(re.findall(r'(?:src|href)="(/static/[^"?]+)', html))
    assert "/static/vendor/htmx/htmx.min.js" in links
    for link in links:
        assert client.get(link).status_code == 200, link


@pytest.mark.parametrize(
    "path", ["/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fsettings.py"]
)
def test_static_files_never_leave_their_folder(client, path) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "WebSettings" not in response.text
