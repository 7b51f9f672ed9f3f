"""The word files of the synthetic directories are validated when read: a wrong one is refused with a message
naming the file and the key."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.data import BOROUGHS_GEOJSON
from bench.synthetic.geography import boroughs
from bench.synthetic.words import WORDS_DIR, WordsError, load_words, words


def _broken(tmp_path: Path, file: str, change: Callable[[Any], None]) -> Path:
    """A copy of the word files where `change` has edited the data of `file`."""
    folder = tmp_path / "words"
    shutil.copytree(WORDS_DIR, folder)
    data = yaml.safe_load((folder / file).read_text(encoding="utf-8"))
    change(data)
    (folder / file).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def _refused(folder: Path) -> str:
    with pytest.raises(WordsError) as refused:
        load_words(folder)
    return str(refused.value)


def test_the_project_words_are_valid_and_cover_every_borough() -> None:
    loaded = words()
    assert len(loaded.service_kinds) >= 100 and len(loaded.organization_kinds) >= 30
    assert "food_bank" in loaded.service_kinds
    names = set(boroughs())  # refused unless montreal.yaml names exactly the boundaries of the GeoJSON
    assert names == set(loaded.montreal.boroughs)
    assert len(names) == len(json.loads(BOROUGHS_GEOJSON.read_text(encoding="utf-8"))["features"])
    assert "Villeray-Saint-Michel-Parc-Extension" in names


def test_a_value_of_the_wrong_type_names_the_file_and_the_key(tmp_path: Path) -> None:
    folder = _broken(tmp_path, "montreal.yaml", lambda d: d["boroughs"]["Anjou"].update(population="many"))
    message = _refused(folder)
    assert message.startswith("montreal.yaml: boroughs.Anjou.population: ")


def test_a_text_must_have_both_languages(tmp_path: Path) -> None:
    def one_language(data: Any) -> None:
        data["food_bank"]["names"][0] = {"fr": "Banque alimentaire"}

    message = _refused(_broken(tmp_path, "service_kinds.yaml", one_language))
    assert message.startswith("service_kinds.yaml: food_bank.names.0: ")
    assert "{fr: ..., en: ...}" in message


def test_an_unknown_key_is_refused(tmp_path: Path) -> None:
    folder = _broken(tmp_path, "service_kinds.yaml", lambda d: d["food_bank"].update(colour="blue"))
    assert _refused(folder).startswith("service_kinds.yaml: food_bank.colour: Extra inputs are not permitted")


def test_a_name_pointing_nowhere_is_refused(tmp_path: Path) -> None:
    folder = _broken(tmp_path, "service_kinds.yaml", lambda d: d["food_bank"].update(costs=["free", "lunch"]))
    message = _refused(folder)
    assert message == "service_kinds.yaml: food_bank.costs: 'lunch' is not a profile of costs.yaml"


def test_an_unknown_core_code_is_refused(tmp_path: Path) -> None:
    def wrong_code(data: Any) -> None:
        data["restrictions"]["low_income"]["codes"] = ["poor"]

    message = _refused(_broken(tmp_path, "eligibility.yaml", wrong_code))
    assert message == "eligibility.yaml: restrictions.low_income.codes: 'poor' is not a core code"


def test_a_file_that_is_not_yaml_or_is_missing_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "words"
    shutil.copytree(WORDS_DIR, folder)
    (folder / "hours.yaml").write_text("profiles: [unclosed\n", encoding="utf-8")
    assert _refused(folder).startswith("hours.yaml: not valid YAML")
    (folder / "hours.yaml").unlink()
    assert _refused(folder).startswith("hours.yaml: the file is missing")
