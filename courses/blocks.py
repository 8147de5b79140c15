"""StreamField blocks of a lesson. Their templates live in templates/blocks/."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("цитата"))
    author = blocks.CharBlock(label=_("автор"), required=False)
    role = blocks.CharBlock(label=_("должность"), required=False)

    class Meta:
        icon = "openquote"
        template = "blocks/quote.html"
        label = _("Мнение эксперта")


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("изображение"))
    caption = blocks.CharBlock(label=_("подпись"), required=False)

    class Meta:
        icon = "image"
        template = "blocks/image.html"
        label = _("Изображение")


class CaseStudyLinkBlock(blocks.StructBlock):
    case_study = blocks.PageChooserBlock(page_type="courses.CaseStudyPage", label=_("кейс"))
    note = blocks.CharBlock(label=_("зачем читать"), required=False)

    class Meta:
        icon = "link"
        template = "blocks/case_study_link.html"
        label = _("Ссылка на кейс")


class EnterpriseCardBlock(blocks.StructBlock):
    enterprise = SnippetChooserBlock("courses.Enterprise", label=_("предприятие"))

    class Meta:
        icon = "site"
        template = "blocks/enterprise_card.html"
        label = _("Карточка предприятия")


class FactBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("показатель"))
    value = blocks.CharBlock(label=_("значение"))


class SourceBlock(blocks.StructBlock):
    """A cited source: what it is, who published it, where to read it and when."""

    title = blocks.CharBlock(label=_("название"))
    publisher = blocks.CharBlock(label=_("издатель"), required=False)
    url = blocks.URLBlock(
        label=_("адрес (URL)"),
        required=False,
        help_text=_("Оставьте пустым, если адрес страницы не подтверждён."),
    )
    date = blocks.CharBlock(
        label=_("дата"), required=False, help_text=_("Дата публикации или год, например 2024.")
    )

    class Meta:
        icon = "link-external"
        label = _("источник")


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("документ"))
    title = blocks.CharBlock(label=_("подпись"), required=False)

    class Meta:
        icon = "doc-full"
        template = "blocks/document.html"
        label = _("Документ для скачивания")


class QuizBlock(blocks.StructBlock):
    quiz = SnippetChooserBlock("assessments.Quiz", label=_("тест"))

    class Meta:
        icon = "help"
        template = "blocks/quiz.html"
        label = _("Тест")


class LessonStreamBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("Заголовок"), icon="title", template="blocks/heading.html")
    paragraph = blocks.RichTextBlock(label=_("Текст"), icon="pilcrow")
    image = ImageWithCaptionBlock()
    video = EmbedBlock(label=_("Видео"), icon="media")
    quote = QuoteBlock()
    case_study = CaseStudyLinkBlock()
    enterprise = EnterpriseCardBlock()
    facts = blocks.ListBlock(
        FactBlock(), label=_("Ключевые факты"), icon="table", template="blocks/facts.html"
    )
    document = DocumentBlock()
    quiz = QuizBlock()
    sources = blocks.ListBlock(
        SourceBlock(),
        label=_("Источники"),
        icon="list-ul",
        template="blocks/sources.html",
    )
