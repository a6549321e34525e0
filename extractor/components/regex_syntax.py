"""A reader of the regex syntax the data files' patterns may use, into a tree `prefilter` and
`patterns.pattern_risk` can walk.

Python offers no public parser of its own regexes (`re._parser` is private), so this module
reads the subset cues.jsonl allows: literals and escapes (`\\b \\B \\A \\Z \\w \\W \\d \\D \\s \\S`,
`\\n \\t \\xhh \\uhhhh`, an escaped punctuation character), character sets, `.`, `^`, `$`,
groups (`(...)`, `(?:...)`, `(?P<name>...)`, scoped flags `(?i:...)`, `(?-i:...)`), lookarounds,
alternation, and the quantifiers `? * + {n} {m,n} {m,} {,n}` (greedy, lazy or possessive).
Anything else (backreferences, conditionals, global flags, verbose mode) raises `Unsupported`.

The tree has the shape `re`'s own parser gives, in plain tuples `(op, argument)` with the op
names of `re`'s: common prefixes of alternatives are factored out (`did|does` is
`d(?:id|oes)`), alternatives of single characters become a set, a set of one character a
literal, and plain non-capturing groups are spliced into the sequence around them. Analyses
written for `re`'s tree therefore read this one the same way.
"""
from __future__ import annotations

import re
from typing import Any

LITERAL, NOT_LITERAL, IN, ANY, AT = "LITERAL", "NOT_LITERAL", "IN", "ANY", "AT"
BRANCH, SUBPATTERN, ATOMIC_GROUP, ASSERT, ASSERT_NOT = "BRANCH", "SUBPATTERN", "ATOMIC_GROUP", "ASSERT", "ASSERT_NOT"
MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT = "MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"
RANGE, CATEGORY, NEGATE = "RANGE", "CATEGORY", "NEGATE"
REPEATS = frozenset({MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT})
ZERO_WIDTH = frozenset({AT, ASSERT, ASSERT_NOT})
#: the upper bound of an unbounded repetition (`*`, `+`, `{n,}`)
UNBOUNDED = float("inf")

Node = tuple[str, Any]

_CATEGORIES = {"d": "CATEGORY_DIGIT", "D": "CATEGORY_NOT_DIGIT", "s": "CATEGORY_SPACE",
               "S": "CATEGORY_NOT_SPACE", "w": "CATEGORY_WORD", "W": "CATEGORY_NOT_WORD"}
_POSITIONS = {"b": "AT_BOUNDARY", "B": "AT_NON_BOUNDARY", "A": "AT_BEGINNING_STRING", "Z": "AT_END_STRING"}
_CONTROLS = {"a": "\a", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "\\": "\\"}
_HEX = {"x": 2, "u": 4, "U": 8}
_FLAGS = frozenset("aiLmsux")
_QUANTIFIER = re.compile(r"\{(?!\})([0-9]*)(?:(,)([0-9]*))?\}")  # "{}" is two literals


class Unsupported(ValueError):
    """The pattern uses syntax outside the subset this reader knows."""


class Seq(list):
    """A sequence of nodes. Compared by identity, as `re`'s SubPattern is: a group is never
    "the same prefix" as another group, only single items are."""

    __eq__ = object.__eq__  # type: ignore[assignment]
    __ne__ = object.__ne__  # type: ignore[assignment]
    __hash__ = object.__hash__  # type: ignore[assignment]


def parse(pattern: str, flags: int = 0) -> Seq:
    """The tree of PATTERN; raises Unsupported outside the subset (see the module docstring)."""
    if flags & re.VERBOSE:
        raise Unsupported("verbose mode")
    reader = _Reader(pattern)
    tree = reader.alternation()
    if reader.pos != len(pattern):
        raise Unsupported(f"unbalanced ')' at {reader.pos}")
    return tree


def min_width(items: list[Node]) -> int:
    """The fewest characters a match of ITEMS consumes."""
    total = 0
    for op, av in items:
        if op in (LITERAL, NOT_LITERAL, IN, ANY):
            total += 1
        elif op == BRANCH:
            total += min(min_width(branch) for branch in av[1])
        elif op == SUBPATTERN:
            total += min_width(av[3])
        elif op == ATOMIC_GROUP:
            total += min_width(av)
        elif op in REPEATS:
            total += av[0] * min_width(av[2])
    return total


class _Reader:
    def __init__(self, pattern: str) -> None:
        self.text = pattern
        self.pos = 0

    def peek(self, n: int = 1) -> str:
        return self.text[self.pos:self.pos + n]

    def take(self, s: str) -> bool:
        if self.text.startswith(s, self.pos):
            self.pos += len(s)
            return True
        return False

    def next(self) -> str:
        if self.pos >= len(self.text):
            raise Unsupported("unexpected end of pattern")
        self.pos += 1
        return self.text[self.pos - 1]

    # -- alternation and sequence -------------------------------------------------------------
    def alternation(self) -> Seq:
        items = [self.sequence()]
        while self.take("|"):
            items.append(self.sequence())
        return items[0] if len(items) == 1 else _factored(items)

    def sequence(self) -> Seq:
        out = Seq()
        while self.pos < len(self.text) and self.peek() not in "|)":
            char = self.peek()
            if char in "*+?" or (char == "{" and _QUANTIFIER.match(self.text, self.pos)):
                self._repeat(out)
            else:
                node = self.atom()
                if node is not None:
                    out.append(node)
        return _spliced(out)

    def _repeat(self, out: Seq) -> None:
        low, high = self._bounds()
        if not out or out[-1][0] in ZERO_WIDTH or out[-1][0] in REPEATS:
            raise Unsupported(f"nothing to repeat at {self.pos}")
        last = out[-1]
        body = last[1][3] if last[0] == SUBPATTERN and _plain(last) else Seq([last])
        kind = MIN_REPEAT if self.take("?") else POSSESSIVE_REPEAT if self.take("+") else MAX_REPEAT
        out[-1] = (kind, (low, high, body))

    def _bounds(self) -> tuple[int, float]:
        char = self.next()
        if char != "{":
            return {"?": (0, 1), "*": (0, UNBOUNDED), "+": (1, UNBOUNDED)}[char]
        m = _QUANTIFIER.match(self.text, self.pos - 1)
        assert m is not None
        self.pos = m.end()
        low = int(m[1]) if m[1] else 0
        if not m[2]:
            return low, low
        high = int(m[3]) if m[3] else UNBOUNDED
        if high < low:
            raise Unsupported("min repeat greater than max repeat")
        return low, high

    # -- atoms --------------------------------------------------------------------------------
    def atom(self) -> Node | None:
        char = self.next()
        if char == "\\":
            return self._escape()
        if char == "[":
            return self._set()
        if char == "(":
            return self._group()
        if char == ".":
            return (ANY, None)
        if char == "^":
            return (AT, "AT_BEGINNING")
        if char == "$":
            return (AT, "AT_END")
        return (LITERAL, ord(char))

    def _escape(self) -> Node:
        char = self.next()
        if char in _POSITIONS:
            return (AT, _POSITIONS[char])
        if char in _CATEGORIES:
            return (IN, [(CATEGORY, _CATEGORIES[char])])
        return (LITERAL, self._escaped_code(char))

    def _escaped_code(self, char: str) -> int:
        if char in _CONTROLS:
            return ord(_CONTROLS[char])
        if char in _HEX:
            digits = self.text[self.pos:self.pos + _HEX[char]]
            if len(digits) != _HEX[char] or not all(c in "0123456789abcdefABCDEF" for c in digits):
                raise Unsupported(f"bad escape \\{char}{digits}")
            self.pos += len(digits)
            return int(digits, 16)
        if char.isascii() and char.isalnum():
            raise Unsupported(f"escape \\{char}")
        return ord(char)

    def _set(self) -> Node:
        negate = self.take("^")
        items: list[Node] = []
        while True:
            char = self.next()
            if char == "]" and items:
                break
            first = self._set_item(char)
            if self.peek() == "-" and self.peek(2) != "-]":
                self.pos += 1
                last = self._set_item(self.next())
                if first[0] != LITERAL or last[0] != LITERAL or last[1] < first[1]:
                    raise Unsupported("bad character range")
                items.append((RANGE, (first[1], last[1])))
            else:
                items.append(first)
        items = list(dict.fromkeys(items))
        if len(items) == 1 and items[0][0] == LITERAL:
            return (NOT_LITERAL if negate else LITERAL, items[0][1])
        return (IN, [(NEGATE, None), *items] if negate else items)

    def _set_item(self, char: str) -> Node:
        if char != "\\":
            return (LITERAL, ord(char))
        char = self.next()
        if char in _CATEGORIES:
            return (CATEGORY, _CATEGORIES[char])
        return (LITERAL, 8 if char == "b" else self._escaped_code(char))

    def _group(self) -> Node | None:
        if not self.take("?"):
            return self._closed((SUBPATTERN, (1, "", "", self.alternation())))
        if self.take(":"):
            return self._closed((SUBPATTERN, (None, "", "", self.alternation())))
        if self.take("P<"):
            end = self.text.find(">", self.pos)
            if end < 0 or not self.text[self.pos:end].isidentifier():
                raise Unsupported("bad group name")
            self.pos = end + 1
            return self._closed((SUBPATTERN, (1, "", "", self.alternation())))
        for opener, op, direction in (("=", ASSERT, 1), ("!", ASSERT_NOT, 1), ("<=", ASSERT, -1), ("<!", ASSERT_NOT, -1)):
            if self.take(opener):
                return self._closed((op, (direction, self.alternation())))
        if self.take(">"):
            return self._closed((ATOMIC_GROUP, self.alternation()))
        if self.take("#"):
            end = self.text.find(")", self.pos)
            if end < 0:
                raise Unsupported("unterminated comment")
            self.pos = end + 1
            return None
        return self._flag_group()

    def _flag_group(self) -> Node:
        m = re.compile(r"([aiLmsux]*)(?:-([aiLmsux]+))?:").match(self.text, self.pos)
        if m is None or not (m[1] or m[2]):
            raise Unsupported(f"group syntax at {self.pos}")
        self.pos = m.end()
        return self._closed((SUBPATTERN, (None, m[1], m[2] or "", self.alternation())))

    def _closed(self, node: Node) -> Node:
        if not self.take(")"):
            raise Unsupported("missing )")
        return node


def _plain(node: Node) -> bool:
    """A non-capturing group without flags: `re` splices its content into the sequence."""
    group, add, remove, _ = node[1]
    return group is None and not add and not remove


def _spliced(items: Seq) -> Seq:
    out = Seq()
    for node in items:
        if node[0] == SUBPATTERN and _plain(node):
            out.extend(node[1][3])
        else:
            out.append(node)
    return out


def _factored(items: list[Seq]) -> Seq:
    """An alternation as `re` stores it: common first items moved out in front, then a set
    when every alternative is one character, else a BRANCH."""
    out = Seq()
    while all(items) and all(item[0] == items[0][0] for item in items):
        out.append(items[0][0])
        for item in items:
            del item[0]
    chars: list[Node] = []
    for item in items:
        if len(item) != 1:
            break
        op, av = item[0]
        if op == LITERAL:
            chars.append((op, av))
        elif op == IN and av[0][0] != NEGATE:
            chars.extend(av)
        else:
            break
    else:
        out.append((IN, list(dict.fromkeys(chars))))
        return out
    out.append((BRANCH, (None, items)))
    return out
