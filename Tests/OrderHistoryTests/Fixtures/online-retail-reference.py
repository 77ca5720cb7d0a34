#!/usr/bin/env python3
"""Golden counts for the UCI Online Retail file, computed with pandas.

Writes online-retail-reference.json beside this script; OrderReaderTests reads it.
Usage: python3 online-retail-reference.py [path/to/online-retail.csv.gz]
Definitions follow the OrderReader: a row is a guest row when CustomerID is empty; an order is one
InvoiceNo (per customer); a row or order is a return when its InvoiceNo starts with "C" or its amount
(Quantity * UnitPrice, summed over the order's lines) is negative.
"""
import json
import os
import sys

import pandas as pd

here = os.path.dirname(os.path.abspath(__file__))
default = os.path.join(here, "..", "..", "..", "..", "shared", "datasets", "online-retail.csv.gz")
path = sys.argv[1] if len(sys.argv) > 1 else default

df = pd.read_csv(path, dtype=str, keep_default_na=False)
df["amount"] = df["Quantity"].astype(float) * df["UnitPrice"].astype(float)
df["day"] = df["InvoiceDate"].str.slice(0, 10)
df["cancelled"] = df["InvoiceNo"].str.match(r"^[Cc][0-9]")
has_customer = df["CustomerID"].str.strip() != ""
customers = df[has_customer].copy()
guests = df[~has_customer]

orders = customers.groupby(["CustomerID", "InvoiceNo"], sort=False).agg(
    amount=("amount", "sum"), cancelled=("cancelled", "any"), day=("day", "min"))
invoice_customers = customers.groupby("InvoiceNo")["CustomerID"].nunique()
per_customer = orders.groupby(level=0).agg(orders=("amount", "size"), amount=("amount", "sum"))
top = per_customer.reset_index().sort_values(["orders", "CustomerID"], ascending=[False, True]).head(5)
c17850 = orders.loc["17850"]

reference = {
    "rows": int(len(df)),
    "orders": int(df["InvoiceNo"].nunique()),
    "customers": int(customers["CustomerID"].nunique()),
    "guestRows": int(len(guests)),
    "customerRows": int(len(customers)),
    "customerOrders": int(len(orders)),
    "guestOrders": int(guests["InvoiceNo"].nunique()),
    "mixedOrders": int(len(set(guests["InvoiceNo"]) & set(customers["InvoiceNo"]))),
    "multiCustomerOrders": int((invoice_customers > 1).sum()),
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
