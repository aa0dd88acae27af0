"""C01's typing slips: the same digits at another scale, two neighbouring digits swapped."""
from __future__ import annotations

import pytest

from recoupe.rules.c01_quantity_mismatch import slip


@pytest.mark.parametrize("a,b,expected", [
    (23_000, 230_000, "scale"),          # a zero added
    (45e9, 45e6, "scale"),               # milliards / millions
    (1_372, 1_327, "swap"),
    (6_200, 2_600, "swap"),              # swapped before the zeros
    (6.38e9, 6.83e9, "swap"),
    (1, 10, ""),                         # one digit: too common to be a sign
    (3, 4, ""),
    (1_372, 1_373, ""),                  # one digit changed, not swapped
    (1_372, 2_731, ""),                  # the same digits, but not two neighbours swapped
    (1_372, 13_720_000, "scale"),
    (372, 3_720.5, ""),
    (1_327, 1_327, ""),                  # equal figures are no slip
])
def test_slip(a, b, expected):
    assert slip(a, b) == expected
    assert slip(b, a) == expected
