"""The shipped registries: counts, unique codes, valid AGS and Land codes, outlines, loaders."""

from __future__ import annotations

import csv
import dataclasses
import functools
import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from fks_graph import registries
from fks_graph.registries import (
    centroids,
    chambers_of_commerce,
    chambers_of_crafts,
    current_chamber_of_commerce,
    jobcenters,
    kreise,
    laender,
    outline_text,
    outlines,
)

from .conftest import ROOT

FOLDER = ROOT / "fks_graph" / "registries"
LAND_CODES = {land.code for land in laender()}
PREFIXES = {land.ags: land.code for land in laender()}
LISTS = {
    "handwerkskammern": (chambers_of_crafts, "code"),
    "ihk": (chambers_of_commerce, "code"),
    "jobcenter": (jobcenters, "number"),
    "kreise": (kreise, "ags"),
    "laender": (laender, "ags"),
}


def test_the_16_laender_have_their_iso_codes_and_ags_prefixes() -> None:
    assert len(laender()) == 16
    assert [land.ags for land in laender()] == [f"{n:02d}" for n in range(1, 17)]
    assert all(re.fullmatch(r"DE-[A-Z]{2}", land.code) for land in laender())
    assert len(LAND_CODES) == 16
    assert PREFIXES["14"] == "DE-SN"
    assert PREFIXES["09"] == "DE-BY"


def test_53_handwerkskammern_with_five_digit_codes() -> None:
    chambers = chambers_of_crafts()
    assert len(chambers) == 53
    assert all(re.fullmatch(r"\d{5}", chamber.code) for chamber in chambers)
    assert {c.code: c.state for c in chambers}["00081"] == "DE-SL"  # des Saarlandes


def test_ihk_list_with_79_current_chambers_and_merged_ones_resolving() -> None:
    chambers = chambers_of_commerce()
    by_code = {chamber.code: chamber for chamber in chambers}
    assert len(chambers) == 87
    assert sum(chamber.current for chamber in chambers) == 79
    for chamber in chambers:
        if not chamber.current:
            assert by_code[chamber.merged_into].current, chamber
    # an old chamber's note stays in the label
    assert by_code["113"].label == "Bremerhaven (alt, jetzt Bremen)"
    assert by_code["113"].name == "Bremerhaven"


@pytest.mark.parametrize(
    ("code", "current"),
    [
        ("105", "Berlin"),
        ("113", "Bremen"),
        ("127", "Gießen-Friedberg"),
        ("147", "Schwaben"),
        ("173", "Wuppertal"),
        ("178", "Lahn-Dill"),
        ("187", "Chemnitz"),
        ("142", "Köln"),
    ],
)
def test_current_chamber_of_commerce(code: str, current: str) -> None:
    assert current_chamber_of_commerce(code).name == current


def test_current_chamber_of_commerce_of_an_unknown_code() -> None:
    with pytest.raises(KeyError, match="999"):
        current_chamber_of_commerce("999")


def test_jobcenter_numbers_forms_and_kreise() -> None:
    centres = jobcenters()
    assert len(centres) == 405
    assert sum(c.form == "gE" for c in centres) == 301
    assert sum(c.form == "zkT" for c in centres) == 104
    assert all(re.fullmatch(r"\d{5}", c.number) for c in centres)
    known = {k.ags for k in kreise()}
    assert all(c.ags in known for c in centres if c.ags)
    assert all(PREFIXES[c.ags[:2]] == c.state for c in centres if c.ags)
    # a Kreis with a job centre named after it has one only
    named = [c.ags for c in centres if c.ags]
    assert len(named) == len(set(named))


def test_401_kreise_294_landkreise_and_107_kreisfreie_staedte() -> None:
    rows = kreise()
    assert len(rows) == 401
    assert sum(k.kreisfrei for k in rows) == 107
    assert sum(not k.kreisfrei for k in rows) == 294
    assert {k.type for k in rows} == {
        "Kreisfreie Stadt",
        "Stadtkreis",
        "Kreis",
        "Landkreis",
        "Regionalverband",
    }


def test_every_ags_has_five_digits_and_the_prefix_of_its_land() -> None:
    for kreis in kreise():
        assert re.fullmatch(r"\d{5}", kreis.ags), kreis
        assert PREFIXES[kreis.ags[:2]] == kreis.state, kreis


@pytest.mark.parametrize("name", sorted(LISTS))
def test_codes_are_unique(name: str) -> None:
    load, key = LISTS[name]
    codes = [getattr(row, key) for row in load()]
    assert len(codes) == len(set(codes))
    assert codes == sorted(codes)


@pytest.mark.parametrize("name", ["handwerkskammern", "ihk", "jobcenter", "kreise"])
def test_every_land_code_is_valid(name: str) -> None:
    load, _ = LISTS[name]
    states = {row.state for row in load()}
    assert states - {None} <= LAND_CODES
    assert len(states - {None}) > 10


@pytest.mark.parametrize("name", sorted(LISTS))
def test_csv_files_are_utf8_with_their_header(name: str) -> None:
    load, _ = LISTS[name]
    raw = (FOLDER / f"{name}.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    header = next(csv.reader(raw.decode("utf-8").splitlines()))
    assert header == [field.name for field in dataclasses.fields(load()[0])]


def test_records_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign"):
        kreise()[0].name = "X"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("level", "ids"),
    [("kreise", {k.ags for k in kreise()}), ("laender", LAND_CODES)],
)
def test_outlines_have_one_feature_per_kreis_and_land(level: str, ids: set[str]) -> None:
    data = json.loads(outline_text(level))
    assert data["type"] == "FeatureCollection"
    features = data["features"]
    codes = [f["id"] for f in features]
    assert len(codes) == len(set(codes))
    assert set(codes) == ids
    for feature in features:
        assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
        for point in (feature["properties"]["centroid"], feature["properties"]["label_point"]):
            lon, lat = point
            assert 5.8 < lon < 15.1, feature["id"]
            assert 47.2 < lat < 55.1, feature["id"]
    assert outlines(level) == data


def test_centroids_by_code() -> None:
    points = centroids("kreise")
    assert len(points) == 401
    lon, lat = points["14612"]  # Dresden
    assert 13.6 < lon < 13.9
    assert 50.9 < lat < 51.2
    points["14612"] = (0.0, 0.0)
    assert centroids("kreise")["14612"] != (0.0, 0.0)  # a copy each time


def test_outlines_of_an_unknown_level() -> None:
    with pytest.raises(ValueError, match="no outlines of 'gemeinden'"):
        outline_text("gemeinden")  # type: ignore[arg-type]


def test_outline_files_are_small_enough_to_inline() -> None:
    size = sum((FOLDER / f"{level}.geojson").stat().st_size for level in ("kreise", "laender"))
    assert size < 600_000


def test_package_exports_the_loaders() -> None:
    assert set(registries.__all__) <= set(dir(registries))
    assert registries.HWK_CODE_LIST.endswith("handwerkskammern_5")


# --- the rebuild script: its errors (rebuilding itself is a manual step, see the README) ---


@functools.cache
def _build_script() -> ModuleType:
    path = ROOT / "tools" / "build_registries.py"
    spec = importlib.util.spec_from_file_location("build_registries", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _args(folder: Path) -> list[str]:
    names = {
        "--hwk": "handwerkskammer.ts",
        "--ihk": "industrie-und-handelskammer.ts",
        "--einglmv": "einglmv_2022.md",
        "--laender": "laender.ndjson",
        "--bezirke": "regierungsbezirke.ndjson",
        "--regionen": "regionen.ndjson",
        "--kreise": "kreise.ndjson",
        "--verbaende": "gemeindeverbaende.ndjson",
        "--outlines": "Ebene_Kreise.geojson",
    }
    return [part for option, name in names.items() for part in (option, str(folder / name))]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, r"cannot read .*laender\.ndjson"),
        ("{not json", r"laender\.ndjson is not NDJSON"),
        ('{"name": "x"}', r"not of the expected shape"),
    ],
)
def test_rebuild_script_errors_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, message: str
) -> None:
    if content is not None:
        for name in ("laender", "kreise", "regierungsbezirke", "regionen", "gemeindeverbaende"):
            (tmp_path / f"{name}.ndjson").write_text(content, encoding="utf-8")
    assert _build_script().main([*_args(tmp_path), "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert re.search(message, err)
    assert not list(tmp_path.glob("*.csv"))


def test_rebuild_script_names_places_only_without_doubt() -> None:
    build = _build_script()
    places = build.Places(
        cities={"dresden": {"DE-SN"}, "halle": {"DE-ST", "DE-NW"}, "frankfurt (oder)": {"DE-BB"}},
        areas={"schwaben": {"DE-BY"}, "thüringen": {"DE-TH"}},
        laender={"thüringen": "DE-TH"},
    )
    assert build.places_in_name("Handwerkskammer Dresden", places) == ("Dresden", "DE-SN")
    assert build.places_in_name("Halle", places) == ("", "")
    assert build.places_in_name("Handwerkskammer für Schwaben", places) == ("", "DE-BY")
    assert build.places_in_name("Handwerkskammer für Ostthüringen", places) == ("", "DE-TH")
    assert build.places_in_name("Frankfurt/Oder - Region X", places) == (
        "Frankfurt (Oder)",
        "DE-BB",
    )
    assert build.places_in_name("Dresden-Schwaben", places) == ("Dresden", "")
    assert build.places_in_name("Dresden-Halle", places) == ("Dresden", "")
    assert build.places_in_name("Halle-Thüringen", places) == ("", "")
