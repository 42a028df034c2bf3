"""Reference vectors for crates/stats, computed by scipy/numpy.

Run:  pip install -r reference/requirements.txt
      python3 reference/stats_fixtures.py > crates/stats/tests/fixtures/scipy.json
The output is committed, so `cargo test` needs no Python.
"""
import json
import warnings

import numpy as np
import scipy
from scipy import stats

warnings.simplefilter("ignore")
rng = np.random.default_rng(20260301)


def num(v):
    v = float(v)
    return v if np.isfinite(v) else None


def pairs():
    """(name, before, after) covering ties, zeros, tiny and large n, constant data."""
    out = []
    for n in [2, 3, 5, 8, 12, 20, 30, 50, 51, 80, 200, 1000]:
        pre = rng.normal(60, 12, n).round(1)
        post = pre + rng.normal(5, 8, n).round(1)
        out.append((f"continuous_n{n}", pre, post))
        # integer test scores: many ties, some zero differences
        pre_i = rng.integers(30, 90, n).astype(float)
        post_i = np.clip(pre_i + rng.integers(-10, 25, n), 0, 100).astype(float)
        out.append((f"integer_scores_n{n}", pre_i, post_i))
        # ties but no zeros: exact path with non-integral R+
        d = rng.choice([-3.0, -1.0, 1.0, 2.0, 2.0, 4.0], n)
        out.append((f"ties_no_zero_n{n}", np.full(n, 50.0), 50.0 + d))
    out.append(("all_up_n6", np.arange(6.0), np.arange(6.0) + np.arange(1.0, 7.0)))
    out.append(("constant_shift", np.arange(10.0), np.arange(10.0) + 3.0))
    out.append(("one_zero_n10", np.arange(10.0), np.arange(10.0) + np.array([0, 1, -2, 3, 4, 5, -6, 7, 8, 9.0])))
    out.append(("negative_effect_n25", rng.normal(70, 5, 25), rng.normal(66, 5, 25)))
    return out


cases = []
for name, pre, post in pairs():
    tt = stats.ttest_rel(post, pre)
    d = post - pre
    case = {
        "name": name,
        "before": pre.tolist(),
        "after": post.tolist(),
        "t": num(tt.statistic),
        "df": num(len(d) - 1),
        "p": num(tt.pvalue),
        "mean_diff": num(d.mean()),
        "sd_diff": num(d.std(ddof=1)) if len(d) > 1 else None,
        "cohen_dz": num(d.mean() / d.std(ddof=1)) if len(d) > 1 and d.std(ddof=1) > 0 else None,
    }
    if np.any(d != 0):
        w = stats.wilcoxon(post, pre)
        case["wilcoxon_statistic"] = num(w.statistic)
        case["wilcoxon_p"] = num(w.pvalue)
    else:
        case["wilcoxon_statistic"] = None
        case["wilcoxon_p"] = None
    cases.append(case)

quantiles = []
for n in [1, 2, 3, 7, 10, 101, 1000]:
    x = rng.exponential(12.0, n).round(2)
    quantiles.append({
        "x": x.tolist(),
        "p": [0.0, 0.1, 0.25, 0.5, 0.9, 1.0],
        "q": [float(np.quantile(x, p)) for p in [0.0, 0.1, 0.25, 0.5, 0.9, 1.0]],
        "mean": float(x.mean()),
        "sd": num(x.std(ddof=1)) if n > 1 else None,
    })

t_sf = []
for df in [1, 2, 5, 9.5, 30, 1000]:
    for t in [0.0, 0.5, 1.96, 3.0, 8.0]:
        t_sf.append({"t": t, "df": df, "p": float(2 * stats.t.sf(t, df)), "q975": float(stats.t.ppf(0.975, df))})

print(json.dumps({
    "generator": f"scipy {scipy.__version__}, numpy {np.__version__}",
    "paired": cases,
    "quantiles": quantiles,
    "t_two_sided": t_sf,
}, indent=1))
