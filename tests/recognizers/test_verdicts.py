"""Encryption and ransom verdicts: which cues count, and which value wins."""
from __future__ import annotations

import pytest

from extractor.recognizers.scope import Scope
from extractor.recognizers.verdicts import PRECEDENCE, VerdictRecognizer
from extractor.resources import resources

from recognizers.conftest import cue, make_view, reasons

VERDICT = VerdictRecognizer(resources(), Scope(resources()))

VICTIMS = ["Harbourview Clinic", "港灣診所"]
OTHERS = ["Caesars Entertainment"]


def _strong(label: str, chosen: str, lost: str, total: float, won: float) -> str:
    return (f"{lost}: total {total:.2f} lost to {chosen} ({won:.2f}), chosen by a strong cue (>= 0.85) and first in "
            f"precedence {' > '.join(PRECEDENCE[label])}")


#: (lang, text, marks, label, expected value, texts of its evidence, rejection reasons)
CASES = [
    # a strong refusal beats a weaker demand
    ("en", "The gang issued a ransom demand, and the hospital refused to pay.",
     [cue("ransom demand", "RANSOM", "demanded"), cue("refused to pay", "RANSOM", "refused")], "RANSOM",
     "refused", ["refused to pay"], [_strong("RANSOM", "refused", "demanded", 0.7, 0.9)]),
    # among strong cues precedence decides, not the total: two refusals (1.80) lose to one payment
    ("en", "The trust refused to pay and said it would not negotiate, but its insurer later made a payment.",
     [cue("refused to pay", "RANSOM", "refused"), cue("would not negotiate", "RANSOM", "refused"),
      cue("made a payment", "RANSOM", "paid")], "RANSOM",
     "paid", ["made a payment"], [_strong("RANSOM", "paid", "refused", 1.8, 0.9)]),
    # a cue inside a longer cue with another value does not count
    ("en", "The council had not received a ransom demand.",
     [cue("had not received a ransom demand", "RANSOM", "none"), cue("ransom demand", "RANSOM", "demanded")], "RANSOM",
     "none", ["had not received a ransom demand"], ["demanded: inside a longer cue that says otherwise"]),
    # another organisation named before the cue: its payment, not the victim's
    ("en", "Caesars Entertainment reportedly paid the hackers, but Harbourview Clinic refused to pay.",
     [cue("paid the hackers", "RANSOM", "paid"), cue("refused to pay", "RANSOM", "refused")], "RANSOM",
     "refused", ["refused to pay"], ["paid: about another organisation named before it"]),
    # a threat: the refusal sits in a condition; the demand stands
    ("en", "The gang threatened to publish the files if the trust refused to pay.",
     [cue("if the trust refused to pay", "RANSOM", "demanded"), cue("refused to pay", "RANSOM", "refused")], "RANSOM",
     "demanded", ["if the trust refused to pay"], ["refused: a condition (if / unless), a threat rather than a refusal"]),
    # background: dropped, unless the victim is named in the sentence
    ("en", "Last year the hospital paid the hackers.",
     [cue("Last year", "BACKGROUND", "sentence"), cue("paid the hackers", "RANSOM", "paid")], "RANSOM",
     None, [], ["paid: background or another incident, and the victim is not named in the sentence"]),
    ("en", "Last year Harbourview Clinic paid the hackers.",
     [cue("Last year", "BACKGROUND", "sentence"), cue("paid the hackers", "RANSOM", "paid")], "RANSOM",
     "paid", ["paid the hackers"], []),
    ("en", "In a previous incident the council paid the hackers.",
     [cue("previous", "OTHER_INCIDENT"), cue("paid the hackers", "RANSOM", "paid")], "RANSOM",
     None, [], ["paid: background or another incident, and the victim is not named in the sentence"]),
    # no strong cue: the largest total wins
    ("en", "The attackers deployed their ransomware, in what looked like pure extortion.",
     [cue("deployed their ransomware", "ENCRYPTION", "true", "en_enc_pos_ransomware_deployed"),
      cue("pure extortion", "ENCRYPTION", "false", "en_enc_neg_data_only")], "ENCRYPTION",
     "true", ["deployed their ransomware"],
     ["false: total 0.50 lost to true (0.70), chosen by the largest total score"]),
    ("en", "Servers were encrypted, although the firm said it did not encrypt its backups itself.",
     [cue("were encrypted", "ENCRYPTION", "true"), cue("did not encrypt", "ENCRYPTION", "false")], "ENCRYPTION",
     "false", ["did not encrypt"], [_strong("ENCRYPTION", "false", "true", 0.85, 0.95)]),
    # another organisation does not matter for encryption
    ("en", "Caesars Entertainment said its files were encrypted.",
     [cue("were encrypted", "ENCRYPTION", "true")], "ENCRYPTION", "true", ["were encrypted"], []),
    ("zh", "黑客要求支付100萬美元贖金，醫院拒絕支付。",
     [cue("要求支付100萬美元贖金", "RANSOM", "demanded"), cue("拒絕支付", "RANSOM", "refused")], "RANSOM",
     "refused", ["拒絕支付"], [_strong("RANSOM", "refused", "demanded", 0.7, 0.9)]),
    ("zh", "醫院表示未收到任何贖金要求。",
     [cue("未收到任何贖金要求", "RANSOM", "none"), cue("贖金要求", "RANSOM", "demanded")], "RANSOM",
     "none", ["未收到任何贖金要求"], ["demanded: inside a longer cue that says otherwise"]),
    ("zh", "去年另一間公司曾支付了贖金。",
     [cue("去年", "BACKGROUND", "sentence"), cue("支付了贖金", "RANSOM", "paid")], "RANSOM",
     None, [], ["paid: background or another incident, and the victim is not named in the sentence"]),
    ("zh", "Caesars Entertainment據報支付了贖金，港灣診所則拒絕支付。",
     [cue("支付了贖金", "RANSOM", "paid"), cue("拒絕支付", "RANSOM", "refused")], "RANSOM",
     "refused", ["拒絕支付"], ["paid: about another organisation named before it"]),
    ("zh", "黑客揚言若醫院拒絕支付，便會公開資料。",
     [cue("若醫院拒絕支付", "RANSOM", "demanded"), cue("拒絕支付", "RANSOM", "refused")], "RANSOM",
     "demanded", ["若醫院拒絕支付"], ["refused: a condition (if / unless), a threat rather than a refusal"]),
    ("zh", "公司表示系統並未被加密。",
     [cue("並未被加密", "ENCRYPTION", "false"), cue("被加密", "ENCRYPTION", "true")], "ENCRYPTION",
     "false", ["並未被加密"], ["true: inside a longer cue that says otherwise"]),
    # strong cues both: false > true > unknown
    ("zh", "伺服器遭加密，公司未有透露備份是否加密。",
     [cue("遭加密", "ENCRYPTION", "true"), cue("是否加密", "ENCRYPTION", "unknown")], "ENCRYPTION",
     "true", ["遭加密"], [_strong("ENCRYPTION", "true", "unknown", 0.95, 0.85)]),
]


@pytest.mark.parametrize("lang,text,marks,label,expected,evidence,why", CASES)
def test_verdict(lang, text, marks, label, expected, evidence, why):
    view = make_view(lang, text, marks, explain=True)
    value, found = VERDICT.verdict(view, label, VICTIMS, OTHERS)
    assert value == expected
    assert [e.text for e in found] == evidence
    assert reasons(view, label.lower()) == why


def test_evidence_carries_rule_and_score():
    text = "Servers were encrypted. Staff were locked out of their own systems."
    view = make_view("en", text, [cue("were encrypted", "ENCRYPTION", "true"),
                                  cue("locked out of their own systems", "ENCRYPTION", "true", "en_enc_pos_locked_out")])
    value, found = VERDICT.verdict(view, "ENCRYPTION", [], [])
    assert value == "true"
    assert [(e.rule, e.score, e.start, e.sentence) for e in found] == [
        ("en_enc_pos_were_encrypted", 0.85, 8, "Servers were encrypted."),
        ("en_enc_pos_locked_out", 0.6, 35, "Staff were locked out of their own systems.")]


def test_tie_without_a_strong_cue_goes_by_precedence():
    """Equal totals under the strong score: the value first in precedence (false before true).
    A rule cues.jsonl does not know scores 0.5, as en_enc_neg_data_only does."""
    text = "Staff described pure extortion, and some files appeared scrambled."
    view = make_view("en", text, [cue("pure extortion", "ENCRYPTION", "false", "en_enc_neg_data_only"),
                                  cue("appeared scrambled", "ENCRYPTION", "true", "en_enc_unlisted")])
    assert view.rule_score("en_enc_unlisted") == view.rule_score("en_enc_neg_data_only") == 0.5
    assert VERDICT.verdict(view, "ENCRYPTION", [], [])[0] == "false"


def test_no_cue_no_verdict():
    view = make_view("zh", "醫院表示正調查事件。", explain=True)
    assert VERDICT.verdict(view, "RANSOM", VICTIMS, OTHERS) == (None, [])
    assert view.rejections.items == []
