"""Reference values for agreement between coders, for monev-stats:

    python3 reference/agreement_fixtures.py > crates/stats/tests/fixtures/agreement.json

Cohen's κ with its asymptotic variance from statsmodels (`cohens_kappa`),
Krippendorff's α (nominal, missing values allowed) from the `krippendorff`
package. Cases: hand-made ones with known answers, the textbook example of
Krippendorff (2011, "Computing Krippendorff's alpha-reliability", α = 0.743
for nominal data with missing values), and random codings.
"""
import json

import krippendorff
import numpy as np
import statsmodels
from statsmodels.stats.inter_rater import cohens_kappa

rng = np.random.default_rng(20261129)


def kappa_case(a, b):
    cats = sorted(set(a) | set(b))
    idx = {c: i for i, c in enumerate(cats)}
    table = np.zeros((len(cats), len(cats)))
    for x, y in zip(a, b):
        table[idx[x], idx[y]] += 1
    r = cohens_kappa(table, return_results=True)
    return {"a": a, "b": b, "kappa": float(r.kappa), "se": float(r.std_kappa),
            "lo": float(r.kappa_low), "hi": float(r.kappa_upp)}


kappa = [
    kappa_case([0, 1, 1, 0, 1, 0, 0, 1, 1, 1], [0, 1, 0, 0, 1, 0, 1, 1, 1, 1]),
    kappa_case([1, 1, 1, 2, 2, 3, 3, 3, 1, 2, 3, 1], [1, 1, 2, 2, 2, 3, 3, 1, 1, 2, 3, 3]),
]
for n, k, agree in [(40, 2, 0.8), (120, 2, 0.9), (75, 4, 0.6), (300, 3, 0.5)]:
    a = rng.integers(0, k, n)
    b = np.where(rng.uniform(size=n) < agree, a, rng.integers(0, k, n))
    kappa.append(kappa_case(a.tolist(), b.tolist()))

# Krippendorff (2011), p. 3: 4 coders × 12 units, nominal, missing as None.
textbook = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]


def alpha_case(data):
    arr = np.array([[np.nan if v is None else v for v in row] for row in data], dtype=float)
    return {"data": data, "alpha": float(krippendorff.alpha(reliability_data=arr, level_of_measurement="nominal"))}


alpha = [alpha_case(textbook)]
for coders, units, agree, missing in [(2, 30, 0.85, 0.0), (3, 50, 0.7, 0.1), (5, 80, 0.6, 0.2), (2, 200, 0.95, 0.05)]:
    truth = rng.integers(0, 2, units)
    data = []
    for _ in range(coders):
        row = np.where(rng.uniform(size=units) < agree, truth, rng.integers(0, 2, units))
        data.append([None if rng.uniform() < missing else int(v) for v in row])
    alpha.append(alpha_case(data))

print(json.dumps({
    "generator": f"statsmodels {statsmodels.__version__}, krippendorff {krippendorff.__version__ if hasattr(krippendorff, '__version__') else '0.9.0'}, numpy {np.__version__}",
    "kappa": kappa,
    "alpha": alpha,
}, indent=1))
