"""Tests of fks_graph.synthetic.geography: the Länder, their Kreise and Kreisschlüssel."""

from __future__ import annotations

import random
import re
from collections import Counter
from itertools import pairwise

from fks_graph.synthetic.geography import adjacent, by_land, laender, make_kreise
from fks_graph.synthetic.naming import Names
from fks_graph.terms.vocab import vocabulary


def test_geography_follows_the_real_structure() -> None:
    rng = random.Random(1)
    kreise = make_kreise(rng, Names(rng))
    assert 395 <= len(kreise) <= 405
    keys = [kreis.key for kreis in kreise]
    assert len(set(keys)) == len(keys)
    assert all(re.fullmatch(r"\d{5}", key) for key in keys)
    per_land = Counter(laender()[kreis.land].iso for kreis in kreise)
    assert per_land["DE-BY"] == 96
    assert per_land["DE-NW"] == 53
    assert per_land["DE-SL"] == 6
    assert per_land["DE-BE"] == per_land["DE-HH"] == 1
    for kreis in kreise:
        ags = laender()[kreis.land].ags
        assert kreis.key.startswith(ags)
    assert {kreis.region_type for kreis in kreise} == set(vocabulary().region_types.codes)


def test_the_laender_come_from_the_vocabulary_in_a_chain_of_neighbours() -> None:
    scheme = vocabulary().laender
    assert sorted(land.iso for land in laender()) == sorted(scheme.codes)
    for land in laender():
        assert (land.ags, land.name) == (
            scheme.get(land.iso).ags_code,
            scheme.get(land.iso).label(),
        )
    assert [land.iso for land in laender()][:5] == ["DE-SH", "DE-HH", "DE-NI", "DE-HB", "DE-NW"]


def test_kreise_of_neighbouring_laender_border_unless_the_chain_jumps() -> None:
    rng = random.Random(2)
    lands = by_land(make_kreise(rng, Names(rng)))
    isos = [land.iso for land in laender()]
    assert adjacent(lands[isos.index("DE-NI")][-1], lands[isos.index("DE-HB")][0])
    assert not adjacent(lands[isos.index("DE-HB")][-1], lands[isos.index("DE-NW")][0])
    assert all(adjacent(a, b) for kreise in lands for a, b in pairwise(kreise))
