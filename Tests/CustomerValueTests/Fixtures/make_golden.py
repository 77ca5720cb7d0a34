"""Reference values for the CustomerValue tests, from lifetimes 0.11.3 and scipy.

Run from the repository root: python3 Tests/CustomerValueTests/Fixtures/make_golden.py
Writes cdnow_customers_summary.csv (the CDNOW calibration summary lifetimes ships: 2,357 customers,
calibration through 1997-09-30, time in weeks) and golden.json beside this script.
"""
import json
import os

import numpy as np
from scipy.special import gammaln, hyp2f1
from lifetimes import BetaGeoFitter, GammaGammaFitter, ParetoNBDFitter
from lifetimes.datasets import load_cdnow_summary_data_with_monetary_value

here = os.path.dirname(os.path.abspath(__file__))
data = load_cdnow_summary_data_with_monetary_value()
data.index.name = "customer_id"
data[["frequency", "recency", "T", "monetary_value"]].to_csv(os.path.join(here, "cdnow_customers_summary.csv"))
x, tx, T, m = data["frequency"], data["recency"], data["T"], data["monetary_value"]
golden = {}

cases = []
for a, b, c, z in [(1, 1, 2, 0.5), (0.5, 1.5, 2.5, 0.25), (2.5, 3.5, 1.5, 0.1), (1.2, 0.7, 3.1, 0.9),
                   (1.2, 0.7, 3.1, 0.99), (0.3, 0.4, 2.0, 0.999), (2.0, 3.0, 4.0, -0.5), (2.0, 3.0, 4.0, -2.0),
                   (1.5, 0.5, 3.0, -10.0), (0.7, 1.3, 2.2, -100.0), (50, 60, 120, 0.5), (300, 2, 310, 0.3),
                   (120, 150, 200, -0.4), (0.25, 2.5, 3.0, 0.7), (3.0, 1.0, 3.5, 0.95)]:
    cases.append((a, b, c, z))
for r, s in [(0.5533, 0.6062)]:
    for freq in [0, 1, 5, 30, 100]:
        for z in [0.01, 0.3, 0.7, 0.95]:
            cases.append((r + s + freq, s + 1, r + s + freq + 1, z))
            cases.append((r + s + freq, r + freq, r + s + freq + 1, z))
golden["hyp2f1"] = [{"a": a, "b": b, "c": c, "z": z, "value": float(hyp2f1(a, b, c, z))}
                    for a, b, c, z in cases if np.isfinite(hyp2f1(a, b, c, z)) and hyp2f1(a, b, c, z) > 0]

def bgnbd_ll(r, alpha, a, b):
    """Fader, Hardie and Lee (2005), in log space (the same expression lifetimes minimises)."""
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    a3 = -(r + x) * np.log(alpha + T)
    a4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(alpha + tx), -np.inf)
    return float(np.sum(a1 + a2 + np.logaddexp(a3, a4)))

def pareto_ll(r, alpha, s, beta):
    """Fader and Hardie's 2005 note, with scipy's hyp2f1 (lifetimes' _log_A_0)."""
    if alpha >= beta:
        big, upper = alpha, s + 1
    else:
        big, upper = beta, r + x
    rsx = r + s + x
    d = abs(alpha - beta)
    f1 = np.log(hyp2f1(rsx, upper, rsx + 1, d / (big + tx))) - rsx * np.log(big + tx)
    f2 = np.log(hyp2f1(rsx, upper, rsx + 1, d / (big + T))) - rsx * np.log(big + T)
    with np.errstate(divide="ignore"):
        log_a0 = f1 + np.log1p(-np.exp(f2 - f1))
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha) + s * np.log(beta)
    a2 = np.logaddexp(-(r + x) * np.log(alpha + T) - s * np.log(beta + T), np.log(s) + log_a0 - np.log(rsx))
    return float(np.sum(a1 + a2))

def gamma_gamma_ll(p, q, v):
    """Fader, Hardie and Lee (2005), "RFM and CLV", on customers with a repeat purchase."""
    fx, mx = repeat["frequency"], repeat["monetary_value"]
    return float(np.sum(gammaln(p * fx + q) - gammaln(p * fx) - gammaln(q) + q * np.log(v) + (p * fx - 1) * np.log(mx)
                        + p * fx * np.log(fx) - (p * fx + q) * np.log(fx * mx + v)))

repeat = data[data["frequency"] > 0]

# lifetimes' own _negative_log_likelihood_ is a mean on rescaled data, not the log-likelihood: the
# log-likelihoods here are the papers' formulas at lifetimes' parameters (BG/NBD gives the published -9582.43).

def errors(fitter, names, lifetimes_names):
    se = fitter.summary["se(coef)"]
    return {n: float(se[l]) for n, l in zip(names, lifetimes_names)}

bgf = BetaGeoFitter(penalizer_coef=0.0).fit(x, tx, T)
golden["bgnbd"] = {
    "parameters": {k: float(bgf.params_[k]) for k in ["r", "alpha", "a", "b"]},
    "standardErrors": errors(bgf, ["r", "alpha", "a", "b"], ["r", "alpha", "a", "b"]),
    "logLikelihood": bgnbd_ll(*[bgf.params_[k] for k in ["r", "alpha", "a", "b"]]),
    "probabilityAlive": [float(v) for v in bgf.conditional_probability_alive(x, tx, T)],
    "expectedPurchases52": [float(v) for v in bgf.conditional_expected_number_of_purchases_up_to_time(52, x, tx, T)],
    "expectedPurchasesNew52": float(bgf.expected_number_of_purchases_up_to_time(52)),
    "logLikelihoodAtFixed": bgnbd_ll(0.25, 4.0, 0.8, 2.5),
}
# The log-likelihood formula above reproduces lifetimes' own at its fit:

pnbd = ParetoNBDFitter(penalizer_coef=0.0).fit(x, tx, T)
golden["paretonbd"] = {
    "parameters": {k: float(pnbd.params_[k]) for k in ["r", "alpha", "s", "beta"]},
    "logLikelihood": pareto_ll(*[pnbd.params_[k] for k in ["r", "alpha", "s", "beta"]]),
    "probabilityAlive": [float(v) for v in pnbd.conditional_probability_alive(x, tx, T)],
    "expectedPurchases52": [float(v) for v in pnbd.conditional_expected_number_of_purchases_up_to_time(52, x, tx, T)],
    "logLikelihoodAtFixed": pareto_ll(0.55, 10.5, 0.6, 11.7),
}

ggf = GammaGammaFitter(penalizer_coef=0.0).fit(repeat["frequency"], repeat["monetary_value"])
golden["gammagamma"] = {
    "parameters": {"p": float(ggf.params_["p"]), "q": float(ggf.params_["q"]), "gamma": float(ggf.params_["v"])},
    "standardErrors": errors(ggf, ["p", "q", "gamma"], ["p", "q", "v"]),
    "logLikelihood": gamma_gamma_ll(ggf.params_["p"], ggf.params_["q"], ggf.params_["v"]),
    "expectedOrderValue": [float(v) for v in ggf.conditional_expected_average_profit(x, m)],
    "customerLifetimeValue12": [float(v) for v in ggf.customer_lifetime_value(bgf, x, tx, T, m, time=12, discount_rate=0.01, freq="W")],
}
golden["clvDefinition"] = ("lifetimes' customer_lifetime_value(time=12, discount_rate=0.01, freq='W'): for i = 1..12 months of "
                           "4.345 weeks, (E[N(4.345 i)] - E[N(4.345 (i - 1))]) x expected order value / 1.01^i, summed.")
with open(os.path.join(here, "golden.json"), "w") as f:
    json.dump(golden, f, sort_keys=True, indent=1)
print("bgnbd", golden["bgnbd"]["parameters"], golden["bgnbd"]["logLikelihood"])
print("paretonbd", golden["paretonbd"]["parameters"], golden["paretonbd"]["logLikelihood"])
print("gammagamma", golden["gammagamma"]["parameters"])
