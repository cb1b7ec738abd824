"""The demo's drop folder gives a new editor a wire queue to try at once."""

from pathlib import Path

from django.core.management import call_command

from wire.models import Provider, WireItem

DEMO = Path(__file__).resolve().parents[2] / "wire" / "demo" / "reuters"


def test_the_demo_folder_shows_an_updated_story_and_a_killed_one(section, capsys):
    call_command("ingest_wire", provider="reuters", folder=str(DEMO), credit="Reuters")
    call_command("ingest_wire", provider="reuters", folder=str(DEMO))

    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "reuters: 4 new, 1 updated, 0 unchanged, 1 killed, 0 errors",
        "reuters: 0 new, 0 updated, 0 unchanged, 0 killed, 0 errors",
    ]
    assert Provider.objects.get().credit == "Reuters"
    states = {item.slugline: item.state() for item in WireItem.objects.all()}
    assert states["GREECE-STRIKE/FERRIES (KILL)"] == "Killed"
    assert WireItem.objects.get(slugline="TURKEY-CENBANK/ (UPDATE 1)").versions.count() == 2
    assert list(
        WireItem.objects.in_state("new").order_by("slugline").values_list("slugline", flat=True)
    ) == [
        "TURKEY-CENBANK/ (UPDATE 1)",
        "TURKEY-LIRA/",
        "UKRAINE-GRAIN/TURKEY",
    ]
