"""The package as it is published and installed: the wheel and the sdist hold what the
game needs (the story, the styles, the schema, the web page, the licence), their
metadata passes `twine check`, and `pipx install` from a checkout plays, saves and
continues from any folder."""

from __future__ import annotations

import email
import os
import re
import subprocess
import sys
import tarfile
import urllib.request
import zipfile
from pathlib import Path

import pytest

from .conftest import PROJECT
from .web.conftest import free_port, stop_server

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sdist, and the wheel built from that sdist (as `python -m build` does)."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(PROJECT)],
        check=True,
        capture_output=True,
        text=True,
    )
    (wheel,) = out.glob("elbe_game-*.whl")
    (sdist,) = out.glob("elbe_game-*.tar.gz")
    return wheel, sdist


def tracked(folder: str) -> list[str]:
    done = subprocess.run(
        ["git", "ls-files", folder], cwd=PROJECT, capture_output=True, text=True, check=True
    )
    return done.stdout.split()


def test_the_wheel_holds_the_story_the_styles_the_schema_and_the_page(
    dists: tuple[Path, Path],
) -> None:
    wheel, _ = dists
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        schema = archive.read("elbe_game/story.schema.json")
        (metadata_name,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        metadata = email.message_from_bytes(archive.read(metadata_name))
    story = tracked("story")
    assert "story/map.yaml" in story and "story/story.yaml" in story
    missing = [f for f in story if f"elbe_game/{f}" not in names]
    assert missing == []
    styles = [str(p.relative_to(PROJECT)) for p in (PROJECT / "elbe_game").rglob("*.tcss")]
    assert len(styles) >= 10 and "elbe_game/ui/app.tcss" in styles
    assert [s for s in styles if s not in names] == []
    assert schema == (PROJECT / "schema" / "story.schema.json").read_bytes()
    assert "elbe_game/web/page.html" in names
    dist_info = metadata_name.rsplit("/", 1)[0]
    assert {f"{dist_info}/licenses/LICENSE", f"{dist_info}/licenses/NOTICE"} <= names
    assert not [n for n in names if n.startswith(("tests/", "saves/", "elbe_game/saves"))]

    assert metadata["License-Expression"] == "MIT"
    requires = metadata.get_all("Requires-Dist") or []
    assert "textual<9,>=8.2.8" in requires  # a range: the exact pins are constraints.txt's
    assert not [r for r in requires if "==" in r.split(";")[0]]  # no exact pin
    assert "textual-serve<2,>=1.1.2; extra == 'web'" in requires
    urls = metadata.get_all("Project-URL") or []
    assert "Source, https://github.com/elbe-1945/elbe-game" in urls
    assert "interactive fiction" in (metadata["Keywords"] or "")
    assert len(metadata.get_all("Classifier") or []) >= 10


def test_the_sdist_holds_the_licence_the_notice_and_the_pins(dists: tuple[Path, Path]) -> None:
    _, sdist = dists
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    expected = {"LICENSE", "NOTICE", "README.md", "constraints.txt", "Makefile", "pyproject.toml"}
    assert expected <= names
    assert {"story/map.yaml", "schema/story.schema.json", "elbe_game/web/page.html"} <= names


def test_twine_check_passes(dists: tuple[Path, Path]) -> None:
    wheel, sdist = dists
    done = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", str(wheel), str(sdist)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("PASSED") == 2


def test_readme_links_are_absolute() -> None:
    """A package index shows the README without the repository: relative links break."""
    import re

    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)]+)\)", readme)
    assert targets
    assert [t for t in targets if not t.startswith("https://")] == []


def test_pipx_install_from_a_checkout_plays_saves_and_continues(tmp_path: Path) -> None:
    home = tmp_path / "home"
    bin_dir = tmp_path / "bin"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("ELBE_GAME_", "XDG_", "PIPX_", "VIRTUAL_ENV", "PYTHONPATH"))
    }
    env.update(
        HOME=str(home),
        PIPX_HOME=str(tmp_path / "pipx"),
        PIPX_BIN_DIR=str(bin_dir),
        PIPX_MAN_DIR=str(tmp_path / "man"),
    )
    home.mkdir()
    installed = subprocess.run(
        [sys.executable, "-m", "pipx", "install", str(PROJECT)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    game = str(bin_dir / "elbe-game")

    def play(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [game, *args], cwd=home, env=env, input=stdin, capture_output=True, text=True
        )

    first = play("play", "--plain", "--name", "Kim", stdin="1\nsave patrol\nquit\n")
    assert first.returncode == 0, first.stderr
    assert "Lieutenant Kim" in first.stdout
    assert "Saved as 'patrol'" in first.stdout
    saves = home / ".local" / "share" / "elbe-game" / "saves"  # the user data folder
    assert (saves / "patrol.json").is_file()

    listed = play("saves")
    assert "patrol" in listed.stdout and str(saves) in listed.stdout
    resumed = play("play", "--plain", "--continue", stdin="quit\n")
    assert resumed.returncode == 0, resumed.stderr
    titles = re.findall(r"^([^\n]+)\n\d{1,2} [A-Z][a-z]+ 1945, ", first.stdout, re.MULTILINE)
    after_choice = titles[1]  # the passage the first game reached
    assert f"Loaded 'patrol'.\n\n{after_choice}\n" in resumed.stdout  # the newest save

    paths = play("paths").stdout
    assert f"saves     {saves}  (user data folder)" in paths
    assert "site-packages/elbe_game/story" in paths
    checked = play("check")
    assert checked.returncode == 0 and "0 errors" in checked.stdout
    served = play("serve")  # installed without the web extra
    assert served.returncode == 1 and "pipx inject elbe-game textual-serve" in served.stderr

    # as the message says: then `serve` serves the page from the installed package
    injected = subprocess.run(
        [sys.executable, "-m", "pipx", "inject", "elbe-game", "textual-serve"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert injected.returncode == 0, injected.stdout + injected.stderr
    port = free_port()
    server = subprocess.Popen(
        [game, "serve", "--port", str(port)], cwd=home, env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        assert server.stdout is not None
        assert "Elbe 1945 is served at" in server.stdout.readline()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as page:
            assert "Screen readers cannot read this page" in page.read().decode()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/js/textual.js") as script:
            assert script.status == 200
    finally:
        stop_server(server)
