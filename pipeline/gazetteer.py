"""Vietnamese administrative units before and after the July 2025 reorganization.

Built on the mapping underthesea ships for its address conversion (source:
vietnamadminunits, old province → district → ward and the ward's new province/ward), so
the list is a kept source, not one typed here.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .normalize import fold, strip_accents

# Province-level cities: a plan of "thành phố Hà Nội" is level `thành phố`, not `huyện`.
CENTRAL_CITIES = {"hà nội", "hồ chí minh", "hải phòng", "đà nẵng", "cần thơ", "huế"}

_LEVEL_PREFIX = re.compile(r"^(tỉnh|thành phố|thị xã|quận|huyện|xã|phường|thị trấn|đặc khu)\s+", re.I)


def strip_level(name: str) -> tuple[str | None, str]:
    m = _LEVEL_PREFIX.match(name.strip())
    if not m:
        return None, name.strip()
    return m.group(1).lower(), name[m.end():].strip()


def key(name: str) -> str:
    return strip_accents(fold(name)).replace(" ", "")


@dataclass(frozen=True)
class Unit:
    name: str  # without level word
    level_word: str  # huyện, thành phố, xã, ...
    province_old: str | None
    province_new: str | None
    district: str | None = None


class Gazetteer:
    def __init__(self, mapping: dict):
        self.provinces_old = {key(v["short"]): v["short"] for v in mapping["old_province_names"].values()}
        self.provinces_new = {key(v["short"]): v["short"] for v in mapping["province_names"].values()}
        self.districts: dict[str, set[Unit]] = defaultdict(set)
        self.wards: dict[str, set[Unit]] = defaultdict(set)
        for row in mapping["ward_mapping"]:
            p_old = strip_level(row["old_province"])[1]
            p_new = strip_level(row["new_province"])[1]
            dl, dn = strip_level(row["old_district"])
            self.districts[key(dn)].add(Unit(dn, dl or "huyện", p_old, p_new))
            wl, wn = strip_level(row["old_ward"])
            self.wards[key(wn)].add(Unit(wn, wl or "xã", p_old, p_new, dn))
            nl, nn = strip_level(row["new_ward"])
            self.wards[key(nn)].add(Unit(nn, nl or "xã", None, p_new, None))

    def province_name(self, name: str, new: bool = False) -> str | None:
        k = key(strip_level(name)[1])
        table = self.provinces_new if new else self.provinces_old
        return table.get(k) or self.provinces_old.get(k) or self.provinces_new.get(k)

    def candidates(self, locality: str, level: str | None) -> set[Unit]:
        k = key(locality)
        if level == "xã":
            return set(self.wards.get(k, ()))
        if level == "huyện":
            return set(self.districts.get(k, ()))
        return set(self.districts.get(k, ())) | set(self.wards.get(k, ()))


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    import underthesea

    path = Path(underthesea.__file__).parent / "address" / "data" / "mapping.json"
    with path.open(encoding="utf-8") as fh:
        return Gazetteer(json.load(fh))
