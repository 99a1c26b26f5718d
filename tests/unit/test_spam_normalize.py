from service.spam.normalize import MAX_TEXT_CHARS, normalize_for_matching
from service.spam.pipeline import content_hash


def test_cyrillic_look_alike_letters_fold_to_latin_inside_a_latin_word():
    assert normalize_for_matching("Buy vi\u0430gra") == "buy viagra"


def test_zero_width_and_bidi_characters_are_removed():
    assert normalize_for_matching("vi\u200dag\u200bra \u202eok") == "viagra ok"


def test_full_width_and_mathematical_letters_become_plain():
    assert normalize_for_matching("ＦＲＥＥ 𝐕𝐈𝐀𝐆𝐑𝐀") == "free viagra"


def test_words_written_wholly_in_cyrillic_stay_cyrillic():
    assert normalize_for_matching("Привет всем") == "привет всем"


def test_accents_and_html_entities_are_folded():
    assert normalize_for_matching("Inyección &amp; dolor") == "inyeccion & dolor"


def test_only_the_first_part_of_a_huge_text_is_read():
    assert len(normalize_for_matching("a" * (MAX_TEXT_CHARS * 5))) == MAX_TEXT_CHARS


def test_content_hash_is_the_same_for_disguised_copies_of_a_text():
    assert content_hash("Cheap vi\u0430gra here") == content_hash("cheap  VIAGRA here")
    assert content_hash("Cheap viagra here") != content_hash("Cheap viagra there")
