"""Chinese organisation names: which Han strings of an article may be a name, and its full form.

Chinese has no capitals and no spaces, so a name is recognised by how the text treats a string:
it ends in an organisation word (醫院, 集團, 公司), it stands before a reporting verb
(港灣醫療集團證實), or the article repeats it. `ChineseNames.strings` is the one generator of
candidate strings; `rank`, `full_name`, `core` and `nameness` judge them.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Iterator

from extractor.resources import Resources
from extractor.view import literal_spans

#: the longest string taken for a name, in characters
MAX_NAME = 14
_HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
#: characters before which a name may open a clause (sentence and clause punctuation, quotes)
_OPENERS = "。！？；\n，,：:「」（）()"


def han_runs(text: str) -> Iterator[tuple[int, str]]:
    for m in _HAN_RUN.finditer(text):
        yield m.start(), m.group()


def count_all(text: str, wanted: set[str]) -> dict[str, int]:
    """`text.count(s)` (non-overlapping, left to right) for every Han string s in `wanted`, in one
    pass per length over the Han runs, where calling count for each was quadratic."""
    counts: dict[str, int] = {}
    free_from: dict[str, int] = {}  # where the next non-overlapping occurrence may start
    lengths = sorted({len(s) for s in wanted})
    for start, run in han_runs(text):
        for k in lengths:
            for i in range(len(run) - k + 1):
                u = run[i:i + k]
                if u in wanted and start + i >= free_from.get(u, 0):
                    counts[u] = counts.get(u, 0) + 1
                    free_from[u] = start + i + k
    return counts


def _word_at(run: str, j: int, words: frozenset[str], lengths: list[int]) -> bool:
    """Whether one of `words` (of the given lengths) begins at run[j] (a plain loop: this runs
    once per character, where a generator costs more than the test)."""
    for k in lengths:
        if k and run[j:j + k] in words:
            return True
    return False


class ChineseNames:
    """Chinese name rules built from the `edge`, `generic`, `not_in_name`, `attack_word`,
    `name_cut`, `descriptor_end`, `report_verb` and `nameness_follower` lists and the
    organisation words (org_suffixes.tsv)."""

    def __init__(self, res: Resources) -> None:
        self.edge = res.list("edge")
        self.generic = res.list("generic")
        self.suffixes = res.org_suffixes
        self.suffix_set = frozenset(res.org_suffixes)
        self.suffix_lens = sorted({len(x) for x in self.suffix_set})
        self.not_name = re.compile(res.alternation("not_in_name"))
        self.crime = re.compile(res.alternation("attack_word"))
        self.cut_chars = "".join(sorted(res.list("name_cut")))
        self.descriptor_end = re.compile(res.alternation("descriptor_end"))
        self.descriptor_words = self.suffix_set | self.generic
        self.descriptor_lens = tuple(sorted({len(w) for w in self.descriptor_words if w}, reverse=True))
        #: what follows a name the text treats as a subject: 宏碁表示, 宏碁的系統
        self.followers = re.compile(res.alternation("report_verb", "nameness_follower"))
        w = res.w("names_zh")
        self.report_score, self.opener_score, self.opener_cap = w["report_follows"], w["opens_clause"], w["opens_clause_cap"]

    # ---------- the one generator

    def strings(self, texts: list[str], whole: str, *, before: Iterable[str] = (),
                repeated: bool = False) -> dict[str, int]:
        """Name-like Han strings of 2 to MAX_NAME characters in `texts`, each with `whole.count(s)`:
        those that end in an organisation word (and are longer than it), those that stand right
        before one of the words `before`, and, with `repeated`, those `whole` holds twice or more
        (listed first, in the order found)."""
        before_set = frozenset(before)
        before_lens = sorted({len(c) for c in before_set})
        counted: dict[str, int] = {}
        named: dict[str, None] = {}  # in text order (a set's order would follow the hash seed)
        pairs = Counter(map(str.__add__, whole, whole[1:])) if repeated else Counter()
        for _, run in han_runs("\n".join(texts)):
            if repeated:
                self._count_repeated(run, whole, counted, pairs)
            self._named(run, named, before_set, before_lens)
        pool = {t: n for t, n in counted.items() if n >= 2 and self.name_like(t)}
        rest = [t for t in named if t not in pool and self.name_like(t)]
        found = count_all(whole, {t for t in rest if t not in counted})
        for t in rest:
            pool[t] = counted[t] if t in counted else found.get(t, 0)
        return pool

    @staticmethod
    def _count_repeated(run: str, whole: str, counted: dict[str, int], pairs: Counter) -> None:
        """Count each string of `run` in `whole` while its shorter prefix repeats: extending a
        string never makes it more frequent, where counting every string was thirteen counts a
        character. Two different characters cannot overlap themselves: their count is the
        number of places they stand (`pairs`, read in one pass)."""
        for i in range(len(run) - 1):
            for j in range(i + 2, min(len(run), i + MAX_NAME) + 1):
                t = run[i:j]
                n = counted.get(t)
                if n is None:
                    n = counted[t] = pairs[t] if j - i == 2 and t[0] != t[1] else whole.count(t)
                if n < 2:
                    break

    def _named(self, run: str, named: dict[str, None], before: frozenset[str], before_lens: list[int]) -> None:
        """The strings of `run` that end in an organisation word or stand before a word of `before`."""
        any_next = "" in before
        for j in range(2, len(run) + 1):
            lo = max(0, j - MAX_NAME)
            if before and (any_next or _word_at(run, j, before, before_lens)):
                named.update(dict.fromkeys(run[i:j] for i in range(lo, j - 1)))
                continue
            # s = run[i:j] ends in a suffix of length k < len(s) exactly when run[j-k:j] is one
            # and i < j - k: the test depends on j only, so it is made once per j
            shortest = self.shortest_suffix_before(run, j)
            if shortest is not None:
                named.update(dict.fromkeys(run[i:j] for i in range(lo, min(j - 1, j - shortest))))
            if "" in self.suffix_set:  # s[-0:] is s itself: a string that is itself a suffix
                named.update(dict.fromkeys(t for i in range(lo, j - 1) if (t := run[i:j]) in self.suffix_set))

    # ---------- judging strings

    def shortest_suffix_before(self, run: str, j: int) -> int | None:
        """The least k (0 < k < j) such that run[j-k:j] is an organisation word."""
        for k in self.suffix_lens:
            if k >= j:
                return None
            if k and run[j - k:j] in self.suffix_set:
                return k
        return None

    def ends_in_org_word(self, s: str) -> bool:
        """`s` ends in an organisation word and is longer than it."""
        return self.shortest_suffix_before(s, len(s)) is not None

    def name_like(self, s: str) -> bool:
        """No function character at either edge, not a generic word, no word about the attack."""
        return not (s[0] in self.edge or s[-1] in self.edge or s in self.generic or self.not_name.search(s))

    def is_descriptor(self, s: str) -> bool:
        """保險公司, 物流集團: made only of organisation words, so a description, not a name.

        Read greedily from the left, the longest word first (one set look-up per word length:
        two words of one length cannot both begin the rest)."""
        rest = s
        while rest:
            k = next((k for k in self.descriptor_lens if k <= len(rest) and rest[:k] in self.descriptor_words), None)
            if k is None:
                return False
            rest = rest[k:]
        return True

    def is_fragment(self, s: str, text: str) -> bool:
        """Most occurrences of `s` are part of a word that names the attack, not an organisation."""
        hits = bad = 0
        for start, end in literal_spans(s, text):
            hits += 1
            lo = max(0, start - 2)
            window = text[lo:end + 2]
            if any(w.start() < end - lo and w.end() > start - lo for w in self.crime.finditer(window)):
                bad += 1
        return hits > 0 and bad * 2 >= hits

    def nameness(self, s: str, text: str) -> float:
        """How much the text treats `s` as a name: the subject of a report, the start of a sentence."""
        score = 0.0
        for start, end in literal_spans(s, text):
            if self.followers.match(text, end):
                score = max(score, self.report_score)
            if start == 0 or text[start - 1] in _OPENERS:
                score = max(score, score + self.opener_score) if score < self.opener_cap else score
        return score

    def rank(self, counts: dict[str, int]) -> list[tuple[str, float]]:
        """Rank candidates: frequent, long enough, not a piece of a longer candidate as frequent."""
        # the highest count of any longer candidate containing each string: one pass over the
        # substrings of each candidate, where comparing every pair was quadratic in their number
        lengths = sorted({len(s) for s in counts})
        longer: dict[str, int] = {}
        for t, m in counts.items():
            for k in lengths:
                if k >= len(t):
                    break
                for i in range(len(t) - k + 1):
                    u = t[i:i + k]
                    if longer.get(u, -1) < m:
                        longer[u] = m
        ranked = []
        for s, n in counts.items():
            if longer.get(s, -1) >= n:
                continue  # a longer string occurs as often: prefer it
            # ends in an organisation word with two characters before it
            k = self.shortest_suffix_before(s, len(s))
            org = "" in self.suffix_set or (k is not None and k <= len(s) - 2)
            ranked.append((s, n * (2.0 if org else 1.0) + 0.1 * len(s)))
        ranked.sort(key=lambda x: (-x[1], x[0]))
        return ranked

    # ---------- the name's extent

    def full_name(self, name: str, zh_all: str) -> str:
        """Extend a short name to the full one the text also uses: 港景 -> 港景醫療集團.

        The longer form must end in an organisation word; the most frequent such form wins.
        """
        lengths = [k for k in self.suffix_lens if k]
        fulls = {name} if "" in self.suffix_set or any(k <= len(name) and name[-k:] in self.suffix_set
                                                       for k in lengths) else set()
        for cand in {m.group() for m in re.finditer(re.escape(name) + r"[\u3400-\u9fff]{1,6}", zh_all)}:
            if cand[len(name)] in self.edge:
                continue
            if "" in self.suffix_set:
                fulls.add(name)
            fulls.update(self._org_word_ends(cand, len(name), lengths))
        if fulls:
            return max(fulls, key=lambda f: (zh_all.count(f), len(f), f))
        return name

    def _org_word_ends(self, cand: str, n: int, lengths: list[int]) -> set[str]:
        """cand[:i+k] for the first place i >= n where each organisation word of length k begins
        (what cand.find(word, n) gives), when no function character stands between n and i."""
        out: set[str] = set()
        seen: set[str] = set()
        for i in range(n, len(cand)):
            for k in lengths:
                x = cand[i:i + k]
                if len(x) == k and x in self.suffix_set and x not in seen:
                    seen.add(x)
                    if not any(c in self.edge for c in cand[n:i]):
                        out.add(cand[:i + k])
        return out

    def core(self, run: str, zh_all: str) -> str:
        """The name inside a descriptive Han run: "總部位於吉隆坡的保險公司寶盾保險" -> "寶盾保險".

        The longest ending of the run that the text repeats elsewhere is the name; a run that is
        never repeated is cut after its last function character.
        """
        for i in range(len(run) - 1):
            tail = run[i:]
            if (tail[0] not in self.edge and zh_all.count(tail) >= 2 and (len(tail) >= 3 or i == 0)
                    and tail not in self.generic and not self.is_descriptor(tail)):
                return tail
        cut = max((run.rfind(c) + 1 for c in self.cut_chars), default=0)
        run = run[cut:] if cut < len(run) - 1 else run
        # a descriptor before the name: 保險公司寶盾保險, 電子遊戲開發商風倉互動
        cuts = [m.end() for m in self.descriptor_end.finditer(run) if len(run) - m.end() >= 2]
        return run[cuts[-1]:] if cuts else run
