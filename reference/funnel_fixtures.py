"""Reference limits for crates/stats/src/funnel.rs (Spiegelhalter 2005),
computed by scipy:

    pip install -r reference/requirements.txt
    python3 reference/funnel_fixtures.py > crates/stats/tests/fixtures/funnel.json

Binomial limits by the paper's appendix: r_p = binom.ppf(p, n, theta),
alpha = (F(r_p) - p) / (F(r_p) - F(r_p - 1)), limit = (r_p - alpha) / n,
held to [0, 1].
Normal limits: theta +/- norm.ppf(1 - (1 - coverage) / 2) * sd / sqrt(n).
The output is committed, so `cargo test` needs no Python.
"""
import json

import numpy as np
from scipy import stats


def binomial_limit(p, n, theta):
    r = stats.binom.ppf(p, n, theta)
    f = stats.binom.cdf(r, n, theta)
    f_below = stats.binom.cdf(r - 1, n, theta)
    alpha = (f - p) / (f - f_below) if f > f_below else 0.0
    # A proportion's limit stays in [0, 1] (the formula dips below 0 at r_p = 0).
    return float(min(1.0, max(0.0, (r - alpha) / n)))


binomial = []
for theta in [0.02, 0.3, 0.5, 0.78, 0.97]:
    for n in [1, 5, 20, 57, 200, 1000, 12345, 250000]:
        for coverage in [0.95, 0.998]:
            tail = (1 - coverage) / 2
            binomial.append({
                "theta": theta,
                "n": n,
                "coverage": coverage,
                "r_lower": int(stats.binom.ppf(tail, n, theta)),
                "lower": binomial_limit(tail, n, theta),
                "upper": binomial_limit(1 - tail, n, theta),
            })

normal = []
for theta, sd in [(82.4, 11.7), (23.5, 14.2), (0.0, 1.0)]:
    for n in [1, 3, 30, 417, 10000]:
        for coverage in [0.95, 0.998]:
            z = stats.norm.ppf(1 - (1 - coverage) / 2)
            normal.append({
                "theta": theta,
                "sd": sd,
                "n": n,
                "coverage": coverage,
                "lower": float(theta - z * sd / np.sqrt(n)),
                "upper": float(theta + z * sd / np.sqrt(n)),
            })

print(json.dumps({"binomial": binomial, "normal": normal}, indent=1))
