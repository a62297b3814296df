import importlib.util

from genoptraening.settings import CHECKOUT

SCRIPT = CHECKOUT / "scripts" / "geonames_towns.py"
spec = importlib.util.spec_from_file_location("geonames_towns", SCRIPT)
geonames_towns = importlib.util.module_from_spec(spec)
spec.loader.exec_module(geonames_towns)

CSV = """lat,lon,name,admin1,admin2,cc
56.1,9.8,Sol,Central Jutland,Skanderborg Kommune,DK
56.0,9.9,Kvistrup,Central Jutland,Aarhus Kommune,DK
55.6,11.8,Ejby,Zealand,Lejre Kommune,DK
55.4,9.9,Ejby,Funen,Middelfart Kommune,DK
56.1,9.9,Galten,Central Jutland,Skanderborg Kommune,DK
59.9,10.7,Oslo,Oslo,,NO
"""


def test_towns_are_sorted_into_plain_and_place_only_and_shared_names_left_out(tmp_path):
    path = tmp_path / "cities.csv"
    path.write_text(CSV, encoding="utf-8")
    towns = geonames_towns.geonames_towns(path)
    assert towns["Aarhus"] == (["Kvistrup"], [])
    assert towns["Skanderborg"] == ([], ["Sol"])  # Galten is known; "sol" is a word
    assert "Lejre" not in towns and "Middelfart" not in towns  # Ejby is in both


def test_the_data_file_keeps_one_line_per_municipality(tmp_path):
    path = tmp_path / "cities.csv"
    path.write_text(CSV, encoding="utf-8")
    data = tmp_path / "municipalities.yml"
    data.write_text('# head\n- {code: "0746", name: Skanderborg, official: Skanderborg Kommune, '
                    'towns: [Galten]}\n- {code: "0751", name: Aarhus, official: Aarhus Kommune}\n',
                    encoding="utf-8")
    geonames_towns.main(str(path), data)
    assert data.read_text(encoding="utf-8").splitlines() == [
        "# head",
        '- {code: "0746", name: Skanderborg, official: Skanderborg Kommune, towns: [Galten], '
        "place_towns: [Sol]}",
        '- {code: "0751", name: Aarhus, official: Aarhus Kommune, towns: [Kvistrup]}',
    ]
