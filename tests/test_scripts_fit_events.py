"""The event-weight fitting script (scripts/fit_events.py): what it says without the shared data."""

from __future__ import annotations

from scriptload import load_script


def test_fit_events_names_the_missing_data_folder(tmp_path, capsys):
    script = load_script("scripts/fit_events.py")
    assert script.main(["--data", str(tmp_path)]) == 2
    assert "no neus-allsides folder" in capsys.readouterr().err
