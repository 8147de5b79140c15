"""The reports' bar charts, drawn on the server as SVG.

Geometry is written with `svg_number` (a dot, never the locale's decimal comma: `360,0` is
not an SVG length); the figures a person reads are formatted for the current language. Every
chart has a title and the same figures as a table, for screen readers and for printing.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from assessments.models import CriterionScore, Review, RouteDesign
from core.numbers import percent, score
from courses.models import LessonProgress
from courses.selectors import program_structure

WIDTH = 640
LABEL_RIGHT = 252  # labels end here (text-anchor end)
BAR_LEFT = 260
BAR_SPAN = 300  # a full bar; the value is written after it, inside WIDTH
ROW = 22
BAR_HEIGHT = 14
LABEL_CHARS = 29  # DejaVu Sans at 13 units: Cyrillic letters ~8.5 wide, 29 fit left of LABEL_RIGHT


def svg_number(value) -> str:
    """A coordinate for an SVG attribute: at most one decimal, a dot, no exponent."""
    text = f"{float(value):.1f}"
    return text[:-2] if text.endswith(".0") else text


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


@dataclass
class Bar:
    label: str
    value: float
    maximum: float
    text: str  # the figure as a person reads it, in the current language
    row: int = 0

    @property
    def short_label(self) -> str:
        return _short(self.label)

    @property
    def width(self) -> str:
        share = self.value / self.maximum if self.maximum else 0
        return svg_number(BAR_SPAN * min(max(share, 0), 1))

    @property
    def y(self) -> str:
        return svg_number(self.row * ROW + 4)

    @property
    def text_y(self) -> str:
        return svg_number(self.row * ROW + 4 + BAR_HEIGHT - 3)

    @property
    def value_x(self) -> str:
        return svg_number(BAR_LEFT + float(self.width) + 6)


@dataclass
class Chart:
    key: str
    title: str
    value_heading: str
    bars: list[Bar] = field(default_factory=list)

    def __post_init__(self):
        for n, bar in enumerate(self.bars):
            bar.row = n

    @property
    def height(self) -> str:
        return svg_number(len(self.bars) * ROW + 8)

    width = svg_number(WIDTH)
    label_right = svg_number(LABEL_RIGHT)
    bar_left = svg_number(BAR_LEFT)
    bar_height = svg_number(BAR_HEIGHT)


def _percent(value: float) -> str:
    return percent(round(value))


def team_progress(team_lines) -> Chart | None:
    if not team_lines:
        return None
    bars = [
        Bar(line.team.name, line.lessons_percent, 100, _percent(line.lessons_percent))
        for line in team_lines
    ]
    return Chart("teams", _("Доля пройденных уроков по командам"), _("Пройдено уроков"), bars)


def module_progress(program, learner_lines) -> Chart | None:
    """For each module of the programme: the share of its lessons the learners shown finished.
    One query, however many learners and modules (the programme's structure is cached)."""
    user_ids = [line.user.pk for line in learner_lines]
    modules, lesson_pages, _urls = program_structure(program)
    if not user_ids or not modules:
        return None
    lessons = [(lesson.pk, lesson.path) for lesson in lesson_pages]
    done = dict(
        LessonProgress.objects.filter(user_id__in=user_ids, lesson_id__in=[i for i, _p in lessons])
        .values_list("lesson_id")
        .annotate(n=Count("id"))
    )
    bars = []
    for module in modules:
        in_module = [i for i, path in lessons if path.startswith(module.path)]
        if not in_module:
            continue
        possible = len(in_module) * len(user_ids)
        finished = sum(done.get(i, 0) for i in in_module)
        share = 100 * finished / possible
        bars.append(Bar(module.title, share, 100, _percent(share)))
    return Chart("modules", _("Доля пройденных уроков по модулям"), _("Пройдено уроков"), bars)


def routes_by_state(team_lines) -> Chart | None:
    if not team_lines:
        return None
    counts = Counter(line.route_state for line in team_lines)
    total = len(team_lines)
    labels = [(None, _("не начат"))] + list(RouteDesign.State.choices)
    bars = [
        Bar(str(label), counts[state], total, number_format(counts[state], 0))
        for state, label in labels
        if counts[state]
    ]
    return Chart("routes", _("Маршруты команд по состояниям"), _("Команд"), bars)


def criterion_scores(team_ids) -> Chart | None:
    """The mean mark on each rubric criterion over the latest published review of each shown
    team's route. One query."""
    marks = CriterionScore.objects.filter(
        review__status=Review.Status.PUBLISHED,
        review__version__design__team_id__in=sorted(team_ids),
    ).order_by("review__published_at", "review_id", "id")
    latest, by_review = {}, defaultdict(list)
    for review_id, design_id, name, got, top in marks.values_list(
        "review_id", "review__version__design_id", "criterion_name", "points", "max_points"
    ):
        latest[design_id] = review_id
        by_review[review_id].append((name, got, top))
    points, maximum = defaultdict(list), {}
    for review_id in latest.values():
        for name, got, top in by_review[review_id]:
            points[name].append(got)
            maximum[name] = top
    bars = []
    for name, got in points.items():
        mean = Decimal(sum(got)) / len(got)
        text = score(mean, out_of=maximum[name])
        bars.append(Bar(name, float(mean), maximum[name], text))
    return Chart("criteria", _("Средний балл по критериям рубрики"), _("Балл"), bars)
