"""The header row of ФИС ФРДО's «Шаблон для заполнения ДПО» (documents of further professional
education), kept here as data so the export is checked against the template, never against
its own column list.

Source: the column list given in issue 18 (point 8) as the current template's, written down
here on 2026-12-03. It is NOT confirmed against the template file itself, which this machine
cannot reach (no internet beyond package registries): no stored copy of the template or of
frdo.obrnadzor.gov.ru was found by the search tool (corpora pages, docs, code; queries «ФИС ФРДО
шаблон ДПО», «frdo.obrnadzor.gov.ru шаблон для заполнения ДПО» and the column titles).

The nearest stored public source is a PHP exporter in a public repository (the search index
names neither its repository nor its path; found by the string «Подтверждение уничтожения»,
index file id 17071859628, function `dpo()`). It is an older variant of the same template: it
has the same columns in the same order, except that it has no «Название документа» first, names
the programme in two columns («Дополнительная профессиональная программа (повышение
квалификации/ профессиональная переподготовка)», «Наименование дополнительной профессиональной
программы»), adds «Наименование области профессиональной деятельности» and «Укрупненные группы
специальностей», calls the qualification «Наименование квалификации, профессии,
специальности», adds «(для документа о квалификации)» to the years and hours, calls the
original «Наименование документа об образовании (оригинала)» and ends with «Номер документа
для изменения». When the registry publishes a new template, update this list from the file
itself and let the test show what the export must change.
"""

COLUMNS = [
    "Название документа",
    "Вид документа",
    "Статус документа",
    "Подтверждение утраты",
    "Подтверждение обмена",
    "Подтверждение уничтожения",
    "Серия документа",
    "Номер документа",
    "Дата выдачи документа",
    "Регистрационный номер",
    "Дополнительная профессиональная программа (наименование)",
    "Наименование квалификации",
    "Уровень образования ВО/СПО",
    "Фамилия указанная в дипломе о ВО или СПО",
    "Серия документа о ВО/СПО",
    "Номер документа о ВО/СПО",
    "Год начала обучения",
    "Год окончания обучения",
    "Срок обучения, часов",
    "Фамилия получателя",
    "Имя получателя",
    "Отчество получателя",
    "Дата рождения получателя",
    "Пол получателя",
    "СНИЛС",
    "Форма обучения",
    "Источник финансирования обучения",
    "Форма получения образования на момент прекращения образовательных отношений",
    "Гражданство получателя (код страны по ОКСМ)",
    # For duplicates and replacements: the original document.
    "Наименование документа об оригинале",
    "Серия (оригинала)",
    "Номер (оригинала)",
    "Регистрационный N (оригинала)",
    "Дата выдачи (оригинала)",
    "Фамилия получателя (оригинала)",
    "Имя получателя (оригинала)",
    "Отчество получателя (оригинала)",
]
