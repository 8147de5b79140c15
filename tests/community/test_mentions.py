"""The mention syntax: @ and the e-mail's local part, whatever the person's name is."""

from types import SimpleNamespace

from community.mentions import handle_list, mentioned, resolve


def person(pk, email):
    return SimpleNamespace(pk=pk, email=email)


def test_handles_are_read_up_to_the_end_of_a_sentence_and_not_from_addresses():
    text = "Коллеги, @s.ugolnikova и @M.Rudakov. Пишите на a.b@example.ru, @s.ugolnikova!"
    assert mentioned(text) == ["s.ugolnikova", "m.rudakov"]


def test_a_shared_local_part_needs_the_whole_address():
    one, two = person(1, "ivanova@a.example"), person(2, "ivanova@b.example")
    other = person(3, "petrov@a.example")
    people = [one, two, other]
    assert resolve("@ivanova, @petrov", people) == [other]
    assert resolve("@ivanova@b.example", people) == [two]
    assert handle_list(people) == [
        (one, "ivanova@a.example"),
        (two, "ivanova@b.example"),
        (other, "petrov"),
    ]


def test_a_handle_of_nobody_on_the_board_mentions_nobody():
    assert resolve("@чужой и @nobody", [person(1, "someone@a.example")]) == []
