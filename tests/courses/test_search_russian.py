import pytest

pytestmark = pytest.mark.postgres


def test_search_stems_russian_words_on_postgresql(client, demo):
    # «разрезами» is in no page; «разрез» is. Only a Russian stemmer connects them.
    page = client.get("/search/", {"q": "разрезами"}).content.decode()
    assert "Ничего не найдено" not in page
    assert "Кейс Кузбасса" in page or "Кузбасс" in page
