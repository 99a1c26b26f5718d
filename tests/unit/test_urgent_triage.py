"""The urgent-triage detector: signs of an emergency in English and Spanish, negation, the past,
and its precision and recall on the frozen test half of the labelled set."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from service.spam.triage import assess_urgency, is_urgent

LABELLED = Path(__file__).parent.parent / "fixtures" / "urgent_triage.csv"
# The frozen half: counted when the set was written, before the detector existed.
FROZEN_TEST_ROWS, FROZEN_TEST_URGENT = 84, 40
MIN_PRECISION, MIN_RECALL = 0.90, 0.90


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("I have crushing chest pain right now", "chest_pain"),
        ("Me duele mucho el pecho", "chest_pain"),
        ("My dad can't breathe and his lips are blue", "breathing"),
        ("Tengo dificultad para respirar", "breathing"),
        ("I keep having suicidal thoughts", "suicide_self_harm"),
        ("Quiero quitarme la vida", "suicide_self_harm"),
        ("I think she took an overdose of her tablets", "overdose"),
        ("Se tomó una sobredosis de pastillas", "overdose"),
        ("The cut won't stop bleeding", "severe_bleeding"),
        ("Tengo un sangrado abundante", "severe_bleeding"),
        ("His face is drooping and his speech is slurred", "stroke"),
        ("Tiene la boca torcida y no puede mover el brazo", "stroke"),
        ("My throat is closing after a bee sting", "anaphylaxis"),
        ("Creo que es una reacción anafiláctica", "anaphylaxis"),
        ("My brother passed out and is unresponsive", "unconscious"),
        ("Mi madre está inconsciente", "unconscious"),
    ],
)
def test_each_sign_of_an_emergency_is_found(text, sign):
    triage = assess_urgency(text)
    assert triage.urgent
    assert sign in triage.signs


@pytest.mark.parametrize(
    "text",
    [
        "I have no chest pain, just a cough.",
        "I don't have trouble breathing.",
        "I do not have any shortness of breath",
        "I'm not suicidal, I just want to talk to someone.",
        "No bleeding at all after the blood draw.",
        "Sin dolor en el pecho.",
        "No tengo dificultad para respirar.",
        "No tengo pensamientos suicidas.",
        "No me falta el aire.",
        "Nunca me he desmayado.",
    ],
)
def test_a_negated_sign_is_not_urgent(text):
    assert not is_urgent(text)


def test_a_negation_in_another_clause_does_not_cancel_a_sign():
    assert is_urgent("No fever, but I have chest pain since this morning.")
    assert is_urgent("No tengo fiebre pero sí dolor en el pecho.")
    assert is_urgent("I don't know what to do. My dad can't breathe.")


@pytest.mark.parametrize(
    "text",
    [
        "My mother had a stroke in 2019 and needs physiotherapy.",
        "I had chest pain last year; my cardiologist wants a follow-up.",
        "Tuve dolor en el pecho el año pasado.",
        "Mi padre se recuperó de un derrame cerebral hace cinco años.",
        "I fainted once at the gym last month.",
    ],
)
def test_a_sign_in_the_past_is_not_urgent(text):
    assert not is_urgent(text)


def test_a_sign_in_the_past_that_is_still_there_is_urgent():
    assert is_urgent("I had chest pain this morning and it is still there.")
    assert is_urgent("I have had chest pain for the last hour.")


@pytest.mark.parametrize(
    "text",
    [
        "What are the warning signs of a stroke?",
        "I received a bill for my visit for chest pain.",
        "Can I get a refill of my EpiPen prescription?",
        "¿Cuáles son las señales de un infarto?",
        "¿La falta de aire es un efecto secundario de la pastilla?",
    ],
)
def test_paperwork_and_general_questions_are_not_urgent(text):
    assert not is_urgent(text)


def test_someone_writing_for_another_person_is_urgent():
    assert is_urgent("Writing for my neighbour: she is coughing up blood.")
    assert is_urgent("Mi hijo se desmayó y no despierta.")


def test_typographic_apostrophes_and_accents_are_read_like_plain_ones():
    assert is_urgent("I can\u2019t breathe")
    assert is_urgent("DIFICULTAD PARA RESPIRAR")
    assert not is_urgent("I don\u2019t have trouble breathing")


def test_empty_and_routine_texts_are_not_urgent():
    assert assess_urgency("").signs == ()
    assert not is_urgent("Can I move my appointment to Thursday?")
    assert not is_urgent("¿A qué hora abre la clínica?")


def _rows(split: str) -> list[dict[str, str]]:
    with LABELLED.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row["split"] == split]


def test_the_labelled_set_is_balanced_and_its_test_half_frozen():
    test, dev = _rows("test"), _rows("dev")
    assert len(test) + len(dev) >= 150
    assert (len(test), sum(r["label"] == "urgent" for r in test)) == (
        FROZEN_TEST_ROWS,
        FROZEN_TEST_URGENT,
    )
    assert {r["lang"] for r in test} == {"en", "es"}
    assert not {r["text"] for r in test} & {r["text"] for r in dev}


def test_precision_and_recall_on_the_frozen_test_half():
    rows = _rows("test")
    predicted = [is_urgent(row["text"]) for row in rows]
    gold = [row["label"] == "urgent" for row in rows]
    true_positives = sum(p and g for p, g in zip(predicted, gold, strict=True))
    precision = true_positives / max(1, sum(predicted))
    recall = true_positives / sum(gold)
    assert precision >= MIN_PRECISION, f"precision {precision:.3f}"
    assert recall >= MIN_RECALL, f"recall {recall:.3f}"


def test_a_long_text_is_assessed_quickly():
    import time

    text = "no chest pain, " * 1200 + "I can't breathe"
    started = time.perf_counter()
    assert is_urgent(text)
    assert time.perf_counter() - started < 2.0
