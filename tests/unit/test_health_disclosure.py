"""The health-information guard's detector: a reader's own health details and contact data in
English and Spanish, and general talk left alone; measured on a labelled set."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from service.spam.health_disclosure import (
    KINDS,
    disclosed_kinds,
    discloses_personal_health_info,
    fold,
)

LABELLED = Path(__file__).parent.parent / "data" / "health_disclosure.csv"
# The figures in docs/comments.md; a change to the patterns must keep them.
MIN_PRECISION = 0.95
MIN_RECALL = 0.93


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("I was diagnosed with lupus in May.", "diagnosis"),
        ("I’m diabetic and the recipes are great.", "diagnosis"),
        ("my HIV meds changed", "diagnosis"),
        ("I have type 2 diabetes", "diagnosis"),
        ("Me diagnosticaron cáncer de colon.", "diagnosis"),
        ("tengo diabetes desde los 30", "diagnosis"),
        ("Padezco de epilepsia.", "diagnosis"),
        ("I take 50 mg of sertraline", "medication"),
        ("I'm taking 0.5mg of lorazepam at night", "medication"),
        ("tomo 20 mg", "medication"),
        ("Me recetaron 1 g de paracetamol", "medication"),
        ("My date of birth is 01/02/1970", "birth_date"),
        ("fecha de nacimiento: 3-4-1980", "birth_date"),
        ("call 0161 496 0123", "phone"),
        ("llámame al 612 345 678", "phone"),
        ("+44 7700 900123", "phone"),
        ("my patient number is 123456", "patient_number"),
        ("Número de paciente 98765", "patient_number"),
        ("MRN: 554433", "patient_number"),
        ("write to ana.garcia+clinic@example.es", "email"),
    ],
)
def test_a_personal_detail_is_found_with_its_kind(text, kind):
    assert kind in disclosed_kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Diabetes is common.",
        "The article says 5 mg is typical.",
        "Should I take 5 mg or 10 mg?",
        "¿Puedo tomar 400 mg de ibuprofeno?",
        "I have a question about the opening hours.",
        "Tengo una pregunta sobre las citas.",
        "My mother worries about cancer.",
        "La dosis para niños es de 15 mg por kilo.",
        "Open from 9 to 17, Monday 12/03/2024.",
        "My doctor is great.",
        "",
    ],
)
def test_general_talk_is_not_a_disclosure(text):
    assert disclosed_kinds(text) == []
    assert not discloses_personal_health_info(text)


def test_several_kinds_are_reported_once_each_in_a_fixed_order():
    text = "Call 0161 496 0123. I was diagnosed with asthma, I take 100 mcg; call 0161 496 0124"
    assert disclosed_kinds(text) == ["diagnosis", "medication", "phone"]
    assert all(kind in KINDS for kind in disclosed_kinds(text))


def test_folding_removes_accents_case_and_curly_apostrophes():
    assert fold("Me DIAGNOSTICARÓN  I’m") == "me diagnosticaron i'm"


def _measure() -> tuple[int, int, int, int]:
    tp = fp = fn = tn = 0
    with LABELLED.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            found = discloses_personal_health_info(row["text"])
            wanted = row["label"] == "disclosure"
            tp += found and wanted
            fp += found and not wanted
            fn += wanted and not found
            tn += not (found or wanted)
    return tp, fp, fn, tn


def test_precision_and_recall_on_the_labelled_set_meet_the_documented_figures():
    tp, fp, fn, tn = _measure()
    assert tp + fn >= 60 and fp + tn >= 40, "the labelled set is smaller than documented"
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    print(f"n={tp + fp + fn + tn} precision={precision:.3f} recall={recall:.3f}")
    assert precision >= MIN_PRECISION
    assert recall >= MIN_RECALL


def test_the_labelled_set_covers_both_languages():
    with LABELLED.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for lang in ("en", "es"):
        for label in ("disclosure", "general"):
            assert sum(r["lang"] == lang and r["label"] == label for r in rows) >= 15
