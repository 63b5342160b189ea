"""Duplicate detection: exact copies and trimmed or lightly edited wire copy cluster together."""

from analysis.corpus.duplicates import find_duplicates

WIRE = ("Veldoria is weighing whether to send weapons to Dravonia after North Pellaria sent troops to Gorvania, "
        "officials said on Monday, adding that all options remained on the table while the government "
        "watched the level of North Pellarian participation in the war and what Pellgrad received in return.")
OTHER = ("Opposition lawmakers in Veldora said they would seek to block any shipment of lethal arms, warning "
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


def test_near_duplicate_reports_its_similarity_to_the_earliest_match():
    trimmed = WIRE.rsplit(" and what", 1)[0] + "."
    longer = WIRE + " " + OTHER
    dups = find_duplicates(["a", "b", "c"], [WIRE, longer, trimmed])
    alone = find_duplicates(["a", "c"], [WIRE, trimmed])
    assert dups["c"] == alone["c"] and dups["c"][0] == "a"


def test_many_near_copies_form_one_cluster_per_story():
    stories = [WIRE, OTHER]
    texts = [f"Copy {i}. {stories[i % 2]} End of copy {i}." for i in range(40)]
    dups = find_duplicates([str(i) for i in range(40)], texts)
    assert {k: v[0] for k, v in dups.items()} == {str(i): str(i % 2) for i in range(2, 40)}
