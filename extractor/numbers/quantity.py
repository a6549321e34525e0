"""What the grammar finds (Quantity) and what translation must preserve of it (Amount)."""
from __future__ import annotations

from dataclasses import dataclass

#: how far two figures may differ and still be the same one (rounding in translation)
TOLERANCE = 0.02


@dataclass(frozen=True)
class Quantity:
    """One quantity; the span covers qualifier, number and (for counts) the noun, so evidence
    quotes what the article said, while value/qualifier/noun are what callers compare."""

    kind: str  # "size" | "count"
    start: int
    end: int
    text: str
    value: float
    qualifier: str  # "approx" | "more_than" | "up_to" | "exact"
    number_text: str
    noun: str | None


@dataclass(frozen=True)
class Amount:
    """A quantity reduced to what translation must preserve: a value in a base unit (bytes for
    sizes, items for counts) and that unit. "1,500 GB" and "1.5兆位元組" are the same Amount."""

    value: float
    dimension: str  # "bytes" | "count"
    qualifier: str = "exact"

    def same(self, other: "Amount", tolerance: float = TOLERANCE) -> bool:
        """Equal value in the same dimension; qualifiers do not count ("about 1.3 TB" == "1.3TB")."""
        if self.dimension != other.dimension:
            return False
        return abs(self.value - other.value) <= tolerance * max(abs(self.value), abs(other.value), 1.0)


def amount_of(q: Quantity) -> Amount:
    return Amount(q.value, "bytes" if q.kind == "size" else "count", q.qualifier)
