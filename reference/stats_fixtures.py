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
        "mean_ci_lo": num(stats.t.interval(0.95, len(d) - 1, loc=d.mean(), scale=stats.sem(d))[0]) if len(d) > 1 else None,
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

# ── distributions ───────────────────────────────────────────────────────────
dists = {
    "norm": [{"x": x, "cdf": stats.norm.cdf(x), "sf": stats.norm.sf(x)} for x in [-8, -3, -1.96, 0, 0.5, 2.5, 6]],
    "norm_ppf": [{"p": p, "q": stats.norm.ppf(p)} for p in [1e-10, 0.001, 0.025, 0.5, 0.9, 0.975, 0.999999]],
    "t": [{"x": x, "df": df, "cdf": stats.t.cdf(x, df), "sf": stats.t.sf(x, df)}
          for df in [1, 3, 9.5, 29, 200] for x in [-6, -2, 0, 0.7, 2.1, 12]],
    "t_ppf": [{"p": p, "df": df, "q": stats.t.ppf(p, df)} for df in [1, 2, 5, 9, 30, 1000] for p in [0.001, 0.05, 0.5, 0.975, 0.9995]],
    "chi2": [{"x": x, "df": df, "sf": stats.chi2.sf(x, df), "ppf95": stats.chi2.ppf(0.95, df)}
             for df in [1, 2, 4, 9, 30] for x in [0.001, 0.5, 3.84, 10, 60]],
    "f": [{"x": x, "d1": d1, "d2": d2, "sf": stats.f.sf(x, d1, d2), "ppf95": stats.f.ppf(0.95, d1, d2)}
          for d1, d2 in [(1, 10), (2, 30), (5, 5), (12, 200)] for x in [0.1, 1, 3.5, 20]],
}

# ── two independent samples ─────────────────────────────────────────────────
def two_sample_cases():
    out = []
    for n1, n2 in [(2, 2), (3, 5), (5, 8), (8, 8), (7, 30), (9, 9), (20, 35), (60, 45), (400, 600)]:
        a = rng.normal(50, 10, n1).round(1)
        b = rng.normal(46, 13, n2).round(1)
        out.append((f"normal_{n1}_{n2}", a, b))
        ai = rng.integers(1, 6, n1).astype(float)
        bi = rng.integers(1, 5, n2).astype(float)
        out.append((f"likert_ties_{n1}_{n2}", ai, bi))
    out.append(("separated", np.arange(1.0, 6.0), np.arange(10.0, 14.0)))
    out.append(("identical_values", np.array([3.0, 3, 3, 3]), np.array([3.0, 3, 3])))
    return out


def hedges_j(df):
    from scipy.special import gammaln
    return float(np.exp(gammaln(df / 2) - gammaln((df - 1) / 2)) / np.sqrt(df / 2))


two = []
for name, a, b in two_sample_cases():
    st = stats.ttest_ind(a, b)
    we = stats.ttest_ind(a, b, equal_var=False)
    mw = stats.mannwhitneyu(a, b)
    n1, n2 = len(a), len(b)
    sp = np.sqrt(((n1 - 1) * a.var(ddof=1) + (n2 - 1) * b.var(ddof=1)) / (n1 + n2 - 2))
    d = (a.mean() - b.mean()) / sp if sp > 0 else float("nan")
    g = hedges_j(n1 + n2 - 2) * d
    two.append({
        "name": name, "a": a.tolist(), "b": b.tolist(),
        "student_t": num(st.statistic), "student_p": num(st.pvalue),
        "welch_t": num(we.statistic), "welch_p": num(we.pvalue), "welch_df": num(we.df),
        "mwu_u1": num(mw.statistic), "mwu_p": num(mw.pvalue),
        "cohen_d": num(d), "hedges_g": num(g),
        # Hedges & Olkin normal-approximation SE (formula, not a library)
        "cohen_d_se": num(np.sqrt((n1 + n2) / (n1 * n2) + d * d / (2 * (n1 + n2)))),
    })

one = []
for n in [2, 3, 10, 50, 1000]:
    x = rng.normal(3.2, 0.8, n).round(2)
    r = stats.ttest_1samp(x, 3.0)
    lo, hi = stats.t.interval(0.95, n - 1, loc=x.mean(), scale=stats.sem(x))
    one.append({"x": x.tolist(), "mu": 3.0, "t": num(r.statistic), "p": num(r.pvalue), "ci_lo": num(lo), "ci_hi": num(hi)})

# ── correlation ─────────────────────────────────────────────────────────────
corr = []
for n in [3, 5, 12, 40, 1000]:
    x = rng.normal(0, 1, n)
    y = 0.4 * x + rng.normal(0, 1, n)
    xi = rng.integers(1, 5, n).astype(float)
    yi = np.clip(xi + rng.integers(-1, 2, n), 1, 4).astype(float)
    for kind, (u, v) in {"cont": (x, y), "ties": (xi, yi)}.items():
        pr = stats.pearsonr(u, v)
        sr = stats.spearmanr(u, v)
        corr.append({"kind": kind, "x": u.tolist(), "y": v.tolist(), "pearson_r": num(pr.statistic),
                     "pearson_p": num(pr.pvalue), "spearman_r": num(sr.statistic), "spearman_p": num(sr.pvalue)})

# ── contingency tables ──────────────────────────────────────────────────────
tables = []
for t in [[[12, 5], [7, 15]], [[3, 1], [1, 3]], [[40, 10], [10, 40]], [[0, 5], [6, 2]],
          [[10, 20, 30], [20, 20, 10]], [[5, 8, 2, 9], [4, 4, 10, 1], [7, 3, 3, 6]], [[100, 90], [95, 105]]]:
    c = stats.chi2_contingency(np.array(t))
    entry = {"table": t, "chi2": float(c.statistic), "p": float(c.pvalue), "dof": int(c.dof)}
    if len(t) == 2 and len(t[0]) == 2:
        f = stats.fisher_exact(np.array(t))
        entry["fisher_p"] = float(f.pvalue)
        entry["odds_ratio"] = num(f.statistic)
    tables.append(entry)

# ── reliability (formulas in numpy; r-table from scipy's t quantile) ────────
reliab = []
for n, k in [(30, 5), (12, 10), (200, 9)]:
    trait = rng.normal(0, 1, n)
    items = np.clip(np.round(3 + trait[:, None] * rng.uniform(0.2, 1.0, k) + rng.normal(0, 0.8, (n, k))), 1, 5)
    var_items = items.var(axis=0, ddof=1).sum()
    total = items.sum(axis=1)
    alpha = k / (k - 1) * (1 - var_items / total.var(ddof=1))
    r_it, a_del = [], []
    for i in range(k):
        rest = np.delete(items, i, axis=1)
        r_it.append(float(np.corrcoef(items[:, i], rest.sum(axis=1))[0, 1]))
        a_del.append(float((k - 1) / (k - 2) * (1 - rest.var(axis=0, ddof=1).sum() / rest.sum(axis=1).var(ddof=1))))
    t = stats.t.ppf(0.975, n - 2)
    reliab.append({"rows": items.tolist(), "alpha": float(alpha), "r_item_total": r_it, "alpha_if_deleted": a_del,
                   "r_table": float(t / np.sqrt(n - 2 + t * t))})

# ── multiple comparisons (statsmodels) ──────────────────────────────────────
from statsmodels.stats.multitest import multipletests
multi = []
for p in [[0.01, 0.04, 0.03, 0.005], [0.5, 0.2, 0.049, 0.001, 0.3, 0.04], [0.001], list(rng.uniform(0, 0.2, 25))]:
    multi.append({"p": [float(v) for v in p],
                  "holm": multipletests(p, method="holm")[1].tolist(),
                  "bh": multipletests(p, method="fdr_bh")[1].tolist()})

# ── regression (statsmodels) ────────────────────────────────────────────────
import statsmodels
import statsmodels.api as sm
regs = []
for n, g, k in [(40, 5, 2), (300, 12, 3), (2000, 30, 2)]:
    clusters = rng.integers(0, g, n)
    X = sm.add_constant(rng.normal(size=(n, k)))
    u = rng.normal(0, 1, g)[clusters]
    y = X @ rng.normal(1, 1, k + 1) + u + rng.normal(0, 1 + np.abs(X[:, 1]), n)
    entry = {"x": X.tolist(), "y": y.tolist(), "clusters": clusters.tolist()}
    for name, kw in {"classical": {}, "hc1": {"cov_type": "HC1", "use_t": True},
                     "cluster": {"cov_type": "cluster", "cov_kwds": {"groups": clusters}, "use_t": True}}.items():
        r = sm.OLS(y, X).fit(**kw)
        ci = r.conf_int(0.05)
        entry[name] = {"coef": r.params.tolist(), "se": r.bse.tolist(), "p": r.pvalues.tolist(),
                       "ci_lo": ci[:, 0].tolist(), "ci_hi": ci[:, 1].tolist()}
    regs.append(entry)

# Difference-in-differences on unit-level data, clustered by unit.
did = []
for units, per in [(6, 30), (13, 80), (40, 20)]:
    unit = np.repeat(np.arange(units), per)
    treated = (unit % 2 == 0)
    post = rng.uniform(size=unit.size) < 0.5
    y = 30 + rng.normal(0, 4, units)[unit] + 2 * treated - 1 * post - 6 * (treated & post) + rng.normal(0, 8, unit.size)
    X = np.column_stack([np.ones(unit.size), treated, post, treated & post]).astype(float)
    r = sm.OLS(y, X).fit(cov_type="cluster", cov_kwds={"groups": unit}, use_t=True)
    ci = r.conf_int(0.05)
    did.append({"y": y.tolist(), "treated": treated.tolist(), "post": post.tolist(), "unit": unit.tolist(),
                "estimate": float(r.params[3]), "se": float(r.bse[3]), "p": float(r.pvalues[3]),
                "ci_lo": float(ci[3, 0]), "ci_hi": float(ci[3, 1])})

# ── sample size and power ───────────────────────────────────────────────────
from statsmodels.stats.power import TTestPower
power = []
for dz, n in [(0.2, 30), (0.5, 12), (0.8, 8), (1.2, 5), (0.35, 100)]:
    # Power from scipy's noncentral t (statsmodels' TTestPower.power differs from
    # it, and from direct quadrature, by up to 1.5e-8 at small df); the sample
    # size for 80% power from statsmodels' solver, rounded up.
    tc = stats.t.ppf(0.975, n - 1)
    nc = dz * np.sqrt(n)
    power.append({"dz": dz, "n": n, "power": float(stats.nct.sf(tc, n - 1, nc) + stats.nct.cdf(-tc, n - 1, nc)),
                  "n_for_80": int(np.ceil(TTestPower().solve_power(dz, power=0.8, alpha=0.05)))})
nct = [{"x": x, "df": df, "nc": nc, "cdf": float(stats.nct.cdf(x, df, nc))}
       for x, df, nc in [(2.0, 10, 1.5), (-1.0, 5, 0.5), (3.0, 29, 3.2), (1.96, 100, 0.0), (0.5, 3, 2.0)]]

# ── bootstrap: intervals from given replicates (numpy formulas, checked
#    against scipy's own BCa helper) ─────────────────────────────────────────
from scipy.stats._resampling import _bca_interval
boot = []
for n in [8, 30, 200]:
    x = rng.exponential(10, n).round(1)
    reps = np.array([rng.choice(x, n).mean() for _ in range(2000)])
    theta = x.mean()
    jack = np.array([np.delete(x, i).mean() for i in range(n)])
    z0 = stats.norm.ppf(((reps < theta).sum() + (reps <= theta).sum()) / (2 * len(reps)))
    a = ((jack.mean() - jack) ** 3).sum() / (6 * (((jack.mean() - jack) ** 2).sum()) ** 1.5)
    lv = [stats.norm.cdf(z0 + (z0 + z) / (1 - a * (z0 + z))) for z in stats.norm.ppf([0.025, 0.975])]
    a1, a2 = _bca_interval((x,), np.mean, axis=-1, alpha=0.025, theta_hat_b=reps, batch=None)[:2]
    assert abs(a1 - lv[0]) < 1e-12 and abs(a2 - lv[1]) < 1e-12
    boot.append({"x": x.tolist(), "replicates": reps.tolist(), "jackknife": jack.tolist(),
                 "percentile": [float(np.percentile(reps, 2.5)), float(np.percentile(reps, 97.5))],
                 "bca": [float(np.percentile(reps, 100 * lv[0])), float(np.percentile(reps, 100 * lv[1]))]})

# ── wild cluster bootstrap, Rademacher weights, all 2^G sign patterns,
#    brute force with statsmodels' CR1 fits ──────────────────────────────────
wild = []
for units, per, effect in [(6, 25, -4.0), (8, 15, 0.0)]:
    unit = np.repeat(np.arange(units), per)
    treated = unit % 2 == 0
    post = rng.uniform(size=unit.size) < 0.5
    y = 30 + rng.normal(0, 3, units)[unit] + effect * (treated & post) + rng.normal(0, 6, unit.size)
    X = np.column_stack([np.ones(unit.size), treated, post, treated & post]).astype(float)
    fit = lambda yy: sm.OLS(yy, X).fit(cov_type="cluster", cov_kwds={"groups": unit}, use_t=True)
    full = fit(y)
    r = sm.OLS(y, X[:, :3]).fit()
    yr, er = r.fittedvalues, r.resid
    yu, eu = full.fittedvalues, full.resid
    t_r, t_u = [], []
    for m in range(2 ** units):
        w = np.array([1.0 if (m >> c) & 1 else -1.0 for c in range(units)])[unit]
        t_r.append(fit(yr + w * er).tvalues[3])
        b = fit(yu + w * eu)
        t_u.append((b.params[3] - full.params[3]) / b.bse[3])
    t_obs = full.tvalues[3]
    p = float(np.mean(np.abs(t_r) >= abs(t_obs) * (1 - 1e-12)))
    c = float(np.quantile(np.abs(t_u), 0.95))
    wild.append({"y": y.tolist(), "treated": treated.tolist(), "post": post.tolist(), "unit": unit.tolist(),
                 "estimate": float(full.params[3]), "se": float(full.bse[3]), "p": p,
                 "ci_lo": float(full.params[3] - c * full.bse[3]), "ci_hi": float(full.params[3] + c * full.bse[3])})

print(json.dumps({
    "bootstrap": boot,
    "wild": wild,
    "generator": f"scipy {scipy.__version__}, statsmodels {statsmodels.__version__}, numpy {np.__version__}",
    "paired": cases,
    "quantiles": quantiles,
    "t_two_sided": t_sf,
    "distributions": dists,
    "two_sample": two,
    "one_sample": one,
    "correlation": corr,
    "tables": tables,
    "reliability": reliab,
    "multiple": multi,
    "ols": regs,
    "did": did,
    "power": power,
    "nct": nct,
}, indent=1, default=float))
