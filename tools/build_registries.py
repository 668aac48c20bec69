"""Rebuild the registries shipped in fks_graph/registries/ from their public source files.

Not run at install time nor by the tests: run it by hand when a source list changes, and
commit what it writes. It reads only the files named on the command line (see
fks_graph/registries/README.md for where each comes from and the exact command) and needs
shapely >= 2.1 (the ``registries-build`` extra) for the outlines. ``--check`` compares
instead of writing and exits 1 when a shipped file differs.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["main"]

OUT = Path(__file__).resolve().parent.parent / "fks_graph" / "registries"

# ISO 3166-2:DE subdivision codes by the two-digit AGS prefix of a Land.
ISO_BY_PREFIX = {
    "01": "DE-SH", "02": "DE-HH", "03": "DE-NI", "04": "DE-HB", "05": "DE-NW", "06": "DE-HE",
    "07": "DE-RP", "08": "DE-BW", "09": "DE-BY", "10": "DE-SL", "11": "DE-BE", "12": "DE-BB",
    "13": "DE-MV", "14": "DE-SN", "15": "DE-ST", "16": "DE-TH",
}  # fmt: skip

KREIS_TYPES = {
    "kreisfreie-stadt": "Kreisfreie Stadt",
    "stadtkreis": "Stadtkreis",
    "kreis": "Kreis",
    "landkreis": "Landkreis",
    "regionalverband": "Regionalverband",
}

# Successions the IHK list does not give as codes (README: "Additions to the lists"):
# 147 Lindau says "(alt, jetzt Augsburg)", naming its successor by its seat only: the IHK
# Schwaben (104), which sits in Augsburg; 178 Wetzlar is listed without a note, though the IHKs
# Wetzlar and Dillenburg merged into the IHK Lahn-Dill (117) in 2008.
IHK_SUCCESSORS_ADDED = {"147": "104", "178": "117"}

GRID = 0.001  # outline coordinates are rounded to this many degrees (~70-110 m)
TOLERANCE = 0.015  # simplification tolerance in degrees (~1-1.7 km), for all shared borders at once


class BuildError(Exception):
    """A source file is missing or not of the expected shape."""


# ---------------------------------------------------------------------------------------------
# reading the sources


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise BuildError(f"cannot read {path}: {exc.strerror}") from None


def _ndjson(path: Path) -> list[dict]:
    try:
        return [json.loads(line) for line in _read(path).splitlines() if line.strip()]
    except json.JSONDecodeError as exc:
        raise BuildError(f"{path} is not NDJSON: {exc.msg} (line {exc.lineno})") from None


def _ts_variants(path: Path) -> tuple[str, dict[str, str]]:
    """The canonical version URI and the code -> label pairs of a generated code-list module."""
    text = _read(path)
    uri = re.search(r'canonicalVersionUri:\s*"([^"]+)"', text)
    body = re.search(r"Variants[^=]*=\s*\{(.*?)\n\};", text, re.DOTALL)
    if not uri or not body:
        raise BuildError(f"{path} has no canonicalVersionUri or no Variants object")
    pairs = dict(re.findall(r'^\s*"([^"]+)":\s*"([^"]*)",?\s*$', body.group(1), re.MULTILINE))
    if not pairs:
        raise BuildError(f"{path}: the Variants object has no entries")
    return uri.group(1), pairs


def _annex_rows(path: Path, annex: str) -> list[tuple[str, str, str]]:
    """(number, form, name) of each row of one annex table of the EinglMV (Markdown)."""
    text = _read(path)
    start = re.search(rf"^## Anlage {annex} .*$", text, re.MULTILINE)
    if not start:
        raise BuildError(f"{path} has no 'Anlage {annex}'")
    end = re.search(r"^## ", text[start.end() :], re.MULTILINE)
    block = text[start.end() : start.end() + end.start() if end else len(text)]
    rows = []
    for chunk in re.split(r"\n\*\s+\*\s+", block)[1:]:
        cells = [c.strip() for c in re.split(r"\n\s*\*\s+", "\n    *   " + chunk) if c.strip()]
        if re.fullmatch(r"\d{5}", cells[0]):
            rows.append((cells[0], cells[1], " ".join(cells[2].split())))
    if not rows:
        raise BuildError(f"{path}: 'Anlage {annex}' has no rows")
    return rows


# ---------------------------------------------------------------------------------------------
# places named in a chamber's or job centre's name


def _key(text: str) -> str:
    """Compare names without case, hyphens, blanks after a dot or a final dot."""
    text = re.sub(r"\.\s+", ".", text.replace("-", " ").lower()).rstrip(".")
    return " ".join(text.split())


def _base(name: str) -> str:
    """'Kiel, Landeshauptstadt' -> 'Kiel'."""
    return name.split(",")[0].strip()


_AREA_PREFIX = re.compile(
    r"^(früher: )?(Reg\.-Bez\. |Statistische Region |Region |Direktionsbezirk )"
)


@dataclass
class Places:
    """Names of the Gemeindeverzeichnis with the Länder they occur in, as cities or as areas."""

    cities: dict[str, set[str]]
    areas: dict[str, set[str]]
    laender: dict[str, str]  # key of a Land's name -> ISO code

    @classmethod
    def from_sources(cls, laender, bezirke, regionen, kreise, verbaende) -> Places:
        cities: dict[str, set[str]] = {}
        areas: dict[str, set[str]] = {}

        def add(table, name, prefix):
            if name:
                table.setdefault(_key(name), set()).add(ISO_BY_PREFIX[prefix])

        for land in laender:
            add(areas, land["name"], land["schlüssel"]["land"])
            add(cities, _base(land["sitz"]), land["schlüssel"]["land"])
        for row in [*bezirke, *regionen]:
            add(areas, _AREA_PREFIX.sub("", row["name"]), row["schlüssel"]["land"])
        for row in kreise:
            prefix = row["schlüssel"]["land"]
            add(cities, row["sitz"], prefix)
            if row["typ"]["name"] in ("kreisfreie-stadt", "stadtkreis"):
                add(cities, _base(row["name"]), prefix)
            else:
                add(areas, _base(row["name"]), prefix)
        for row in verbaende:
            if row["typ"].get("name") in ("verbandsfreie-gemeinde", "erfüllende-gemeinde"):
                add(cities, _base(row["name"]), row["schlüssel"]["land"])
        laender_keys = {
            _key(land["name"]): ISO_BY_PREFIX[land["schlüssel"]["land"]] for land in laender
        }
        return cls(cities, areas, laender_keys)

    def lookup(self, span: str) -> tuple[str, set[str], str] | None:
        """('city' | 'area', its Länder, its spelling found) of a span of a name, or None."""
        variants = [span]
        slash = re.fullmatch(r"(\w+)/(\w+)", span)
        if slash:  # the Gemeindeverzeichnis writes 'Frankfurt (Oder)', 'Ludwigshafen am Rhein'
            variants += [
                f"{slash.group(1)} ({slash.group(2)})",
                f"{slash.group(1)} am {slash.group(2)}",
            ]
        if span.endswith("es"):  # genitive: 'des Saarlandes'
            variants.append(span[:-2])
        for variant in variants:
            key = _key(variant)
            if key in self.cities:
                return "city", self.cities[key], variant
            if key in self.areas:
                return "area", self.areas[key], variant
            for land_key, iso in sorted(self.laender.items(), key=lambda kv: -len(kv[0])):
                rest = key.removesuffix(land_key)
                if rest != key and rest in ("ost", "west", "nord", "süd", "südwest", "mittel"):
                    return "area", {iso}, variant  # 'Ostthüringen', 'Südthüringen'
        return None


_LEAD = re.compile(r"^(Handwerkskammer|für|zu|der|des)\s+")
_NOTE = re.compile(r"\s*\((alt, jetzt|s\.) ([^)]*)\)$")


def _spans(text: str) -> list[tuple[int, int, str]]:
    """Every run of consecutive words of ``text`` (words end at blanks, '-' and '/')."""
    tokens = list(re.finditer(r"[^\s/-]+", text))
    out = []
    for i in range(len(tokens)):
        for j in range(len(tokens), i, -1):
            out.append((i, j, text[tokens[i].start() : tokens[j - 1].end()]))
    return out


def places_in_name(name: str, places: Places) -> tuple[str, str]:
    """(city, ISO code of the Land) named in a chamber's or job centre's name, '' where unknown.

    The Land is given when the places recognised in the name have one Land in common and one of
    them lies in that Land only; the city is the place named after 'zu', otherwise the
    place the name starts with (after 'Region'), when it is a city of a single Land.
    """
    text = _NOTE.sub("", name).strip()
    while _LEAD.match(text):
        text = _LEAD.sub("", text, count=1)
    text = text.replace(" - ", " / ")
    found: list[tuple[int, int, str, str, set[str], str]] = []
    for i, j, span in _spans(text):
        if any(a <= i and j <= b for a, b, *_ in found):
            continue  # inside a longer place already found
        hit = places.lookup(span)
        if hit:
            found.append((i, j, span, *hit))
    # a chamber's district lies in one Land: the Land common to all places named, given by at
    # least one place that lies in a single Land ('Gießen-Friedberg': Friedberg (Hessen))
    common = set.intersection(*(lands for *_, lands, _ in found)) if found else set()
    sure = any(len(lands) == 1 for *_, lands, _ in found)
    state = common.pop() if len(common) == 1 and sure else ""
    city = ""
    zu = re.search(r"\bzu (.+)$", text)
    candidates = [zu.group(1)] if zu else []
    words = text.split()
    first = 1 if words and words[0] == "Region" else 0
    candidates += [span for i, _, span in _spans(text) if i == first]
    for span in candidates:
        hit = places.lookup(span)
        if hit and hit[0] == "city" and len(hit[1]) == 1 and (not state or state in hit[1]):
            city = _base(hit[2])
            break
    return city, state


# ---------------------------------------------------------------------------------------------
# the lists


def crafts_chambers(path: Path, places: Places) -> tuple[str, list[list[str]]]:
    uri, pairs = _ts_variants(path)
    rows = [[code, name, *places_in_name(name, places)] for code, name in sorted(pairs.items())]
    return uri, rows


def commerce_chambers(path: Path, places: Places) -> tuple[str, list[list[str]]]:
    uri, pairs = _ts_variants(path)
    by_name = {name: code for code, name in pairs.items()}
    rows = []
    for code, label in sorted(pairs.items()):
        note = _NOTE.search(label)
        name = _NOTE.sub("", label).strip()
        merged_into = ""
        if note:
            target = note.group(2).strip()
            merged_into = by_name.get(target, "")
        city, state = places_in_name(name, places)
        rows.append([code, name, city, state, merged_into, label])
    for row in rows:
        if row[0] in IHK_SUCCESSORS_ADDED and not row[4]:
            row[4] = IHK_SUCCESSORS_ADDED[row[0]]
    unresolved = [row[5] for row in rows if _NOTE.search(row[5]) and not row[4]]
    if unresolved:
        raise BuildError(f"{path}: no successor found for {', '.join(unresolved)}")
    return uri, rows


def kreise_rows(kreise: Iterable[dict]) -> list[list[str]]:
    rows = []
    for row in kreise:
        ags = row["schlüssel"]["nummer"]
        rows.append(
            [ags, row["name"], KREIS_TYPES[row["typ"]["name"]], row["sitz"], ISO_BY_PREFIX[ags[:2]]]
        )
    return sorted(rows)


def jobcenter_rows(path: Path, kreise: Sequence[dict], places: Places) -> list[list[str]]:
    rows = _annex_rows(path, "2")
    if sorted(rows) != sorted(_annex_rows(path, "4")):
        raise BuildError(f"{path}: Anlage 2 and Anlage 4 list different job centres")
    index: dict[tuple[str, str], set[str]] = {}
    for k in kreise:
        ags, name, typ = k["schlüssel"]["nummer"], k["name"], k["typ"]["name"]
        group = "city" if typ in ("kreisfreie-stadt", "stadtkreis") else "land"
        for variant in {name, _base(name)}:
            for scope in ("any", group):
                index.setdefault((scope, _key(variant)), set()).add(ags)
    out = []
    for number, form, name in rows:
        if form not in ("gE", "zkT"):
            raise BuildError(f"{path}: job centre {number} has the form {form!r}")
        matches = index.get(("any", _key(name)), set())
        city = re.fullmatch(
            r"(.+), (\w*[Ss]tadt)", name
        )  # 'Mainz, Stadt', 'Ulm, Universitätsstadt'
        rural = re.fullmatch(
            r"(.+), Land|Landkreis (.+)", name
        )  # 'Fürth, Land', 'Landkreis Rostock'
        if city:
            matches = index.get(("city", _key(city.group(1))), set())
        elif rural:
            short = _key(rural.group(1) or rural.group(2))
            matches = index.get(("land", short), set()) | index.get(("land", _key(name)), set())
        elif len(matches) > 1:
            matches = set()
        ags = next(iter(matches)) if len(matches) == 1 else ""
        state = ISO_BY_PREFIX[ags[:2]] if ags else places_in_name(name, places)[1]
        out.append([number, name, form, ags, state])
    return sorted(out)


# ---------------------------------------------------------------------------------------------
# outlines


def outlines(kreise_geojson: Path, names: dict[str, str]) -> tuple[str, str]:
    """Simplified Kreis and Land outlines as compact GeoJSON texts."""
    try:
        import shapely
        from shapely.geometry import mapping, shape
    except ImportError:
        raise BuildError("the outlines need shapely >= 2.1 (pip install 'shapely>=2.1')") from None
    try:
        data = json.loads(_read(kreise_geojson))
    except json.JSONDecodeError as exc:
        raise BuildError(f"{kreise_geojson} is not JSON: {exc.msg}") from None
    features = sorted(data["features"], key=lambda f: f["properties"]["ARS"])
    codes = [f["properties"]["ARS"] for f in features]
    if len(set(codes)) != len(codes):
        raise BuildError(f"{kreise_geojson}: a Kreis (ARS) occurs twice")
    geoms = [shapely.make_valid(shape(f["geometry"])) for f in features]
    # one simplification of all shared borders at once, so that neighbours keep meeting
    simple = shapely.coverage_simplify(geoms, TOLERANCE, simplify_boundary=True)
    simple = shapely.set_precision(simple, GRID)

    def point(p) -> list[float]:
        return [round(p.x, 4), round(p.y, 4)]

    def feature(code, geom, full, label):
        props = {
            "name": label,
            "centroid": point(full.centroid),
            "label_point": point(full.point_on_surface()),
        }
        return {"type": "Feature", "id": code, "properties": props, "geometry": mapping(geom)}

    kreis_features = [
        feature(code, g, full, names.get(code, f["properties"]["GEN"]))
        for code, g, full, f in zip(codes, simple, geoms, features, strict=True)
    ]
    land_features = []
    for prefix, iso in ISO_BY_PREFIX.items():
        parts = [i for i, code in enumerate(codes) if code[:2] == prefix]
        if not parts:
            raise BuildError(f"{kreise_geojson}: no Kreis of Land {prefix}")
        geom = shapely.union_all([simple[i] for i in parts], grid_size=GRID)
        full = shapely.union_all([geoms[i] for i in parts])
        land_features.append(feature(iso, geom, full, names[iso]))

    def text(features):
        collection = {"type": "FeatureCollection", "features": features}
        return json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n"

    return text(kreis_features), text(land_features)


# ---------------------------------------------------------------------------------------------
# writing


def _csv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def build(args: argparse.Namespace) -> dict[str, str]:
    """The shipped files' names and texts."""
    laender = _ndjson(args.laender)
    kreise = _ndjson(args.kreise)
    places = Places.from_sources(
        laender, _ndjson(args.bezirke), _ndjson(args.regionen), kreise, _ndjson(args.verbaende)
    )
    _, hwk = crafts_chambers(args.hwk, places)
    _, ihk = commerce_chambers(args.ihk, places)
    land_rows = [
        [ISO_BY_PREFIX[land["schlüssel"]["land"]], land["schlüssel"]["land"], land["name"]]
        for land in laender
    ]
    kreis_rows = kreise_rows(kreise)
    names = {row[0]: row[1] for row in kreis_rows} | {row[0]: row[2] for row in land_rows}
    kreis_geo, land_geo = outlines(args.outlines, names)
    return {
        "handwerkskammern.csv": _csv(["code", "name", "city", "state"], hwk),
        "ihk.csv": _csv(["code", "name", "city", "state", "merged_into", "label"], ihk),
        "jobcenter.csv": _csv(
            ["number", "name", "form", "ags", "state"], jobcenter_rows(args.einglmv, kreise, places)
        ),
        "kreise.csv": _csv(["ags", "name", "type", "seat", "state"], kreis_rows),
        "laender.csv": _csv(["code", "ags", "name"], sorted(land_rows, key=lambda r: r[1])),
        "kreise.geojson": kreis_geo,
        "laender.geojson": land_geo,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arg = parser.add_argument
    arg("--hwk", type=Path, required=True, help="xdatenfelder-ts .../codelists/handwerkskammer.ts")
    arg("--ihk", type=Path, required=True, help="... /codelists/industrie-und-handelskammer.ts")
    arg("--einglmv", type=Path, required=True, help="bundestag/gesetze e/einglmv_YYYY/index.md")
    arg("--laender", type=Path, required=True, help="gemeindeverzeichnis laender.ndjson")
    arg("--bezirke", type=Path, required=True, help="gemeindeverzeichnis regierungsbezirke.ndjson")
    arg("--regionen", type=Path, required=True, help="gemeindeverzeichnis regionen.ndjson")
    arg("--kreise", type=Path, required=True, help="gemeindeverzeichnis kreise.ndjson")
    arg(
        "--verbaende", type=Path, required=True, help="gemeindeverzeichnis gemeindeverbaende.ndjson"
    )
    arg("--outlines", type=Path, required=True, help="geoGermany geojson/Ebene_Kreise.geojson")
    arg("--out", type=Path, default=OUT, help="folder to write (default: the package's)")
    arg("--check", action="store_true", help="compare with the files in --out, write nothing")
    args = parser.parse_args(argv)
    try:
        files = build(args)
    except BuildError as exc:
        print(f"build_registries: {exc}", file=sys.stderr)
        return 2
    except (KeyError, TypeError, IndexError) as exc:
        print(
            f"build_registries: a source file is not of the expected shape ({exc!r})",
            file=sys.stderr,
        )
        return 2
    if args.check:
        differ = [
            name
            for name, text in files.items()
            if not (args.out / name).is_file()
            or (args.out / name).read_text(encoding="utf-8") != text
        ]
        if differ:
            print(
                f"build_registries: differ from the sources: {', '.join(differ)}", file=sys.stderr
            )
            return 1
        print(f"build_registries: all {len(files)} files match the sources")
        return 0
    for name, text in files.items():
        (args.out / name).write_text(text, encoding="utf-8", newline="")
    print(f"build_registries: wrote {len(files)} files to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
