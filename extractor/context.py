"""One extraction's state: the parsed views of both languages, their alignment, and the
article's memos. Made by `extractor.core` for one article, passed explicitly to every step,
and dropped with the record: nothing of an article outlives it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from extractor.align import AlignResult
from extractor.pairing import Links
from extractor.recognizers.names_en import NameMemo
from extractor.view import Rejections, View


@dataclass
class ArticleContext:
    en: View | None
    zh: View | None
    alignment: AlignResult | None
    #: the article's quantities, remembered per paragraph (`amounts`, `numbers`, `loose_values`)
    quantities: object
    #: the article's English name spans, remembered per paragraph
    names: NameMemo
    rejections: Rejections | None = None
    links: Links = field(init=False)

    def __post_init__(self) -> None:
        self.links = Links(self.en, self.zh, self.alignment)
