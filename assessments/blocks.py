"""Quiz questions as StreamField blocks: each question and each choice keeps a stable id."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("вариант ответа"))
    correct = blocks.BooleanBlock(label=_("верный"), required=False)


class _ChoiceQuestionBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("вопрос"))
    choices = blocks.ListBlock(ChoiceBlock(), label=_("варианты"), min_num=2)
    explanation = blocks.TextBlock(label=_("пояснение после ответа"), required=False)

    def correct_count_error(self, correct: int):
        raise NotImplementedError

    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for choice in value["choices"] if choice["correct"])
        message = self.correct_count_error(correct)
        if message:
            raise StructBlockValidationError(block_errors={"choices": ValidationError(message)})
        return value


class SingleChoiceQuestionBlock(_ChoiceQuestionBlock):
    def correct_count_error(self, correct):
        if correct != 1:
            return _("У вопроса с одним ответом должен быть ровно один верный вариант.")
        return None

    class Meta:
        icon = "radio-full"
        label = _("Один верный ответ")


class MultipleChoiceQuestionBlock(_ChoiceQuestionBlock):
    def correct_count_error(self, correct):
        if correct < 1:
            return _("Отметьте хотя бы один верный вариант.")
        return None

    class Meta:
        icon = "tasks"
        label = _("Несколько верных ответов")


class NumericQuestionBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("вопрос"))
    answer = blocks.DecimalBlock(label=_("верный ответ"))
    tolerance = blocks.DecimalBlock(label=_("допуск ±"), min_value=0, default=0)
    unit = blocks.CharBlock(label=_("единица"), required=False)
    explanation = blocks.TextBlock(label=_("пояснение после ответа"), required=False)

    class Meta:
        icon = "order"
        label = _("Числовой ответ")


class QuizQuestionsBlock(blocks.StreamBlock):
    single = SingleChoiceQuestionBlock()
    multiple = MultipleChoiceQuestionBlock()
    numeric = NumericQuestionBlock()
