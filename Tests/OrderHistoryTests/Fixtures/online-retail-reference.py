#!/usr/bin/env python3
"""Golden counts for the UCI Online Retail file, computed with pandas.

Writes online-retail-reference.json beside this script; OrderReaderTests reads it.
Usage: python3 online-retail-reference.py [path/to/online-retail.csv.gz]
(default: ../shared/datasets/online-retail.csv.gz relative to the project root)

Every column is read as a string (dtype=str, keep_default_na=False), so nothing is reinterpreted.
Definitions follow the OrderReader:
  - a row is a guest row when CustomerID is empty, a customer row otherwise;
  - an order is one InvoiceNo; a customer order is an InvoiceNo among customer rows, its amount
    (Quantity * UnitPrice) summed over its lines;
  - a row or order is a return when its InvoiceNo is "C" or "c" followed by a digit (C536379) or its
    (summed) amount is negative;
  - dates are the yyyy-MM-dd part of InvoiceDate.
The script then checks the published counts (541,909 rows, 25,900 invoices, 4,372 customers, 135,080
guest rows) and prints anything in the data a reader might trip on.
"""
import json
import math
import os
import sys

import pandas as pd

here = os.path.dirname(os.path.abspath(__file__))
default = os.path.join(here, "..", "..", "..", "..", "shared", "datasets", "online-retail.csv.gz")
path = sys.argv[1] if len(sys.argv) > 1 else default

df = pd.read_csv(path, dtype=str, keep_default_na=False)
df["amount"] = df["Quantity"].astype(float) * df["UnitPrice"].astype(float)
df["day"] = df["InvoiceDate"].str.slice(0, 10)
df["cancelled"] = df["InvoiceNo"].str.match(r"^[Cc][0-9]")  # as OrderReader: C or c followed by a digit
has_customer = df["CustomerID"] != ""
customers = df[has_customer]
guests = df[~has_customer]

# Customer orders, as specified: grouped by InvoiceNo over the customer rows.
orders = customers.groupby("InvoiceNo", sort=False).agg(
    amount=("amount", "sum"), cancelled=("cancelled", "any"), day=("day", "min"),
    customer=("CustomerID", "first"))
# The same per (customer, invoice): what per-customer figures are built from. Identical to the above
# as long as no invoice carries two customers (checked below as multiCustomerTimeline).
customer_orders = customers.groupby(["CustomerID", "InvoiceNo"], sort=False).agg(
    amount=("amount", "sum"), day=("day", "min"))
invoice_customers = customers.groupby("InvoiceNo")["CustomerID"].nunique()
per_customer = customer_orders.groupby(level=0).agg(orders=("amount", "size"), amount=("amount", "sum"))
top = per_customer.reset_index().sort_values(["orders", "CustomerID"], ascending=[False, True]).head(5)
c17850 = customer_orders.loc["17850"]

reference = {
    "rows": int(len(df)),
    "orders": int(df["InvoiceNo"].nunique()),
    "customers": int(customers["CustomerID"].nunique()),
    "guestRows": int(len(guests)),
    "customerRows": int(len(customers)),
    "customerOrders": int(len(orders)),
    "guestOrders": int(guests["InvoiceNo"].nunique()),
    "mixedOrders": int(len(set(guests["InvoiceNo"]) & set(customers["InvoiceNo"]))),
    "multiCustomerTimeline": int((invoice_customers > 1).sum()),
    "returnRows": int((customers["cancelled"] | (customers["amount"] < 0)).sum()),
    "returnOrders": int((orders["cancelled"] | (orders["amount"] < 0)).sum()),
    "totalAmount": float(customers["amount"].sum()),
    "guestAmount": float(guests["amount"].sum()),
    "firstDate": df["day"].min(),
    "lastDate": df["day"].max(),
    "customerFirstDate": customers["day"].min(),
    "customerLastDate": customers["day"].max(),
    "ordersPerCustomerTop": [
        {"customer": r.CustomerID, "orders": int(r.orders), "amount": float(r.amount)} for r in top.itertuples()
    ],
    "customer17850": {
        "orders": int(len(c17850)),
        "amount": float(c17850["amount"].sum()),
        "firstDate": c17850["day"].min(),
        "lastDate": c17850["day"].max(),
    },
}
with open(os.path.join(here, "online-retail-reference.json"), "w") as out:
    json.dump(reference, out, indent=2, sort_keys=True)
    out.write("\n")
print(json.dumps(reference, indent=2, sort_keys=True))

# ---- checks: the published counts, and anything surprising -------------------------------------
problems = []
for key, expected in [("rows", 541909), ("orders", 25900), ("customers", 4372), ("guestRows", 135080)]:
    if reference[key] != expected:
        problems.append(f"{key} = {reference[key]}, expected {expected}")
if reference["customerRows"] + reference["guestRows"] != reference["rows"]:
    problems.append("customerRows + guestRows != rows")
if len(customer_orders) != len(orders):
    problems.append(f"{len(customer_orders)} (customer, invoice) pairs but {len(orders)} customer invoices")

notes = []
def note(condition, text):
    if condition:
        notes.append(text)

ids = customers["CustomerID"]
odd_ids = ids[~ids.str.fullmatch(r"[0-9]+")]
note(len(odd_ids), f"{len(odd_ids)} CustomerID values are not plain integers, e.g. {odd_ids.unique()[:5].tolist()}")
note((df["CustomerID"].str.strip() != df["CustomerID"]).sum(), "some CustomerID values carry spaces")
shapes = df["InvoiceNo"].str.replace(r"[0-9]", "9", regex=True).value_counts()
note(len(shapes) > 1, "InvoiceNo shapes: " + ", ".join(f"{s} x{n:,}" for s, n in shapes.items()))
odd_invoices = df[~df["InvoiceNo"].str.fullmatch(r"C?[0-9]+")]
note(len(odd_invoices), f"{len(odd_invoices)} rows have an InvoiceNo that is neither digits nor C+digits: "
     + "; ".join(f"{r.InvoiceNo} qty {r.Quantity} price {r.UnitPrice} customer '{r.CustomerID}' ({r.Description})"
                 for r in odd_invoices.head(5).itertuples()))
dates = df["InvoiceDate"].str.replace(r"[0-9]", "9", regex=True).value_counts()
note(len(dates) > 1 or dates.index[0] != "9999-99-99 99:99:99", f"InvoiceDate shapes: {dates.to_dict()}")
by_invoice = df.groupby("InvoiceNo")
days = by_invoice["day"].nunique()
note((days > 1).sum(), f"{(days > 1).sum()} invoices span several dates")
stamps = by_invoice["InvoiceDate"].nunique()
note((stamps > 1).sum(), f"{(stamps > 1).sum()} invoices span several timestamps (same date: minutes differ)")
countries = by_invoice["Country"].nunique()
note((countries > 1).sum(), f"{(countries > 1).sum()} invoices span several countries")
quantity, price = df["Quantity"].astype(float), df["UnitPrice"].astype(float)
note((quantity != quantity.round()).sum(), f"{(quantity != quantity.round()).sum()} non-integer quantities")
note(True, f"{(quantity < 0).sum():,} rows with negative Quantity ({(df['cancelled']).sum():,} rows on C invoices, "
     f"{(df['cancelled'] & has_customer).sum():,} of them with a CustomerID); "
     f"{(price == 0).sum():,} rows with UnitPrice 0; {(price < 0).sum()} with UnitPrice < 0")
stock_fixes = df[(quantity < 0) & ~df["cancelled"]]
note(len(stock_fixes), f"{len(stock_fixes):,} rows with negative Quantity are not on a C invoice "
     f"({(stock_fixes['CustomerID'] == '').sum():,} guest, {(stock_fixes['UnitPrice'].astype(float) == 0).sum():,} "
     "with UnitPrice 0, so amount -0.0: not a return; descriptions like 'damaged', 'check', empty)")
negative_not_c = df[(df["amount"] < 0) & ~df["cancelled"]]
note(len(negative_not_c), f"{len(negative_not_c)} rows with a negative amount not on a C invoice "
     f"({(negative_not_c['CustomerID'] != '').sum()} with a CustomerID)")
positive_c = df[(df["amount"] > 0) & df["cancelled"]]
note(len(positive_c), f"{len(positive_c)} rows on C invoices with a positive amount")
note(True, f"{df.duplicated(subset=[c for c in df.columns if c not in ('amount', 'day', 'cancelled')]).sum():,} "
     "rows are exact duplicates of an earlier row (kept; they are real line items)")
note((df["Description"] == "").sum(), f"{(df['Description'] == '').sum():,} rows have an empty Description")
moved = customers.groupby("CustomerID")["Country"].nunique()
note((moved > 1).sum(), f"{(moved > 1).sum()} customers appear under several countries")
exact = math.fsum(customers["amount"])
note(True, f"totalAmount: pandas sum {reference['totalAmount']!r}, exact (fsum) {exact!r}, "
     f"difference {reference['totalAmount'] - exact:.3g}")

print("\nNotes on the data:", file=sys.stderr)
for line in notes:
    print("  - " + line, file=sys.stderr)
if problems:
    print("\nUNEXPECTED:", file=sys.stderr)
    for line in problems:
        print("  - " + line, file=sys.stderr)
    sys.exit(1)
print("\nAll published counts hold.", file=sys.stderr)
