"""The docs never drift from the code: settings and CLI reference are regenerated and compared."""

from __future__ import annotations

from conftest import ROOT
from scriptload import load_script

from newsprism.config import SETTINGS


def _script(name):
    return load_script(f"scripts/{name}.py")


def test_every_setting_is_documented_with_its_help():
    doc = (ROOT / "docs" / "settings.md").read_text()
    for setting in SETTINGS.values():
        assert setting.help.strip(), f"{setting.name} has no help text"
        assert f"`{setting.name}`" in doc and setting.help in doc, (
            f"{setting.name} missing from docs/settings.md"
        )


def test_settings_reference_is_up_to_date():
    assert (ROOT / "docs" / "settings.md").read_text() == _script("settings_reference").render(), (
        "run `make docs`"
    )


def test_cli_reference_is_up_to_date():
    assert (ROOT / "docs" / "cli.md").read_text() == _script("cli_reference").render(), "run `make docs`"
