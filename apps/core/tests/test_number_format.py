from django.contrib.humanize.templatetags.humanize import intcomma
from django.template import Context, Template
from django.utils import translation


def test_record_ids_print_without_grouping_so_html_ids_and_links_work():
    with translation.override("id"):
        html = Template('<div id="dokumen-{{ pk }}">').render(Context({"pk": 1150}))
    assert html == '<div id="dokumen-1150">'


def test_amounts_shown_to_people_are_grouped_in_indonesian_style():
    with translation.override("id"):
        salary = Template('{{ salary|floatformat:"2g" }}').render(Context({"salary": 20000}))
        assert salary == "20.000,00"
        assert intcomma(1234567) == "1.234.567"
