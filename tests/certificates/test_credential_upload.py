"""The verify page's file check refuses hostile JSON with a clear 400, before parsing it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

URL = "certificates:check_credential"


def _post(client, data: bytes):
    return client.post(reverse(URL), {"credential": SimpleUploadedFile("c.json", data)})


@pytest.mark.parametrize(
    "data",
    [b"[" * 100_000 + b"]" * 100_000, b'{"a":' * 30_000 + b"1" + b"}" * 30_000, b"[" * 199_000],
)
def test_deeply_nested_json_is_refused_with_a_clear_message(client, db, data):
    response = _post(client, data)
    assert response.status_code == 400
    assert "слишком глубокая вложенность" in response.content.decode()


@pytest.mark.parametrize(
    "data", [b"[1, 2]", b'{"a": NaN}', b"\xff\xfe", b"1" * 5000, b'"just a string"']
)
def test_json_that_is_no_credential_is_a_400(client, db, data):
    response = _post(client, data)
    assert response.status_code == 400
    assert "Это не JSON-файл удостоверения." in response.content.decode()


def test_a_too_large_file_or_none_is_a_400(client, db):
    assert client.post(reverse(URL)).status_code == 400
    response = _post(client, b" " * 200_001)
    assert response.status_code == 400
    assert "до 200 КБ" in response.content.decode()


def test_the_refusal_is_in_english_with_the_en_switch(client, db):
    client.get("/language/en/")
    response = _post(client, b"[" * 1000)
    assert "nested too deeply" in response.content.decode()
