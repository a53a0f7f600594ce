"""Kendall's W over what exists: each project scored by fewer experts than the panel."""

from decimal import Decimal as D

from review.aggregation import W_COMPLETE, W_PAIRWISE, concordance, kendalls_w


def _design(score):
    """10 projects, a panel of 5, each project scored by 3 (as a min-cost flow spreads them)."""
    return {(e, a): D(score(e, a)) for a in range(10) for e in ((a + i) % 5 for i in (0, 1, 2))}


def test_complete_scores_keep_the_tie_corrected_kendall_w():
    matrix = {(e, a): D(str(60 + a * 5 + e)) for e in range(3) for a in range(4)}
    assert concordance(matrix) == (kendalls_w(matrix), W_COMPLETE)


def test_incomplete_design_is_computed_instead_of_not_enough():
    agree = _design(lambda e, a: 60 + 5 * a + e)      # every expert ranks alike
    assert kendalls_w(agree) is None                      # no expert scored every project
    assert concordance(agree) == (1.0, W_PAIRWISE)
    noisy = _design(lambda e, a: 60 + 5 * a + (17 * e * a) % 23)
    w, basis = concordance(noisy)
    assert basis == W_PAIRWISE and 0.0 <= w < 1.0


def test_too_little_overlap_still_says_so():
    sparse = {(1, 1): D("80"), (2, 1): D("70"), (3, 2): D("60"), (4, 2): D("65")}
    assert concordance(sparse) == (None, W_PAIRWISE)
