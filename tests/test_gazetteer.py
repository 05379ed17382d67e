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
