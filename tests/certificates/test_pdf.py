"""The certificate PDF: the admin's template, Cyrillic in the text layer, long names wrap."""

import io
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from certificates.models import Certificate, CertificateTemplate, Signatory
from certificates.pdf import CSS_PATH, certificate_context, fill_body, render_certificate
from certificates.services import issue_certificate
from certificates.wording import DEFAULT_BODY, points
from core.pdf import font_config, font_face_css, print_fonts, stylesheet
from tests.helpers import login, pdf_text

LONG_NAME = "Константинопольская-Преображенская Александра-Марина Вячеславовна-Оглы"
LONG_PROGRAM = (
    "Специалист по развитию промышленного туризма на предприятиях горнодобывающей, "
    "металлургической и химической промышленности Сибирского федерального округа"
)


def _certificate(**fields):
    values = {
        "holder_name": "Кузнецова Елена Игоревна",
        "program_title": "Специалист по развитию промышленного туризма",
        "qualification": "Специалист по развитию промышленного туризма",
        "hours": 144,
        "grade": Decimal("87.5"),
        "serial": "ПТА-2026-000123",
        "code": "k3Y9-test-code",
        "issued_at": timezone.now(),
    }
    values.update(fields)
    return Certificate(**values)


def _flat(text: str) -> str:
    return " ".join(text.replace("-\n", "-").split())


def _overflowing_boxes(certificate, template=None):
    """Boxes of the laid-out page that reach beyond the sheet (WeasyPrint's own layout)."""
    from weasyprint import HTML

    html = render_to_string(
        "certificates/certificate_pdf.html", certificate_context(certificate, template)
    )
    document = HTML(string=html).render(
        stylesheets=[font_face_css(), stylesheet(CSS_PATH)], font_config=font_config()
    )
    page = document.pages[0]
    out = []
    for box in page._page_box.descendants():
        right = box.position_x + box.margin_width()
        bottom = box.position_y + box.margin_height()
        if right > page.width + 0.5 or bottom > page.height + 0.5:
            out.append((type(box).__name__, getattr(box, "text", ""), right, bottom))
    return document, out


def test_a_70_character_name_and_a_long_programme_wrap_inside_the_page(db):
    assert len(LONG_NAME) == 70
    certificate = _certificate(holder_name=LONG_NAME, program_title=LONG_PROGRAM)
    document, overflowing = _overflowing_boxes(certificate)
    assert len(document.pages) == 1
    assert overflowing == []
    text = _flat(pdf_text(render_certificate(certificate)))
    # Nothing dropped: every word of the name and the programme is in the text layer.
    for word in (LONG_NAME + " " + LONG_PROGRAM).split():
        assert word.strip("-") in text


def test_the_pdf_uses_the_self_hosted_subset_font_and_keeps_every_glyph(db):
    fonts = print_fonts()
    regular = fonts["400"]
    assert regular.exists() and regular.stat().st_size < 200_000  # cut down from DejaVu Sans
    data = render_certificate(_certificate(holder_name="Щёголева Эльвира Ъ-Юрьевна"))
    reader = PdfReader(__import__("io").BytesIO(data))
    names = {
        str(font["/BaseFont"])
        for font in reader.pages[0]["/Resources"]["/Font"].values()
        if "/BaseFont" in font.get_object()
    }
    assert names and all("Academy-Sans" in name for name in names), names
    assert "Щёголева Эльвира Ъ-Юрьевна" in _flat(pdf_text(data))
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert round(width) == 842 and round(height) == 595  # A4 landscape, in points


def test_placeholders_are_filled_and_escaped():
    paragraphs = fill_body(
        "Выдано {{ full_name }}\n\n{{ serial }}\n\n{{grade}} баллов",
        {"full_name": "<b>Иванов</b>", "serial": "ПТА-2026-000001", "grade": "90.0"},
    )
    assert str(paragraphs[0]["html"]) == "Выдано &lt;b&gt;Иванов&lt;/b&gt;"
    assert paragraphs[1] == {"css": "field-serial", "html": "ПТА-2026-000001"}
    assert str(paragraphs[2]["html"]) == "90.0 баллов"


def test_unknown_placeholders_are_refused_with_the_list_of_known_ones(db):
    template = CertificateTemplate(
        name="Омск", organisation="АНО «Открытая промышленность»", body="{{ fullname }} {{ date }}"
    )
    with pytest.raises(ValidationError) as error:
        template.full_clean()
    assert "Неизвестные подстановки: {{ fullname }}" in str(error.value)
    assert "{{ full_name }}" in str(error.value)


def test_the_admins_template_shapes_the_issued_pdf(
    demo, graduate, django_capture_on_commit_callbacks
):

    template = CertificateTemplate.objects.create(
        name="Кузбасс 2026",
        organisation="Центр компетенций промышленного туризма Кузбасса",
        title="Удостоверение участника акселератора",
        body="Подтверждаем: {{ full_name }} прошёл(ла) «{{ program }}», {{ hours }} ч., "
        "балл {{ grade }}.\n\nНомер {{ serial }} от {{ date }}",
    )
    Signatory.objects.create(template=template, name="Петров П. П.", position="Директор")
    demo.program.certificate_template = template
    demo.program.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue_certificate(
            holder=graduate, cohort=demo.cohort, issued_by=demo.users["admin"]
        )
    certificate.refresh_from_db()
    assert certificate.template == template
    text = _flat(pdf_text(certificate.pdf.read()))
    assert "Центр компетенций промышленного туризма Кузбасса".upper() in text.upper()
    assert "Подтверждаем: Кузнецова Елена Игоревна прошёл(ла)" in text
    assert f"балл {points(certificate.grade)}." in text
    assert f"Номер {certificate.serial} от" in text
    assert "Директор П. П. Петров М. П." in text  # position, signature line, name, the seal's place
    assert certificate.verify_url() in text.replace(" ", "")


def test_admin_previews_a_template_as_pdf_and_html_with_sample_data(client, demo):
    template = CertificateTemplate.objects.create(name="Базовый", organisation="АНО «Промтуризм»")
    login(client, demo.users["admin"])
    viewset = "wagtailsnippets_certificates_certificatetemplate"
    url = reverse(f"{viewset}:preview_on_edit", args=[template.pk])
    form = {
        "name": "Базовый",
        "organisation": "АНО «Промтуризм»",
        "title": "Удостоверение",
        "body": "Слушатель {{ full_name }} — {{ hours }} ч.",
        "accent_color": "#336699",
        "signatories-TOTAL_FORMS": "0",
        "signatories-INITIAL_FORMS": "0",
        "signatories-MIN_NUM_FORMS": "0",
        "signatories-MAX_NUM_FORMS": "3",
    }
    assert client.post(url, form).json()["is_valid"] is True
    pdf = client.get(url, {"mode": "pdf"})
    assert pdf["Content-Type"] == "application/pdf"
    text = _flat(pdf_text(pdf.content))
    assert "Слушатель Константинопольская-Преображенская Александра Вячеславовна" in text
    html = client.get(url, {"mode": "html"}).content.decode()
    assert "border-color: #336699" in html and "@page" in html
    bad = {**form, "body": "{{ имя }}", "accent_color": "red;}"}
    result = client.post(url, bad).json()
    assert result["is_valid"] is False


def test_the_qr_code_in_the_pdf_is_the_verify_address_printed_unsmoothed(db):
    import io

    import segno

    certificate = _certificate(code="qr-check-code")
    reader = PdfReader(io.BytesIO(render_certificate(certificate)))
    page = reader.pages[0]
    images = [
        xobject.get_object()
        for xobject in page["/Resources"]["/XObject"].values()
        if xobject.get_object()["/Subtype"] == "/Image"
    ]
    assert len(images) == 1  # no logo, background or signature in the default template
    qr = images[0]
    assert qr["/Interpolate"].value is False  # printed as sharp squares, not blurred
    picture = page.images[0].image.convert("L")
    dark = [
        [picture.getpixel((x, y)) < 128 for x in range(picture.width)]
        for y in range(picture.height)
    ]
    expected = segno.make(certificate.verify_url(), error="m", mask=2, micro=False)
    assert dark == [[bool(module) for module in row] for row in expected.matrix]
    other = segno.make(certificate.verify_url() + "x", error="m", mask=2, micro=False)
    assert dark != [[bool(module) for module in row] for row in other.matrix]


@pytest.mark.parametrize(
    "grade, words",
    [
        ("87.5", "87,5 балла из 100"),
        ("91.0", "91 балл из 100"),
        ("83", "83 балла из 100"),
        ("100.0", "100 баллов из 100"),
        ("11", "11 баллов из 100"),
        ("0.5", "0,5 балла из 100"),
    ],
)
def test_grades_are_printed_as_russian_documents_write_them(grade, words):
    assert points(Decimal(grade)) == words


def test_the_default_certificate_reads_like_the_document_in_order_and_is_pdf_a(db):
    template = CertificateTemplate.objects.create(
        name="Кузбасс",
        organisation="Центр компетенций по промышленному туризму",
        city="Кемерово",
    )
    Signatory.objects.create(
        template=template, name="Соколова Марина Викторовна", position="Руководитель", sort_order=0
    )
    Signatory.objects.create(
        template=template, name="Лебедев Олег Иванович", position="Секретарь", sort_order=1
    )
    certificate = _certificate()
    data = render_certificate(certificate, template)
    text = _flat(pdf_text(data))
    assert "(а)" not in text and "(ла)" not in text
    expected = [
        "ЦЕНТР КОМПЕТЕНЦИЙ ПО ПРОМЫШЛЕННОМУ ТУРИЗМУ",
        "Удостоверение о повышении квалификации",
        "Настоящее удостоверение подтверждает, что Кузнецова Елена Игоревна",
        "«Специалист по развитию промышленного туризма»",
        "в объёме 144 академических часов имеет квалификацию",
        "Итоговая оценка проекта — 87,5 балла из 100.",
        f"Регистрационный номер {certificate.serial}",
        "Кемерово, ",
        "Руководитель М. В. Соколова",
        "Секретарь О. И. Лебедев",
        "М. П.",
        "Проверка подлинности",
    ]
    positions = [text.find(piece) for piece in expected]
    assert -1 not in positions, [p for p, at in zip(expected, positions, strict=True) if at < 0]
    assert positions == sorted(positions)
    # Declared PDF/A-3b in the XMP metadata, as archives and state systems read it.
    metadata = PdfReader(io.BytesIO(data)).xmp_metadata
    assert metadata is not None
    xml = metadata.stream.get_data().decode()
    declared = dict(re.findall(r'pdfaid:(part|conformance)(?:="|>)([^"<]+)', xml))
    assert declared == {"part": "3", "conformance": "B"}


def test_a_template_with_the_old_default_body_gets_the_new_one(db):
    from importlib import import_module

    step = import_module("certificates.migrations.0006_template_city_seal")
    old, spelled_otherwise = step.OLD_DEFAULT_BODIES
    assert step.DEFAULT_BODY == DEFAULT_BODY
    kept = "Своя формулировка: {{ full_name }} освоил(а) программу"
    for name, body in (("старый", old), ("второй", spelled_otherwise), ("свой", kept)):
        CertificateTemplate.objects.create(name=name, organisation="ЦК", body=body)
    from django.apps import apps as current

    step.rephrase_the_old_default(current, None)
    bodies = dict(
        CertificateTemplate.objects.filter(name__in=["старый", "второй", "свой"]).values_list(
            "name", "body"
        )
    )
    assert bodies == {"старый": DEFAULT_BODY, "второй": DEFAULT_BODY, "свой": kept}
