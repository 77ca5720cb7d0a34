"""Tests for bench/calllist-check/check.py: one passing and one failing case per rule.

Run from the repository root: `python3 -m unittest bench/calllist-check/test_check.py`. The module under
test is imported by path (its folder name has a hyphen), so no package or sys.path set-up is needed.
Each test writes small hand-written CSV fixtures to a temporary directory.
"""
import contextlib
import copy
import csv
import gzip
import importlib.util
import io
import json
import os
import tempfile
import unittest

_SPEC = importlib.util.spec_from_file_location(
    "calllist_check", os.path.join(os.path.dirname(os.path.abspath(__file__)), "check.py"))
check = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(check)

# Net spend as of 2024-03-31: 0001 = 1000 + 500 - 200 = 1300; 0002 = (800 + 200) - 300 (cancelled) = 700;
# 0003 = 2000 (the June order is after the as-of day); 0004 = 400; 0005 = 100 - 300 = -200.
ORDERS = """order_id,customer_id,order_date,amount,channel,category,status
1,0001,2024-01-05,1000,web,books,completed
2,0001,2024-02-01,500,web,books,completed
3,0001,2024-02-10,-200,web,books,returned
4,0002,2024-01-10,800,store,beauty,completed
4,0002,2024-01-10,200,store,beauty,completed
5,0002,2024-03-01,300,web,books,cancelled
6,0003,2024-01-15,2000,web,books,completed
7,0003,2024-06-01,5000,web,books,completed
8,0004,2024-02-01,400,app,books,completed
9,0005,2024-02-01,100,app,books,completed
10,0005,2024-02-02,-300,app,books,returned
"""

SCORE_COLUMNS = (["customer_id", "as_of", "churn_probability", "churn_decile", "loyal_candidate_probability",
                  "loyal_candidate_decile", "value", "value_decile", "rfm_rank", "ltv_nps_cell",
                  "days_since_last_purchase", "days_since_first_purchase", "is_loyal"]
                 + [f"{t}_reason_{i}" for t in ("churn", "loyal_candidate") for i in (1, 2, 3)]
                 + [f"{t}_reason_{i}_{part}" for t in ("churn", "loyal_candidate") for i in (1, 2, 3)
                    for part in ("code", "value", "typical", "contribution")])


def score(cid, churn, loyal, value, churn_reasons=(), loyal_reasons=(), is_loyal="0"):
    """A scores.csv row; reasons are (code, contribution) pairs."""
    row = {"customer_id": cid, "as_of": "2024-03-31", "churn_probability": churn,
           "loyal_candidate_probability": loyal, "value": value, "is_loyal": is_loyal}
    for target, reasons in (("churn", churn_reasons), ("loyal_candidate", loyal_reasons)):
        for i, (code, contribution) in enumerate(reasons, 1):
            row[f"{target}_reason_{i}_code"] = code
            row[f"{target}_reason_{i}_contribution"] = contribution
    return row


# churn mean 0.4, loyal-candidate mean 0.3: the default floors.
SCORES = [
    score("0001", "0.800000", "0.100000", "1300.00",
          [("days_since_last_purchase", "0.5"), ("last_nps", "0.3"), ("event:email_open:30d", "0.1")], [("none", "")]),
    score("0002", "0.600000", "0.200000", "700.00", [("none", "")]),
    score("0003", "0.200000", "0.700000", "2000.00", [],
          [("spend_365d", "0.4"), ("orders_90d", "0.2"), ("spend_all", "0.1")]),
    score("0004", "0.100000", "0.500000", "400.00", [], [("last_nps", "0.3")]),
    score("0005", "0.300000", "0.000000", "-200.00"),
]

CALL_COLUMNS = ["list", "rank", "customer_id", "name", "phone", "churn_probability",
                "loyal_candidate_probability", "risk", "value", "value_at_stake", "rfm_rank", "segment",
                "is_loyal", "reason_1", "reason_2", "reason_3", "reason_code_1", "reason_code_2", "reason_code_3",
                "action", "action_code"]


def call(lst, rank, cid, churn, loyal, risk, value, codes, action_code, action):
    """A calllist.csv row."""
    row = {"list": lst, "rank": rank, "customer_id": cid, "churn_probability": churn,
           "loyal_candidate_probability": loyal, "risk": risk, "value": value, "is_loyal": "0",
           "action_code": action_code, "action": action}
    row.update({f"reason_code_{i}": code for i, code in enumerate(codes, 1)})
    return row


CALLLIST = [
    call("retention", "1", "0001", "0.800000", "0.100000", "high risk (80%)", "1300.00",
         ["days_since_last_purchase", "last_nps", "event:email_open:30d"], "win_back", "Call with a win-back offer"),
    call("retention", "2", "0002", "0.600000", "0.200000", "medium risk (60%)", "700.00", ["none"],
         "check_in", "Call to check in"),
    call("upgrade", "1", "0003", "0.200000", "0.700000", "likely (70%)", "2000.00", ["spend_365d", "orders_90d"],
         "invite_loyalty", "Invite to the loyalty programme"),
    call("upgrade", "2", "0004", "0.100000", "0.500000", "50%", "400.00", ["last_nps"],
         "resolve_complaint_first", "Resolve the complaint first, then offer a benefit"),
]


def write_csv(path, columns, rows, encoding="utf-8"):
    with open(path, "w", encoding=encoding, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, restval="", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


class CheckerTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.calllist = copy.deepcopy(CALLLIST)
        self.scores = copy.deepcopy(SCORES)
        self.orders = ORDERS
        self.extra = []

    def tearDown(self):
        self.tmp.cleanup()

    def run_checker(self, *flags, encoding="utf-8", orders_name="orders.csv", columns=CALL_COLUMNS):
        """Writes the fixtures, runs main(... --json); returns (exit code, summary or None, stderr)."""
        paths = {name: os.path.join(self.dir, name) for name in ("calllist.csv", "scores.csv", orders_name)}
        write_csv(paths["calllist.csv"], columns, self.calllist, encoding)
        write_csv(paths["scores.csv"], SCORE_COLUMNS, self.scores)
        opener = gzip.open if orders_name.endswith(".gz") else open
        with opener(paths[orders_name], "wt", encoding="utf-8") as handle:
            handle.write(self.orders)
        argv = ["--calllist", paths["calllist.csv"], "--scores", paths["scores.csv"],
                "--orders", paths[orders_name], "--json", *flags]
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = check.main(argv)
        return code, (json.loads(out.getvalue()) if out.getvalue() else None), err.getvalue()

    def write_json(self, rules):
        path = os.path.join(self.dir, "calllist.json")
        with open(path, "w", encoding="utf-8") as handle:
            json.dump({"rules": rules, "summary": {}, "entries": []}, handle)
        return path

    def assert_only(self, rule, *flags, count=None, **options):
        """The run fails with violations of `rule` only (exactly `count` of them when given)."""
        code, summary, err = self.run_checker(*flags, **options)
        self.assertEqual(code, 1, err)
        fired = {r: n for r, n in summary["violations"].items() if n}
        self.assertEqual(set(fired), {rule}, err)
        if count is not None:
            self.assertEqual(fired[rule], count, err)
        return summary

    def assert_clean(self, *flags, **options):
        """The run passes with no violation at all."""
        code, summary, err = self.run_checker(*flags, **options)
        self.assertEqual((code, summary["total_violations"]), (0, 0), err)
        return summary

    # The base fixture passes every rule.
    def test_base_fixture_passes(self):
        summary = self.assert_clean()
        self.assertEqual(summary["rows_checked"], {"retention": 2, "upgrade": 2})
        self.assertAlmostEqual(summary["floors"]["retention"]["value"], 0.4)
        self.assertAlmostEqual(summary["floors"]["upgrade"]["value"], 0.3)

    # 1 net_spend_positive
    def test_net_spend_positive_pass_ignores_orders_after_as_of(self):
        self.orders += "11,0003,2024-04-02,-9000,web,books,returned\n"
        self.assert_clean()

    def test_net_spend_positive_fail(self):
        self.orders += "11,0004,2024-03-01,400,app,books,返品\n"  # a return by status: net 0
        self.calllist[3]["value"] = self.scores[3]["value"] = "0.00"
        self.assert_only("net_spend_positive", count=1)

    # 2 value_is_net
    def test_value_is_net_pass_within_tolerance(self):
        self.calllist[0]["value"] = "1300.01"
        self.assert_clean()

    def test_value_is_net_fail_gross_instead_of_net(self):
        self.calllist[0]["value"] = self.scores[0]["value"] = "1500.00"  # the return not subtracted
        self.assert_only("value_is_net", count=2)

    # 3 floor
    def test_floor_pass_with_override(self):
        self.calllist[1].update(churn_probability="0.350000", risk="35%")
        self.assert_clean("--min-churn-probability", "0.3")

    def test_floor_fail_below_mean(self):
        self.calllist[1].update(churn_probability="0.350000", risk="35%")
        self.assert_only("floor", count=1)

    def test_floor_pass_json_matches_mean(self):
        path = self.write_json({"retention": {"minChurnProbability": 0.4},
                                "upgrade": {"minLoyalCandidateProbability": 0.3}})
        self.assert_clean("--calllist-json", path)

    def test_floor_fail_json_differs_from_mean(self):
        path = self.write_json({"retention": {"minChurnProbability": 0.5},
                                "upgrade": {"minLoyalCandidateProbability": 0.3}})
        self.assert_only("floor", "--calllist-json", path, count=1)

    # 4 ranking
    def test_ranking_pass_baseline_skips_retention_order(self):
        self.calllist[0]["rank"], self.calllist[1]["rank"] = "2", "1"
        self.calllist[0], self.calllist[1] = self.calllist[1], self.calllist[0]
        path = self.write_json({"retention": {"rankedBy": "baseline", "minChurnProbability": 0.4}})
        self.assert_clean("--calllist-json", path)

    def test_ranking_fail_retention_out_of_order(self):
        self.calllist[0]["rank"], self.calllist[1]["rank"] = "2", "1"
        self.calllist[0], self.calllist[1] = self.calllist[1], self.calllist[0]
        self.assert_only("ranking", count=1)

    def test_ranking_fail_upgrade_out_of_order_and_rank_gap(self):
        self.calllist[3]["loyal_candidate_probability"] = "0.750000"
        self.calllist[3]["risk"] = "75%"
        self.calllist[2]["rank"] = "3"
        self.assert_only("ranking", count=2)

    # 5 reasons_toward_outcome
    def test_reasons_pass_none_alone(self):
        self.calllist[2].update(reason_code_1="none", reason_code_2="", reason_code_3="")
        self.assert_clean()

    def test_reasons_fail_negative_contribution(self):
        self.scores[0]["churn_reason_3_contribution"] = "-0.1"
        self.assert_only("reasons_toward_outcome", count=1)

    def test_reasons_fail_none_not_alone(self):
        self.calllist[1]["reason_code_2"] = "none"
        self.assert_only("reasons_toward_outcome", count=1)

    # 6 one_reason_per_family
    def test_family_pass_distinct_event_types(self):
        self.assertEqual(check.family("event:email_open:30d"), "engagement:email_open")
        self.assertEqual(check.family("event:site_visit:days_since_last"), "engagement:site_visit")
        self.assertEqual(check.family("event:purchase:90d"), "engagement:purchase")
        self.assertEqual(check.family("customer:spend_365d"), "attribute:spend_365d")
        self.assertEqual(check.family("mystery_30d"), "unknown:mystery_30d")
        self.assertEqual(check.family("spend_365d_gross"), "monetary")
        self.assertEqual(check.family("orders_trend_90d"), "trend")
        self.assertEqual(check.family("customer:region=kanto"), "attribute:region")
        self.assert_clean()  # 0001 has recency, satisfaction and engagement:email_open

    def test_family_fail_two_monetary(self):
        self.calllist[2]["reason_code_2"] = "spend_all"  # with spend_365d
        self.assert_only("one_reason_per_family", count=1)

    # 7 action_matches_reasons
    def test_action_pass_re_engage_with_frequency(self):
        self.scores[0]["churn_reason_1_code"] = "orders_90d"
        self.calllist[0].update(reason_code_1="orders_90d", action_code="re_engage", action="Call to re-engage")
        self.assert_clean()

    def test_action_fail_code_needs_missing_family(self):
        self.calllist[0].update(action_code="re_engage", action="Call to re-engage")
        self.assert_only("action_matches_reasons", count=1)

    def test_action_fail_text_mentions_win_back_without_recency(self):
        self.calllist[1]["action"] = "Call to check in and offer a win-back benefit"
        self.assert_only("action_matches_reasons", count=1)

    def test_action_fail_code_of_the_other_list(self):
        self.calllist[2]["action_code"] = "win_back"
        self.assert_only("action_matches_reasons", count=1)

    def test_action_pass_onboard_for_a_new_customer(self):
        self.scores[1]["days_since_first_purchase"] = "40"
        self.calllist[1].update(action_code="onboard", action="Welcome call for a new customer")
        self.assert_clean()

    def test_action_fail_new_customer_without_a_welcome(self):
        self.scores[1]["days_since_first_purchase"] = "90"  # check_in for a customer new 90 days ago
        self.assert_only("action_matches_reasons", count=1)

    def test_action_pass_complaint_before_the_welcome(self):
        self.scores[3]["days_since_first_purchase"] = "10"  # last_nps among the reasons: the complaint first
        self.assert_clean()

    def test_action_fail_onboard_for_a_customer_not_new(self):
        self.scores[1]["days_since_first_purchase"] = "91"
        self.calllist[1].update(action_code="onboard", action="Welcome call for a new customer")
        self.assert_only("action_matches_reasons", count=1)

    # 8 not_loyal_on_upgrade
    def test_not_loyal_pass_control_rows_skipped(self):
        for row in self.calllist:
            row["group"] = "call"
        self.calllist.append(dict(self.calllist[0], rank="3", group="control"))  # same customer, control group
        self.assert_clean(columns=CALL_COLUMNS + ["group"])

    def test_not_loyal_fail_loyal_on_upgrade(self):
        self.calllist[2]["is_loyal"] = "1"
        self.assert_only("not_loyal_on_upgrade", count=1)

    def test_not_loyal_fail_on_both_lists(self):
        self.calllist.append(call("upgrade", "3", "0001", "0.800000", "0.100000", "10%", "1300.00", ["none"],
                                  "invite_loyalty", "Invite to the loyalty programme"))
        self.assert_only("not_loyal_on_upgrade", "--min-loyal-candidate-probability", "0.05", count=1)

    # 9 risk_stated
    def test_risk_pass_half_rounds_up(self):
        self.calllist[0].update(churn_probability="0.825000", risk="high risk (83%)")
        self.assert_clean()

    def test_risk_fail_wrong_percentage(self):
        self.calllist[0]["risk"] = "high risk (180%)"
        self.assert_only("risk_stated", count=1)

    def test_risk_fail_empty(self):
        self.calllist[1]["risk"] = ""
        self.assert_only("risk_stated", count=1)

    # Inputs
    def test_online_retail_layout_gz(self):
        self.orders = ("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
                       "536365,85123A,HEART,10,2024-01-05 08:26:00,100,1.0,UK\n"
                       "536365,71053,LANTERN,5,2024-01-05 08:26:00,40,1.0,UK\n"
                       "C536379,D,Discount,-1,2024-02-10 09:41:00,100,1,UK\n"
                       "536400,22633,HAND WARMER,1,2024-02-11 09:00:00,5,,UK\n")
        self.calllist = [call("retention", "1", "1", "0.800000", "0.1", "80%", "1100.00",
                              ["days_since_last_purchase"], "win_back", "Win-back call")]
        self.scores = [score("1", "0.800000", "0.1", "1100.00", [("days_since_last_purchase", "0.5")])]
        code, summary, err = self.run_checker(orders_name="orders.csv.gz")
        self.assertEqual((code, summary["orders"]["layout"], summary["orders"]["guest_lines"]),
                         (0, "online-retail", 1), err)

    def test_cp932_and_bom_call_lists(self):
        self.calllist[1]["action"] = "様子伺いの電話"
        for encoding in ("cp932", "utf-8-sig"):
            code, summary, err = self.run_checker(encoding=encoding)
            self.assertEqual(code, 0, encoding + err)
        self.calllist[1]["action"] = "不満を伺う"  # complaint text without a satisfaction reason
        code, summary, err = self.run_checker(encoding="cp932")
        self.assertEqual(summary["violations"]["action_matches_reasons"], 1, err)

    def test_japanese_list_names(self):
        for row in self.calllist:
            row["list"] = {"retention": "離反防止", "upgrade": "ロイヤル化"}[row["list"]]
        summary = self.assert_clean(encoding="cp932")
        self.assertEqual(summary["rows_checked"], {"retention": 2, "upgrade": 2})

    def test_unreadable_input_exits_2(self):
        code, summary, err = self.run_checker("--scores", os.path.join(self.dir, "missing.csv"))
        self.assertEqual((code, summary), (2, None))
        self.assertIn("missing.csv", err)

    def test_text_output_lines(self):
        self.calllist[0]["risk"] = "high risk (81%)"
        self.run_checker()  # writes the fixtures
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = check.main(["--calllist", os.path.join(self.dir, "calllist.csv"),
                               "--scores", os.path.join(self.dir, "scores.csv"),
                               "--orders", os.path.join(self.dir, "orders.csv")])
        self.assertEqual(code, 1)
        self.assertIn("calllist.csv:2: customer 0001: rule risk_stated:", out.getvalue())
        self.assertIn("FAIL: 1 violation", out.getvalue())


if __name__ == "__main__":
    unittest.main()
