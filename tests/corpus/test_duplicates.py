"""Duplicate detection: exact copies and trimmed or lightly edited wire copy cluster together."""

from analysis.corpus.duplicates import find_duplicates

WIRE = ("South Korea is weighing whether to send weapons to Ukraine after North Korea sent troops to Russia, "
        "officials said on Monday, adding that all options remained on the table while the government "
        "watched the level of North Korean participation in the war and what Pyongyang received in return.")
OTHER = ("Opposition lawmakers in Seoul said they would seek to block any shipment of lethal arms, warning "
         "that public opinion remained firmly against direct involvement in a war far from the peninsula.")


def test_exact_copy_with_other_spacing_and_case():
    dups = find_duplicates(["a", "b", "c"], [WIRE, OTHER, "  " + WIRE.upper()])
    assert dups == {"c": ("a", "exact", 1.0)}


def test_trimmed_copy_is_near_duplicate():
    trimmed = WIRE.rsplit(" and what", 1)[0] + "."
    dups = find_duplicates(["a", "b"], [WIRE + " " + OTHER, trimmed])
    assert dups["b"][0] == "a" and dups["b"][1] == "near"


def test_different_articles_are_not_clustered():
    assert find_duplicates(["a", "b"], [WIRE, OTHER]) == {}


def test_empty_texts_are_ignored():
    assert find_duplicates(["a", "b"], ["", ""]) == {}
