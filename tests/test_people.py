"""The words naming people (ingest.people) are read alike by every reading built on them: whose age an English
question states, whom "them" stands for, where a person is from, and a Chinese relative posed a case for."""

import pytest

from ingest.people import FAMILY_EN, PERSON_EN, WORK_EN

SINGULAR = [one for one, _ in FAMILY_EN + WORK_EN]
PLURAL = [many for _, many in FAMILY_EN + WORK_EN]


@pytest.mark.parametrize("noun", SINGULAR)
def test_an_age_stated_of_any_person_close_to_the_asker_is_an_age(noun):
    from qa.figures import own_values

    assert own_values(f"What about my {noun}? My {noun} is 47.") == [(47.0, "岁")]
    assert own_values(f"And my {noun}'s 52?") == [(52.0, "岁")]


@pytest.mark.parametrize("noun", PLURAL)
def test_them_after_any_people_named_in_the_plural_is_those_people(noun):
    from qa.lexicon import with_people_named

    assert with_people_named(f"My {noun} are here. How much for supporting them?") == \
        f"My {noun} are here. How much for supporting my {noun}?"


@pytest.mark.parametrize("noun", [w for pair in FAMILY_EN + WORK_EN + PERSON_EN for w in pair])
def test_a_place_right_before_a_person_noun_is_where_they_are_from(noun):
    from ingest.places import find_places, named_as_origin

    text = f"I have a Macau {noun} who wants to join."
    assert [named_as_origin(text, place) for place in find_places(text)] == [True]


def test_a_place_before_a_thing_is_the_place_asked_about():
    from ingest.places import find_places, named_as_origin

    text = "What does the Macau plan give a start-up?"
    assert [named_as_origin(text, place) for place in find_places(text)] == [False]


@pytest.mark.parametrize("relative", ["我爸", "老婆", "我同事", "奶奶", "我弟"])
def test_a_chinese_relative_poses_a_case_for_them(relative):
    from qa.conversation import other_person_case

    assert other_person_case(f"那{relative}退休了呢？") == "退休了"
