"""Finds a reader disclosing their own health details or contact data in a public comment.

English and Spanish. What counts: their own diagnosis ("I was diagnosed with", "tengo
diabetes", "my HIV"), a medication with its dose ("I take 50 mg of sertraline", "tomo 20 mg"),
a date of birth, a phone number, a patient or record number, an email address. General talk
("diabetes is common", "the article says 5 mg is typical") is not a disclosure: the diagnosis
and dose patterns need the writer speaking of themselves.

Pure functions, no Flask: the comment service holds a comment that discloses, and the pages
ask first. Every pattern does linear work (tests/unit/test_linear_patterns.py): no pattern
repeats a group that can match the same text two ways, and the few bounded gaps start only
after a literal trigger phrase.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# The kinds of detail, in the order they are reported; stored in the reason's detail.
DIAGNOSIS = "diagnosis"
MEDICATION = "medication"
BIRTH_DATE = "birth_date"
PHONE = "phone"
PATIENT_NUMBER = "patient_number"
EMAIL = "email"
KINDS = (DIAGNOSIS, MEDICATION, BIRTH_DATE, PHONE, PATIENT_NUMBER, EMAIL)

# Long enough for any comment the service accepts (5,000 characters after NFC).
MAX_CHARS = 20_000

# Conditions, written as they read after folding (lower case, accents removed).
_CONDITIONS_EN = (
    r"diabetes|cancer|hiv|aids|hepatitis(?: [abc])?|depression|anxiety|bipolar(?: disorder)?"
    r"|schizophrenia|ptsd|adhd|autism|epilepsy|asthma|copd|hypertension|high blood pressure"
    r"|arthritis|lupus|multiple sclerosis|crohn'?s(?: disease)?|colitis|celiac(?: disease)?"
    r"|endometriosis|pcos|fibromyalgia|migraines?|leukemia|lymphoma|a tumou?r|tumou?rs?"
    r"|dementia|alzheimer'?s|parkinson'?s|herpes|chlamydia|syphilis|gonorrhea|an? st[di]"
    r"|tuberculosis|kidney disease|heart disease|heart failure|hypothyroidism"
    r"|hyperthyroidism|an eating disorder|anorexia|bulimia|sleep apnea|psoriasis|glaucoma"
    r"|osteoporosis|long covid|covid|cirrhosis|sickle cell|cystic fibrosis|ocd|insomnia"
)
_CONDITIONS_ES = (
    r"diabetes|cancer|vih|sida|hepatitis(?: [abc])?|depresion|ansiedad|trastorno bipolar"
    r"|bipolaridad|esquizofrenia|tept|tdah|autismo|epilepsia|asma|epoc|hipertension"
    r"|presion alta|la presion alta|artritis|lupus|esclerosis multiple|crohn|colitis"
    r"|celiaquia|endometriosis|fibromialgia|migranas?|leucemia|linfoma|un tumor|tumor"
    r"|demencia|alzheimer|parkinson|herpes|clamidia|sifilis|gonorrea|una ets|tuberculosis"
    r"|insuficiencia renal|insuficiencia cardiaca|hipotiroidismo|hipertiroidismo"
    r"|anorexia|bulimia|apnea del sueno|psoriasis|glaucoma|osteoporosis|covid persistente"
    r"|covid|cirrosis|insomnio|toc"
)
# A word or two that may stand between "I have" and the condition: "type 2", "chronic".
_MODIFIERS_EN = (
    r"(?:(?:type [12]|stage [1-4iv]+|chronic|severe|mild|early|advanced|gestational|bad"
    r"|had|got|been living with|lived with) )?"
)
_MODIFIERS_ES = r"(?:(?:tipo [12]|estadio [1-4iv]+|cronica|cronico|severa|grave|leve) )?"

_DIAGNOSIS_PATTERNS = (
    # "I was diagnosed", "I've been diagnosed", "they diagnosed me with".
    re.compile(
        r"\bi(?: was| got| have been|'ve been|ve been| am|'m|m| just got| recently got)"
        r" (?:just |recently |finally )?diagnosed\b"
        r"|\bdiagnosed me\b|\bmy (?:recent |new |latest )?diagnosis\b"
    ),
    # "I have diabetes", "I've had type 2 diabetes", "I suffer from migraines".
    re.compile(
        r"\bi(?: have|'ve|ve| ve| had|'ve got| have got| suffer from| am living with"
        r"|'m living with| live with| struggle with| am fighting| tested positive for) "
        + _MODIFIERS_EN
        + r"(?:"
        + _CONDITIONS_EN
        + r")\b"
    ),
    # "I'm diabetic", "I am HIV positive".
    re.compile(
        r"\bi(?: am|'m|m) (?:a )?(?:diabetic|hiv positive|hiv\+|bipolar|epileptic|asthmatic"
        r"|anemic|celiac|autistic|schizophrenic|pregnant|hypertensive|on chemo"
        r"|on dialysis|in remission|a cancer survivor|a type [12] diabetic)\b"
    ),
    # "my HIV", "my biopsy results", "my A1c was 9".
    re.compile(
        r"\bmy (?:"
        + _CONDITIONS_EN
        + r"|biopsy|test results|lab results|blood work|blood test|mri|ct scan|hiv status"
        r"|a1c|hba1c|tumou?r|chemo|chemotherapy|psychiatrist|oncologist|therapist says"
        r"|viral load|cd4 count|blood sugar|glucose|cholesterol)\b"
    ),
    re.compile(r"\bmy doctor (?:told me|said|says) (?:that )?i (?:have|had|am|might have)\b"),
    re.compile(
        r"\bi had (?:a |an )?(?:stroke|heart attack|miscarriage|abortion|mastectomy"
        r"|hysterectomy|seizure|seizures|biopsy|chemo|overdose)\b"
    ),
    # Spanish: "me diagnosticaron", "fui diagnosticada", "tengo diabetes", "mi VIH".
    re.compile(
        r"\bme (?:diagnosticaron|han diagnosticado|detectaron|encontraron|dieron el diagnostico)\b"
        r"|\b(?:fui|estoy|he sido|soy) diagnosticad[oa]s?\b|\bmi diagnostico\b"
        r"|\bme dijeron que tengo\b|\b(?:di|sali|he dado) positivo (?:en|de|para|a)\b"
    ),
    re.compile(
        r"\b(?:tengo|tuve|padezco(?: de)?|sufro de|vivo con|lucho contra|he tenido) "
        + _MODIFIERS_ES
        + r"(?:"
        + _CONDITIONS_ES
        + r")\b"
    ),
    re.compile(
        r"\bsoy (?:diabetic[oa]|hipertens[oa]|epileptic[oa]|asmatic[oa]|seropositiv[oa]"
        r"|bipolar|celiac[oa]|autista|esquizofrenic[oa]|anemic[oa])\b"
        r"|\bestoy (?:embarazada|en quimio|en dialisis|en remision)\b"
    ),
    re.compile(
        r"\bmi (?:"
        + _CONDITIONS_ES
        + r"|biopsia|resultados? de(?:l| la)? (?:analisis|laboratorio|biopsia|prueba)"
        r"|analisis de sangre|resonancia|tomografia|carga viral|glucosa|azucar|colesterol"
        r"|quimio|quimioterapia|psiquiatra|oncologo|oncologa)\b"
    ),
)

# A first-person phrase about taking a medicine, then (in the same sentence) a dose.
_MEDICATION = re.compile(
    r"\b(?:i take|i'm taking|im taking|i am taking|i've been taking|ive been taking"
    r"|i have been taking|i was taking|i'm on|im on|i am on|i was prescribed|i got prescribed"
    r"|i was put on|i started|i inject|i use|prescribed me|my dose|my dosage|my doctor put me on"
    r"|tomo|estoy tomando|he estado tomando|tomaba|me recetaron|me receto|me mandaron"
    r"|me prescribieron|me pusieron|mi dosis|me inyecto|empece con|empece a tomar)\b"
    r"[^.!?\n]{0,60}?"
    r"\b\d{1,5}(?:[.,]\d{1,3})? ?(?:mg|mcg|ug|ml|iu|ui|units?|unidades|milligrams?"
    r"|miligramos?|micrograms?|microgramos?|g|gr|grams?|gramos?)\b"
)
# Questions about a dose are general talk: "should I take 5 mg?", "¿tomo 5 mg?".
_ASKING_BEFORE = re.compile(r"(?:should|can|could|may|do|if|would|must|when|debo|puedo|si) $")

_BIRTH_DATE = re.compile(
    r"\b(?:date of birth|birth ?date|d\.?o\.?b\b|born on|i was born|my birthday is"
    r"|fecha de nacimiento|f\. ?de nac|naci el|naci en|naci un|mi cumpleanos es)"
    r"[^.!?\n]{0,25}?\d"
)

_PATIENT_NUMBER = re.compile(
    r"\b(?:patient (?:number|no\.?|id|#)|patient record|medical record(?: number| no\.?)?"
    r"|record (?:number|no\.?)|mrn|chart number|member id|insurance id|policy number"
    r"|nhs number|health card|numero de (?:paciente|historia|expediente|afiliacion|afiliado"
    r"|seguro|poliza)|historia clinica|expediente|n(?:o|ro|um)\.? de paciente|nss)"
    r"[^.!?\n]{0,25}?\d{3}"
)

# Nine to fifteen digits with the usual separators; a date (8 digits) is not a phone.
_PHONE = re.compile(r"(?<![\d+])(?:\+ ?)?\d(?:[ .()/-]{0,2}\d){8,14}(?!\d)")

# Starts only where a run of address characters starts, so a long run is read once.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63})*\.[a-z]{2,24}")

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Disclosure:
    """One kind of detail found; `start` and `end` locate it in the folded text."""

    kind: str
    start: int
    end: int


def fold(text: str) -> str:
    """Lower case, accents removed (`diagnosticó` reads `diagnostico`), one kind of apostrophe,
    single spaces; at most MAX_CHARS of the text are read."""
    text = unicodedata.normalize("NFKD", text[:MAX_CHARS].translate(_APOSTROPHES))
    text = "".join(char for char in text if not unicodedata.combining(char))
    return _SPACES.sub(" ", text.lower())


def _is_question(folded: str, start: int) -> bool:
    return _ASKING_BEFORE.search(folded, max(0, start - 8), start) is not None


def find_disclosures(text: str) -> list[Disclosure]:
    """Every personal detail the text seems to disclose, at most one per kind, in KINDS order."""
    folded = fold(text)
    found: list[Disclosure] = []

    def first(kind: str, patterns) -> None:
        for pattern in patterns:
            match = pattern.search(folded)
            if match is not None:
                found.append(Disclosure(kind, match.start(), match.end()))
                return

    first(DIAGNOSIS, _DIAGNOSIS_PATTERNS)
    for match in _MEDICATION.finditer(folded):
        if not _is_question(folded, match.start()):
            found.append(Disclosure(MEDICATION, match.start(), match.end()))
            break
    first(BIRTH_DATE, (_BIRTH_DATE,))
    first(PHONE, (_PHONE,))
    first(PATIENT_NUMBER, (_PATIENT_NUMBER,))
    first(EMAIL, (_EMAIL,))
    return found


def disclosed_kinds(text: str) -> list[str]:
    """The kinds of personal detail found in the text (empty when none), in KINDS order."""
    return [disclosure.kind for disclosure in find_disclosures(text)]


def discloses_personal_health_info(text: str) -> bool:
    return bool(find_disclosures(text))
