"""The curriculum as Wagtail pages: home, programme, module, lesson, case studies."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, Site
from wagtail.search import index

from core.pagecache import CachedForVisitors
from core.pages import PresentedPage, RoutedByPath

from ..blocks import LessonStreamBlock


class HomePage(RoutedByPath, PresentedPage, CachedForVisitors, Page):
    intro = RichTextField(_("вступление"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["courses.ProgramPage", "courses.CaseStudyIndexPage", "lms.PrivacyPolicyPage"]
    max_count = 1

    class Meta:
        verbose_name = _("главная страница")

    def route(self, request, path_components):
        # Wagtail routes from the site root's translation in the active language; ours stay
        # on the Russian tree, whose pages carry every address, enrolment and progress row.
        # An English page only lends its text to the Russian one (core.languages).
        if getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE) == settings.LANGUAGE_CODE:
            return super().route(request, path_components)  # Wagtail started from this one
        site = Site.find_for_request(request)  # kept on the request, its root page loaded
        canonical = site.root_page if site is not None else None
        if (
            canonical is not None
            and canonical.pk != self.pk
            and canonical.translation_key == self.translation_key
        ):
            return canonical.specific.route(request, path_components)
        return super().route(request, path_components)


class ProgramPage(PresentedPage, CachedForVisitors, Page):
    """A professional programme: its hours and the qualification it awards."""

    summary = models.TextField(_("кратко"))
    hours = models.PositiveIntegerField(_("объём, ак. часов"), validators=[MinValueValidator(1)])
    format = models.CharField(_("формат обучения"), max_length=255, blank=True)
    qualification = models.CharField(_("присваиваемая квалификация"), max_length=255)
    entry_requirements = RichTextField(_("требования к слушателям"), blank=True)
    description = RichTextField(_("описание"), blank=True)
    certificate_requires_quizzes = models.BooleanField(
        _("сданы все тесты обязательных модулей"), default=True
    )
    certificate_requires_route = models.BooleanField(_("маршрут команды принят"), default=True)
    certificate_min_score = models.DecimalField(
        _("минимальный балл проекта"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("По рубрике наставника, из 100. Пусто — без порога."),
    )
    certificate_min_attendance = models.PositiveSmallIntegerField(
        _("минимальная посещаемость, %"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("Вносится администратором на странице потока. Пусто — не учитывается."),
    )
    certificate_template = models.ForeignKey(
        "certificates.CertificateTemplate",
        verbose_name=_("шаблон удостоверения"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("hours"),
        FieldPanel("format"),
        FieldPanel("qualification"),
        FieldPanel("entry_requirements"),
        FieldPanel("description"),
        InlinePanel("competencies", label=_("Компетенции программы")),
    ]
    certificate_panels = [
        MultiFieldPanel(
            [
                FieldPanel("certificate_requires_quizzes"),
                FieldPanel("certificate_requires_route"),
                FieldPanel("certificate_min_score"),
                FieldPanel("certificate_min_attendance"),
            ],
            heading=_("Условия выдачи удостоверения"),
            help_text=_("Уроки всех обязательных модулей должны быть пройдены всегда."),
        ),
        FieldPanel("certificate_template"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Содержание")),
            ObjectList(certificate_panels, heading=_("Удостоверение")),
            ObjectList(Page.promote_panels, heading=_("Продвижение")),
            ObjectList(Page.settings_panels, heading=_("Настройки")),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
        # Prefix search (courses.search): stems of Russian words are looked up as prefixes.
        index.AutocompleteField("summary"),
        index.AutocompleteField("description"),
    ]
    parent_page_types = ["courses.HomePage"]
    subpage_types = ["courses.ModulePage", "assessments.RouteAssignmentPage"]

    class Meta:
        verbose_name = _("программа")
        verbose_name_plural = _("программы")


class Competency(Orderable):
    """A competency the programme develops, defined by the competence centre."""

    program = ParentalKey(ProgramPage, on_delete=models.CASCADE, related_name="competencies")
    code = models.CharField(_("код"), max_length=20)
    name = models.CharField(_("формулировка"), max_length=255)

    panels = [FieldPanel("code"), FieldPanel("name")]

    class Meta(Orderable.Meta):
        verbose_name = _("компетенция")
        verbose_name_plural = _("компетенции")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ModulePage(PresentedPage, CachedForVisitors, Page):
    outcomes = RichTextField(_("результаты обучения"), blank=True)
    hours = models.PositiveIntegerField(_("объём, ак. часов"), default=0)
    required = models.BooleanField(
        _("обязательный"),
        default=True,
        help_text=_("Без уроков и тестов обязательных модулей удостоверение не выдаётся."),
    )
    prerequisite = models.ForeignKey(
        "courses.ModulePage",
        verbose_name=_("открывается после модуля"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    competencies = ParentalManyToManyField(
        Competency, verbose_name=_("компетенции"), blank=True, related_name="modules"
    )

    content_panels = Page.content_panels + [
        FieldPanel("outcomes"),
        FieldPanel("hours"),
        FieldPanel("required"),
        FieldPanel("prerequisite"),
        FieldPanel("competencies", widget=forms.CheckboxSelectMultiple),
    ]
    parent_page_types = ["courses.ProgramPage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("модуль")
        verbose_name_plural = _("модули")

    def clean(self):
        super().clean()
        if self.prerequisite_id and self.prerequisite_id == self.pk:
            raise ValidationError(
                {"prerequisite": _("Модуль не может открываться сам после себя.")}
            )
        from core.languages import serves

        if self.prerequisite_id and not serves(self.prerequisite):
            # Locks are read on the Russian pages; a translation's module unlocks nothing.
            raise ValidationError(
                {
                    "prerequisite": _(
                        "Выберите модуль на русском языке: перевод только показывает текст."
                    )
                }
            )


class LessonPage(PresentedPage, Page):
    summary = models.TextField(_("кратко"), blank=True)
    body = StreamField(LessonStreamBlock(), verbose_name=_("содержание"), blank=True)
    minutes = models.PositiveIntegerField(_("время на изучение, мин"), default=30)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("minutes"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.AutocompleteField("summary"),
        index.AutocompleteField("body"),
    ]
    parent_page_types = ["courses.ModulePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("урок")
        verbose_name_plural = _("уроки")


class CaseStudyIndexPage(PresentedPage, CachedForVisitors, Page):
    intro = RichTextField(_("вступление"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["courses.HomePage"]
    subpage_types = ["courses.CaseStudyPage"]
    max_count = 1

    class Meta:
        verbose_name = _("кейсы регионов")


class Theme(models.Model):
    """An industry theme that case studies are tagged with (mining, chemistry, …)."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("название"), max_length=100)

    class Meta:
        verbose_name = _("тема")
        verbose_name_plural = _("темы")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CaseStudyPage(PresentedPage, CachedForVisitors, Page):
    """A region's experience of industrial tourism, told as a case."""

    region = models.ForeignKey(
        "lms.Region", verbose_name=_("регион"), on_delete=models.PROTECT, related_name="+"
    )
    period = models.CharField(_("период"), max_length=100, blank=True)
    summary = models.TextField(_("кратко"), blank=True)
    themes = ParentalManyToManyField(Theme, verbose_name=_("темы"), blank=True, related_name="+")
    visitors_per_year = models.PositiveIntegerField(_("посетителей в год"), null=True, blank=True)
    enterprises = ParentalManyToManyField(
        "courses.Enterprise", verbose_name=_("предприятия"), blank=True, related_name="+"
    )
    what_worked = RichTextField(_("что сработало"), blank=True)
    what_failed = RichTextField(_("что не получилось"), blank=True)
    lessons_learned = RichTextField(_("выводы для слушателя"), blank=True)
    body = StreamField(LessonStreamBlock(), verbose_name=_("содержание"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("region"), FieldPanel("period"), FieldPanel("visitors_per_year")],
            heading=_("Регион"),
        ),
        FieldPanel("summary"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("enterprises"),
        FieldPanel("body"),
        FieldPanel("what_worked"),
        FieldPanel("what_failed"),
        FieldPanel("lessons_learned"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.AutocompleteField("summary"),
        index.AutocompleteField("body"),
    ]
    parent_page_types = ["courses.CaseStudyIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("кейс региона")
        verbose_name_plural = _("кейсы регионов")
