#!/usr/bin/env python3
"""Independent checker for the call list written by `loyalty calllist`.

It recomputes what it can with its own code (each customer's net spend from the orders file, the
probability floors from scores.csv) and checks every call-list row against nine rules:
net_spend_positive, value_is_net, floor, ranking, reasons_toward_outcome, one_reason_per_family,
action_matches_reasons, not_loyal_on_upgrade, risk_stated (see README.md).

Prints one line per violated rule per row (`calllist.csv:LINE: customer X: rule NAME: detail`), then a
summary. Exit code 0 = no violation, 1 = at least one violation, 2 = unreadable input.
Python 3.11 standard library only.
"""
import argparse
import csv
import gzip
import io
import json
import re
import sys
from collections import Counter, defaultdict
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

RULES = ["net_spend_positive", "value_is_net", "floor", "ranking", "reasons_toward_outcome",
         "one_reason_per_family", "action_matches_reasons", "not_loyal_on_upgrade", "risk_stated"]
LISTS = ("retention", "upgrade")
# `calllist --lang ja` names the lists in Japanese; the codes in the other columns stay the same.
LIST_NAMES = {"retention": "retention", "upgrade": "upgrade", "離反防止": "retention", "ロイヤル化": "upgrade"}
TARGET = {"retention": "churn", "upgrade": "loyal_candidate"}
FLOOR_KEY = {"retention": "minChurnProbability", "upgrade": "minLoyalCandidateProbability"}
RETURN_WORDS = ("cancel", "return", "refund", "void", "キャンセル", "返品", "返金", "取消", "取り消し")
PROB_TOL = 1e-6      # probabilities are printed with 6 decimals
RANK_REL_TOL = 1e-6  # relative tolerance on churn_probability x value


class InputError(Exception):
    """An input that cannot be read (missing file, undecodable text, missing column): exit code 2."""


# ---------------------------------------------------------------------------------------------- reading
def customer_key(text):
    """A customer id as written, blanks trimmed; a trailing `.0` after digits is dropped (`17850.0`)."""
    text = text.strip()
    return text[:-2] if text.endswith(".0") and text[:-2].isdigit() else text


def number(cell):
    """The float in `cell`, or None when it is empty, not a number, or NaN."""
    try:
        value = float(cell)
    except (TypeError, ValueError):
        return None
    return value if value == value else None


def iso_day(text):
    """`yyyy-MM-dd` from `2010-12-01`, `2010-12-01 08:26:00`, `12/1/2010 8:26` or `2010/12/01`."""
    text = text.strip()
    if len(text) >= 10 and text[4] == "-" and text[7] == "-":
        return text[:10]
    parts = text.split()[0].split("/")
    if len(parts) != 3:
        raise ValueError(text)
    y, m, d = parts if len(parts[0]) == 4 else (parts[2], parts[0], parts[1])
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"


def read_csv(path):
    """(header, [(line, {column: cell})]) of a CSV decoded as UTF-8 (with or without BOM), else CP932.

    Column names are trimmed and lowercased, cells trimmed; `line` is the physical line where the record
    starts (the header is line 1). Blank lines are skipped.
    """
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror}") from error
    for encoding in ("utf-8-sig", "cp932"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InputError(f"{path}: neither UTF-8 nor CP932 text")
    reader = csv.reader(io.StringIO(text, newline=""))
    header, rows, previous = None, [], 0
    try:
        for record in reader:
            start, previous = previous + 1, reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            if header is None:
                header = [name.strip().lower() for name in record]
            else:
                rows.append((start, {name: record[i].strip() if i < len(record) else ""
                                     for i, name in enumerate(header)}))
    except csv.Error as error:
        raise InputError(f"{path}:{reader.line_num}: {error}") from error
    if header is None:
        raise InputError(f"{path}: empty file")
    return header, rows


def require(path, header, names):
    """Raises InputError unless every column in `names` is in `header`."""
    missing = [name for name in names if name not in header]
    if missing:
        raise InputError(f"{path}: missing column(s) {', '.join(missing)} (has: {', '.join(header)})")


def read_orders(path, wanted):
    """Orders of the customers in `wanted`, read once: ({customer: {order: [day, amount, flagged]}}, info).

    The layout is told from the header: the sample layout (`customer_id, order_date, amount`, optional
    `order_id`, `status`) or UCI Online Retail (`InvoiceNo, InvoiceDate, Quantity, UnitPrice, CustomerID`;
    amount = Quantity x UnitPrice). Lines with the same order id are summed into one order; `flagged` is
    true when the id (`C` + digit) or a status word marks a cancellation/return. Guest lines (empty
    customer id) are ignored; lines of wanted customers whose date or amount cannot be read are counted
    in info["bad_lines"] and skipped.
    """
    opener = gzip.open if path.endswith(".gz") else open
    orders, status_is_return = defaultdict(dict), {}
    info = {"layout": None, "lines": 0, "bad_lines": 0, "guest_lines": 0}
    try:
        with opener(path, "rt", encoding="utf-8-sig", errors="replace", newline="") as handle:
            reader = csv.reader(handle)
            header = [name.strip().lower() for name in next(reader, [])]
            col = {name: i for i, name in enumerate(header)}
            if {"invoiceno", "invoicedate", "quantity", "unitprice", "customerid"} <= col.keys():
                info["layout"] = "online-retail"
                c, o, d, s, a = col["customerid"], col["invoiceno"], col["invoicedate"], None, None
                q, p = col["quantity"], col["unitprice"]
            elif {"customer_id", "order_date", "amount"} <= col.keys():
                info["layout"] = "sample"
                c, o, d, s, a = col["customer_id"], col.get("order_id"), col["order_date"], col.get("status"), \
                    col["amount"]
            else:
                raise InputError(f"{path}: not an orders file (need customer_id, order_date, amount or the "
                                 f"Online Retail columns; has: {', '.join(header)})")
            for row in reader:
                if not row:
                    continue
                info["lines"] += 1
                try:
                    customer = customer_key(row[c])
                    if not customer:
                        info["guest_lines"] += 1
                        continue
                    if customer not in wanted:
                        continue
                    day = iso_day(row[d])
                    amount = float(row[a]) if a is not None else float(row[q]) * float(row[p])
                    order_id = row[o].strip() if o is not None else ""
                    flagged = len(order_id) > 1 and order_id[0] in "Cc" and order_id[1].isdigit()
                    if s is not None and not flagged:
                        if row[s] not in status_is_return:
                            status_is_return[row[s]] = any(word in row[s].lower() for word in RETURN_WORDS)
                        flagged = status_is_return[row[s]]
                except (ValueError, IndexError):
                    info["bad_lines"] += 1
                    continue
                key = order_id or ("line", info["lines"])
                order = orders[customer].get(key)
                if order is None:
                    orders[customer][key] = [day, amount, flagged]
                else:
                    order[1] += amount
                    order[2] = order[2] or flagged
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error}") from error
    except (csv.Error, EOFError) as error:
        raise InputError(f"{path}: {error}") from error
    return orders, info


def net_spend(orders_of_customer, as_of):
    """Net spend as of day `as_of` (inclusive): non-return orders add, return orders subtract their
    absolute amount. An order is a return when flagged (id or status) or its summed amount is negative."""
    return sum(-abs(amount) if flagged or amount < 0 else amount
               for day, amount, flagged in orders_of_customer.values() if day <= as_of)


# --------------------------------------------------------------------------------------------- families
NAMED_FAMILIES = {code: fam for fam, codes in {
    "recency": "days_since_last_purchase p_alive",
    "tenure": "days_since_first_purchase days_since_signup",
    "frequency": "orders_all distinct_purchase_days mean_days_between_orders sd_days_between_orders expected_purchases_90d",
    "monetary": "spend_all mean_order_value max_order_value ltv_order_value_times_orders ltv_annual_margin "
                "spend_to_loyal_threshold spend_percentile_among_active",
    "returns": "returns_count returns_amount",
    "satisfaction": "last_nps last_nps_class mean_nps nps_answers days_since_last_answer last_csat last_ces",
    "contact": "days_since_last_contact",
    "engagement:activity": "active_days_all",
}.items() for code in codes.split()}
WINDOWED = {"orders_trend": "trend", "orders": "frequency", "spend": "monetary"}


def family(code):
    """The family of a reason code (a feature name): see README.md; `none` for `none`."""
    code = code.strip()
    if code == "none" or code in NAMED_FAMILIES:
        return NAMED_FAMILIES.get(code, code)
    if code.startswith("event:") and code.count(":") >= 2:
        return "engagement:" + code[len("event:"):code.rindex(":")]
    if code.startswith("customer:"):
        return "attribute:" + code[len("customer:"):].split("=", 1)[0]
    if code.endswith("_gross"):
        return "monetary"
    window = re.fullmatch(r"(.+)_\d+d", code)
    if window and window.group(1) in WINDOWED:
        return WINDOWED[window.group(1)]
    return "unknown:" + code


# A complaint needs a survey *score* among the reasons (not merely a date or count of answers).
SURVEY_SCORES = {"last_nps", "last_nps_class", "mean_nps", "last_csat", "last_ces"}
COMPLAINT = "satisfaction_score"
ACTIONS = {  # list -> action_code -> the families it needs (any one of them; see satisfies)
    "retention": {"recover_complaint": COMPLAINT, "win_back": "recency", "re_engage": "frequency trend",
                  "reconnect": "engagement:* satisfaction", "returns_follow_up": "returns", "welcome_back": "tenure",
                  "onboard": "tenure new_customer", "value_check_in": "monetary", "check_in": "neutral"},
    "upgrade": {"resolve_complaint_first": COMPLAINT, "invite_loyalty": "monetary neutral",
                "suggest_next_purchase": "frequency trend", "invite_engagement": "engagement:* satisfaction",
                "welcome_offer": "tenure new_customer"},
}
NEW_CUSTOMER_DAYS = 90
WELCOME_OF = {"retention": "onboard", "upgrade": "welcome_offer"}
WELCOME = set(WELCOME_OF.values())


def satisfies(need, fams):
    """Whether the reason families `fams` hold one of the space-separated `need`s: a family name,
    `engagement:*` (any event type), or `neutral` (only contact/tenure/attribute families, or none at all, i.e.
    reasons `none` or empty)."""
    return any(n in fams
               or (n == "engagement:*" and any(f.startswith("engagement:") for f in fams))
               or (n == "neutral" and all(f in ("contact", "tenure", "new_customer") or f.startswith(("attribute:", "unknown:")) for f in fams))
               for n in need.split())


def percent_options(cell):
    """Whole percentages that state probability `cell`: 100p rounded half up; when 100p is within the
    6-decimal print rounding (5e-5) of a half, its neighbour too (the tool rounds the unprinted value)."""
    try:
        scaled = Decimal(cell) * 100
        options = {int(scaled.quantize(Decimal(1), rounding=ROUND_HALF_UP))}
    except (InvalidOperation, ValueError):
        return set()
    if abs(scaled % 1 - Decimal("0.5")) <= Decimal("0.00005"):
        options |= {int(scaled // 1), int(scaled // 1) + 1}
    return options


def states_percent(text, options):
    """Whether `text` holds one of the whole percentages `options` (`82%`, `82 %`, `82％`; not `182%`)."""
    return any(re.search(rf"(?<![\d.]){n}\s?[%％]", text) for n in options)


# ----------------------------------------------------------------------------------------------- checks
def floors_for(args, rules, scores_rows, report):
    """{list: (floor or None, source)}: an override flag, else calllist.json's (reported when it differs
    from the recomputed default by more than 1e-6), else the mean probability over scores.csv rows."""
    floors = {}
    for lst, flag in zip(LISTS, (args.min_churn_probability, args.min_loyal_candidate_probability)):
        values = [number(row.get(f"{TARGET[lst]}_probability")) for _, row in scores_rows]
        values = [v for v in values if v is not None]
        default = sum(values) / len(values) if values else None
        from_json = number(rules[lst].get(FLOOR_KEY[lst])) if isinstance(rules.get(lst), dict) else None
        if flag is not None:
            floors[lst] = (flag, "override flag")
        elif from_json is not None:
            floors[lst] = (from_json, args.calllist_json)
            if default is not None and abs(from_json - default) > PROB_TOL:
                report(0, "", "floor", f"rules.{lst}.{FLOOR_KEY[lst]} is {from_json:.6f} but the mean "
                       f"{TARGET[lst]}_probability of {args.scores} is {default:.6f} (no override flag given)")
        else:
            floors[lst] = (default, f"mean of {args.scores}")
    return floors


def check_row(lst, line, row, score, orders, as_of, floor, seen, args, report):
    """Rules 1-3 and 5-9 on one call-list row (`score` is the customer's scores.csv row or None)."""
    cid, target = customer_key(row["customer_id"]), TARGET[lst]
    net = net_spend(orders.get(cid, {}), as_of)
    if not net > 0:
        report(line, cid, "net_spend_positive", f"net spend as of {as_of} is {net:.2f} "
               f"({len(orders.get(cid, {}))} orders in {args.orders})")
    tolerance = max(0.01, 1e-9 * abs(net)) + 0.005
    for where, cell in (("call-list value", row.get("value", "")),
                        (f"{args.scores} value", score.get("value", "") if score else None)):
        value = number(cell)
        if cell is None:
            report(line, cid, "value_is_net", f"customer not in {args.scores}")
        elif value is None or abs(value - net) > tolerance:
            report(line, cid, "value_is_net",
                   f"{where} is {cell or 'empty'}, net spend as of {as_of} is {net:.2f}")
    p = number(row.get(f"{target}_probability"))
    if p is None:
        report(line, cid, "floor", f"{target}_probability is empty")
    elif floor is not None and p < floor - PROB_TOL:
        report(line, cid, "floor", f"{target}_probability {p:.6f} is below the floor {floor:.6f}")

    codes = [row.get(f"reason_code_{i}", "") for i in (1, 2, 3)]
    if "none" in codes and codes != ["none", "", ""]:
        report(line, cid, "reasons_toward_outcome",
               f"`none` must stand alone as reason_code_1 (codes: {', '.join(c or '-' for c in codes)})")
    toward = {score.get(f"{target}_reason_{i}_code", "") for i in (1, 2, 3)
              if (number(score.get(f"{target}_reason_{i}_contribution")) or 0) > 0} if score else set()
    fams, first_of = set(), {}
    for i, code in enumerate(codes, 1):
        if not code or code == "none":
            continue
        if code not in toward:
            report(line, cid, "reasons_toward_outcome", f"reason_code_{i} {code} is not among the "
                   f"{target}_reason_*_code with contribution > 0 in {args.scores}")
        fam = family(code)
        if fam in first_of:
            report(line, cid, "one_reason_per_family",
                   f"reason_code_{first_of[fam]} and reason_code_{i} ({code}) are both in family {fam}")
        first_of.setdefault(fam, i)
        fams.add(fam)
        if code in SURVEY_SCORES:
            fams.add("satisfaction_score")

    action_code, action = row.get("action_code", ""), row.get("action", "")
    # A new customer (first purchase at most 90 days before the cutoff, scores.csv's
    # days_since_first_purchase) gets a welcome whatever the reasons, unless a survey score comes first.
    first = number(score.get("days_since_first_purchase", "")) if score else None
    if first is not None and first <= NEW_CUSTOMER_DAYS:
        fams.add("new_customer")
        if COMPLAINT not in fams and action_code not in WELCOME:
            report(line, cid, "action_matches_reasons", f"first purchase {first:g} days before the cutoff (a new "
                   f"customer) but action_code is {action_code or '(empty)'}, not {WELCOME_OF[lst]}")
    allowed = ACTIONS[lst].get(action_code)
    if allowed is None:
        report(line, cid, "action_matches_reasons", f"action_code {action_code or '(empty)'} is not an action "
               f"of the {lst} list")
    elif not satisfies(allowed, fams):
        report(line, cid, "action_matches_reasons", f"action_code {action_code} needs one of {allowed}; "
               f"reason families: {' '.join(sorted(fams)) or 'none'}")
    if ("complaint" in action.lower() or "不満" in action) and not satisfies(COMPLAINT, fams):
        report(line, cid, "action_matches_reasons",
               "action text mentions a complaint but no reason is a survey score (NPS, CSAT, CES)")
    if "win-back" in action.lower() and "recency" not in fams:
        report(line, cid, "action_matches_reasons", "action text mentions win-back but no reason is in recency")

    if lst == "upgrade":
        flags = [c for c in (row.get("is_loyal", ""), score.get("is_loyal", "") if score else "") if c]
        if not flags or any(number(c) != 0 for c in flags):
            report(line, cid, "not_loyal_on_upgrade", f"is_loyal is {' / '.join(flags) or 'unknown'} "
                   "(call list / scores)")
    if cid in seen:
        report(line, cid, "not_loyal_on_upgrade", "already on the {} list at line {}".format(*seen[cid]))
    seen.setdefault(cid, (lst, line))
    risk, options = row.get("risk", ""), percent_options(row.get(f"{target}_probability", ""))
    if not risk or not states_percent(risk, options):
        shown = "/".join(f"{n}%" for n in sorted(options)) or f"(no {target}_probability)"
        report(line, cid, "risk_stated", f"risk {risk or '(empty)'!r} does not state {shown}")


def check_ranking(lst, rows, has_group, skip_order, report, scores=None):
    """Rule 4 on one list: ranks 1, 2, 3, ... in file order (only increasing when a group column lets
    control rows take ranks); retention non-increasing churn_probability x value (unless `skip_order`),
    where value is the scores file's `value_if_retained` (expected value had the customer stayed) when it
    has one for the customer, else the row's historical `value`;
    upgrade non-increasing loyal_candidate_probability, ties non-increasing value. Products come from
    printed cells, so their print rounding (p +- 5e-7, value +- 0.005) is added to the 1e-6 relative
    tolerance; printed probabilities and values keep the true order, so they are compared exactly."""
    previous_rank, previous = 0, None
    for position, (line, row) in enumerate(rows, 1):
        cid = customer_key(row["customer_id"])
        try:
            rank = int(row["rank"])
        except ValueError:
            report(line, cid, "ranking", f"rank {row['rank']!r} is not a whole number")
            continue
        if rank != position and not (has_group and rank > previous_rank):
            report(line, cid, "ranking", f"rank {rank} where {position} was expected")
        previous_rank, value = rank, number(row.get("value")) or 0.0
        if lst == "retention":
            score = (scores or {}).get(cid)
            retained = number(score.get("value_if_retained", "")) if score else None
            if retained is not None:
                value = max(0.0, retained)
            p = number(row.get("churn_probability")) or 0.0
            current = (p * value, 5e-7 * abs(value) + 0.005 * p)
            if previous and not skip_order and current[0] > previous[0] + previous[1] + current[1] \
                    + RANK_REL_TOL * max(abs(previous[0]), abs(current[0])):
                report(line, cid, "ranking",
                       f"churn_probability x value {current[0]:.4f} is above the row before's {previous[0]:.4f}")
        else:
            current = (number(row.get("loyal_candidate_probability")) or 0.0, value)
            if previous and current[0] > previous[0] + 1e-9:
                report(line, cid, "ranking", f"loyal_candidate_probability {current[0]:.6f} is above the row "
                       f"before's {previous[0]:.6f}")
            elif previous and abs(current[0] - previous[0]) <= 1e-9 and current[1] > previous[1] + 1e-9:
                report(line, cid, "ranking",
                       f"tied probability but value {current[1]:.2f} is above the row before's {previous[1]:.2f}")
        previous = current


def check(args):
    """Reads the inputs and runs every rule: (violations [(line, customer, rule, detail)], summary)."""
    violations = []

    def report(line, customer, rule, detail):
        violations.append((line, customer, rule, detail))

    cl_header, cl_rows = read_csv(args.calllist)
    require(args.calllist, cl_header, ["list", "rank", "customer_id"])
    sc_header, sc_rows = read_csv(args.scores)
    require(args.scores, sc_header, ["customer_id", "as_of"])
    document = {}
    if args.calllist_json:
        try:
            with open(args.calllist_json, encoding="utf-8-sig") as handle:
                document = json.load(handle)
        except (OSError, ValueError) as error:
            raise InputError(f"{args.calllist_json}: cannot read: {error}") from error
    rules = document.get("rules") if isinstance(document, dict) else None
    rules = rules if isinstance(rules, dict) else {}
    retention_rules = rules.get("retention") if isinstance(rules.get("retention"), dict) else {}
    ranked_by_baseline = retention_rules.get("rankedBy") == "baseline"

    scores = {customer_key(row["customer_id"]): row for _, row in sc_rows}
    as_of_counts = Counter(row["as_of"][:10] for _, row in sc_rows)
    common_as_of = as_of_counts.most_common(1)[0][0] if as_of_counts else "9999-12-31"
    floors = floors_for(args, rules, sc_rows, report)

    checked, skipped_control = {lst: [] for lst in LISTS}, 0
    for line, row in cl_rows:
        if row.get("group", "").lower() not in ("", "call"):
            skipped_control += 1
        elif LIST_NAMES.get(row["list"].strip().lower()) in LISTS:
            checked[LIST_NAMES[row["list"].strip().lower()]].append((line, row))
        else:
            report(line, row["customer_id"], "ranking", f"unknown list {row['list']!r}")
    wanted = {customer_key(row["customer_id"]) for rows in checked.values() for _, row in rows}
    orders, order_info = read_orders(args.orders, wanted)

    seen = {}
    for lst in LISTS:
        for line, row in checked[lst]:
            score = scores.get(customer_key(row["customer_id"]))
            as_of = score["as_of"][:10] if score else common_as_of
            check_row(lst, line, row, score, orders, as_of, floors[lst][0], seen, args, report)
        check_ranking(lst, checked[lst], "group" in cl_header, lst == "retention" and ranked_by_baseline, report, scores)

    violations.sort(key=lambda v: v[0])
    counts = Counter(v[2] for v in violations)
    optional = ["churn_probability", "loyal_candidate_probability", "risk", "value", "is_loyal",
                "reason_code_1", "reason_code_2", "reason_code_3", "action", "action_code"]
    summary = {
        "calllist": args.calllist, "rows_checked": {lst: len(checked[lst]) for lst in LISTS},
        "rows_skipped_control": skipped_control, "as_of": common_as_of,
        "floors": {lst: {"value": floors[lst][0], "source": floors[lst][1]} for lst in LISTS},
        "retention_ranked_by_baseline": ranked_by_baseline, "orders": order_info,
        "missing_calllist_columns": [name for name in optional if name not in cl_header],
        "violations": {rule: counts.get(rule, 0) for rule in RULES},
        "total_violations": len(violations), "ok": not violations,
    }
    return violations, summary


def print_summary(summary):
    """The human-readable summary printed after the violation lines."""
    rows, info = summary["rows_checked"], summary["orders"]
    print(f"checked {summary['calllist']}: retention {rows['retention']} rows, upgrade {rows['upgrade']} rows"
          f" ({summary['rows_skipped_control']} control rows skipped); as of {summary['as_of']}")
    for lst in LISTS:
        floor = summary["floors"][lst]
        shown = "unknown" if floor["value"] is None else f"{floor['value']:.6f}"
        print(f"  {lst} floor: {TARGET[lst]}_probability >= {shown} ({floor['source']})")
    print(f"  orders: {info['layout']} layout, {info['lines']} lines, {info['guest_lines']} guest lines, "
          f"{info['bad_lines']} unreadable lines of called customers skipped")
    if summary["missing_calllist_columns"]:
        print(f"  call list lacks column(s): {', '.join(summary['missing_calllist_columns'])} (read as empty)")
    print("violations: " + ", ".join(f"{rule} {n}" for rule, n in summary["violations"].items()))
    print("OK: no violations" if summary["ok"] else f"FAIL: {summary['total_violations']} violation(s)")


def main(argv=None):
    """Command-line entry point; returns the exit code (0 no violation, 1 violations, 2 unreadable input)."""
    parser = argparse.ArgumentParser(description="Check a `loyalty calllist` call list against its inputs.")
    parser.add_argument("--calllist", required=True, help="calllist.csv (UTF-8, UTF-8 with BOM, or CP932)")
    parser.add_argument("--scores", required=True, help="scores.csv written by `loyalty score`")
    parser.add_argument("--orders", required=True, help="orders CSV or .csv.gz (sample or Online Retail layout)")
    parser.add_argument("--calllist-json", help="calllist.json: floors and rankedBy are read from it")
    parser.add_argument("--min-churn-probability", type=float, help="retention floor (default: mean of scores)")
    parser.add_argument("--min-loyal-candidate-probability", type=float, help="upgrade floor (default: mean)")
    parser.add_argument("--json", action="store_true", help="print the summary as one JSON object (with the "
                        "violations listed in it; the violation lines then go to stderr)")
    args = parser.parse_args(argv)
    try:
        violations, summary = check(args)
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    stream = sys.stderr if args.json else sys.stdout
    for line, customer, rule, detail in violations:
        where = f"{args.calllist}:{line}: customer {customer}" if line else args.calllist_json
        print(f"{where}: rule {rule}: {detail}", file=stream)
    if args.json:
        summary["violation_list"] = [dict(zip(("line", "customer", "rule", "detail"), v)) for v in violations]
        print(json.dumps(summary, ensure_ascii=False, sort_keys=True))
    else:
        print_summary(summary)
    return 1 if violations else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # e.g. piped into `head`
        sys.stderr.close()
        sys.exit(1)
