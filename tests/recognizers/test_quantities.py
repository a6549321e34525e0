"""Data size: how a size's sentence moves its score (`QuantityRecognizer.score`).

Only sizes: scoring a count reads the Quantity object the quantities component attaches to
its span (`hit.quantity`), which these hand-written views do not have.
"""
from __future__ import annotations

import pytest

from extractor.recognizers.quantities import QuantityRecognizer
from extractor.recognizers.scope import Scope
from extractor.resources import resources

from recognizers.conftest import cue, find, make_view, quantity

QUANTITY = QuantityRecognizer(resources(), Scope(resources()))
VICTIMS = ["Harbourview Clinic", "港灣診所"]
OTHERS = ["Caesars Entertainment"]

#: (lang, text, marks, the size scored, (score, cues))
CASES = [
    # base 0.3, theft +0.4, the victim named +0.15
    ("en", "Hackers stole about 400 GB of files from Harbourview Clinic.",
     [cue("stole", "THEFT"), quantity("about 400 GB", qualifier="approx")], "about 400 GB", (0.85, "theft")),
    ("en", "The gang posted 400 GB of files on its leak site.", [quantity("400 GB")], "400 GB", (0.3, "plain")),
    # a storage total: -0.6
    ("en", "The clinic stores 12 TB of scans.",
     [cue("stores", "NOT_STOLEN_SIZE", rule="en_storage"), quantity("12 TB")], "12 TB", (-0.3, "storage")),
    # the cap qualifies the nearer size, not the stolen one after it
    ("en", "The service caps uploads at 250 GB, and the gang exfiltrated about 75 GB.",
     [cue("caps", "NOT_STOLEN_SIZE", rule="en_storage"), cue("exfiltrated", "THEFT"), quantity("250 GB"),
      quantity("about 75 GB", qualifier="approx")], "about 75 GB", (0.7, "theft")),
    ("en", "The service caps uploads at 250 GB, and the gang exfiltrated about 75 GB.",
     [cue("caps", "NOT_STOLEN_SIZE", rule="en_storage"), cue("exfiltrated", "THEFT"), quantity("250 GB"),
      quantity("about 75 GB", qualifier="approx")], "250 GB", (0.1, "theft+storage")),
    # a storage word more than 40 characters before the size
    ("en", "The archive of the firm's storage, which hackers reportedly leaked in full, held 3 TB.",
     [cue("storage", "NOT_STOLEN_SIZE", rule="en_storage"), cue("leaked", "THEFT"), quantity("3 TB")], "3 TB",
     (0.7, "theft")),
    # another incident (-0.5), another organisation named before the size (-0.15)
    ("en", "Caesars Entertainment lost 2 TB of data last year.",
     [cue("lost", "THEFT"), cue("last year", "OTHER_INCIDENT"), quantity("2 TB")], "2 TB",
     (0.05, "theft+other-incident+other-organisation")),
    ("zh", "黑客從港灣診所竊取了約400GB資料。",
     [cue("竊取", "THEFT"), quantity("約400GB", qualifier="approx")], "約400GB", (0.85, "theft")),
    ("zh", "該系統儲存了12TB的醫療影像。",
     [cue("儲存", "NOT_STOLEN_SIZE", rule="zh_storage"), quantity("12TB")], "12TB", (-0.3, "storage")),
    # the Chinese reach is 15 characters
    ("zh", "該系統的醫療影像儲存於本地伺服器，另外，黑客聲稱竊取了約3TB。",
     [cue("儲存", "NOT_STOLEN_SIZE", rule="zh_storage"), cue("竊取", "THEFT"), quantity("約3TB", qualifier="approx")],
     "約3TB", (0.7, "theft")),
]


@pytest.mark.parametrize("lang,text,marks,size,expected", CASES)
def test_size_score(lang, text, marks, size, expected):
    view = make_view(lang, text, marks)
    score, why = QUANTITY.score(view, find(view, size, "quantities"), VICTIMS, "size", OTHERS)
    assert (round(score, 3), why) == expected


@pytest.mark.xfail(strict=True, reason="a storage word across a contrast (', but', 但) still lowers the stolen size: "
                                       "the storage rule ignores the clause breaks Scope applies to negation")
@pytest.mark.parametrize("lang,text,storage,theft,size", [
    ("en", "Although its storage is large, hackers took only about 3 TB.", "storage", "took", "about 3 TB"),
    ("zh", "該系統的檔案儲存容量雖然很大，但黑客只竊取了約3TB。", "儲存", "竊取", "約3TB"),
])
def test_storage_does_not_reach_across_a_contrast(lang, text, storage, theft, size):
    rule = f"{lang}_storage"
    view = make_view(lang, text, [cue(storage, "NOT_STOLEN_SIZE", rule=rule), cue(theft, "THEFT"),
                                  quantity(size, qualifier="approx")])
    assert QUANTITY.score(view, find(view, size, "quantities"), VICTIMS, "size", OTHERS)[1] == "theft"
