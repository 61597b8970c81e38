"""Reference values for tests/unit/stats.cases.test.ts (writes tests/unit/stats.cases.json).

Independent of the product's code: SciPy and statsmodels where they have the method, numerical
integration for the chance to beat control, the published formulas otherwise. Run with Debian's
python3 (apt-get install python3-scipy python3-statsmodels: SciPy 1.10.1, statsmodels 0.13.5):
    /usr/bin/python3 tests/reference/stats_cases.py
"""
import json
import math
import pathlib

import numpy as np
import scipy
import statsmodels
from scipy import integrate, stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep, test_proportions_2indep

MIN_VISITORS, MIN_CONVERSIONS = 100, 10


def chance_to_beat(xc, nc, xv, nv):
    """P(pv > pc) for Beta(1+x, 1+n-x) posteriors, integrated over the narrower posterior."""
    ac, bc, av, bv = 1 + xc, 1 + nc - xc, 1 + xv, 1 + nv - xv
    if stats.beta.std(av, bv) <= stats.beta.std(ac, bc):
        f = lambda t: stats.beta.pdf(t, av, bv) * stats.beta.cdf(t, ac, bc)
        a, b = av, bv
    else:
        f = lambda t: stats.beta.pdf(t, ac, bc) * stats.beta.sf(t, av, bv)
        a, b = ac, bc
    lo, hi = stats.beta.ppf(1e-15, a, b), stats.beta.isf(1e-15, a, b)
    mode = stats.beta.mean(a, b)
    total = 0.0
    for left, right in ((lo, mode), (mode, hi)):
        value, _ = integrate.quad(f, left, right, epsabs=1e-14, epsrel=1e-12, limit=1000)
        total += value
    return min(1.0, max(0.0, total))


def fixed(xc, nc, xv, nv, alpha, interval_alpha):
    """p-value and relative-lift interval: log-ratio Wald (statsmodels, method "log") with conversions in both
    arms; otherwise the unpooled difference test (p = 1 when both are at 0%) and no interval."""
    if nc == 0 or nv == 0:
        return None, None
    if xc > 0 and xv > 0 and not (xc == nc and xv == nv):
        try:
            p = test_proportions_2indep(xv, nv, xc, nc, compare="ratio", method="log").pvalue
            low, high = confint_proportions_2indep(
                xv, nv, xc, nc, compare="ratio", method="log", alpha=interval_alpha
            )
        except ZeroDivisionError:
            # statsmodels 0.13 also computes the odds ratio, which divides by zero at a 100%
            # rate; the log-Wald formula it implements, with SciPy's normal distribution:
            log_ratio = math.log((xv / nv) / (xc / nc))
            se = math.sqrt(1 / xv - 1 / nv + 1 / xc - 1 / nc)
            p = 2 * stats.norm.sf(abs(log_ratio) / se)
            z = stats.norm.isf(interval_alpha / 2)
            low, high = math.exp(log_ratio - z * se), math.exp(log_ratio + z * se)
        return float(p), [float(low) - 1, float(high) - 1]
    if xc == 0 and xv == 0:
        return 1.0, None
    pc, pv = xc / nc, xv / nv
    se = math.sqrt(pc * (1 - pc) / nc + pv * (1 - pv) / nv)
    if se == 0:
        return None, None
    return float(2 * stats.norm.sf(abs(pv - pc) / se)), None


PLANNED_BASELINE = 0.05
SEQUENTIAL_FACTOR = 1.924  # measured by bench/stats.ts (Monte Carlo), shipped in the product


def mixture_tau2(alpha, mde, planned=PLANNED_BASELINE):
    """The plan-based mixing variance: τ² = 8 · 2p(1-p) / (N_fixed / 12)."""
    fixed = per_arm_ratio(planned, mde, alpha, 0.8, 1)
    return 8 * 2 * planned * (1 - planned) / max(1, fixed / 12)


def sequential(xc, nc, xv, nv, alpha, interval_alpha, mde):
    """mSPRT with a normal mixture on the difference (Johari, Pekelis & Walsh 2017, eq. 11),
    τ from the plan (mixture_tau2); confidence sequence relative to the control rate."""
    if nc == 0 or nv == 0:
        return None, None
    pc, pv = xc / nc, xv / nv
    var = pc * (1 - pc) / nc + pv * (1 - pv) / nv
    if var == 0:
        return 1.0, None
    tau2 = mixture_tau2(alpha_for_tau[0], mde)
    d = pv - pc
    lam = math.sqrt(var / (var + tau2)) * math.exp(tau2 * d * d / (2 * var * (var + tau2)))
    p = min(1.0, 1 / lam)

    def radius(a):
        return math.sqrt(var * (var + tau2) / tau2 * (2 * math.log(1 / a) + math.log((var + tau2) / var)))

    r = radius(interval_alpha)
    ci = None if pc == 0 else [max(-1.0, (d - r) / pc), (d + r) / pc]
    return p, ci


def per_arm_ratio(p1, mde, alpha, power, ratio):
    """Control visitors for p1 vs p1(1+mde), the variant getting `ratio` visitors per control
    visitor (Fleiss' normal approximation with unequal groups)."""
    if not (0 < p1 < 1) or not mde > 0 or p1 * (1 + mde) >= 1:
        return None
    p2 = p1 * (1 + mde)
    pbar = (p1 + ratio * p2) / (1 + ratio)
    za, zb = stats.norm.ppf(1 - alpha / 2), stats.norm.ppf(power)
    n = (za * np.sqrt(pbar * (1 - pbar) * (1 + 1 / ratio)) + zb * np.sqrt(p1 * (1 - p1) + p2 * (1 - p2) / ratio)) ** 2 / (p2 - p1) ** 2
    return int(np.ceil(n))


def needed(baseline, mde, alpha, shares, sequential_mode):
    """Control visitors (and the total in the split) for every challenger at α/(k-1)."""
    k = len(shares)
    control = 0
    for share in shares[1:]:
        if share <= 0:
            continue
        n = per_arm_ratio(baseline, mde, alpha / (k - 1), 0.8, share / shares[0])
        if n is None:
            return None
        control = max(control, n)
    if control == 0:
        return None
    per_arm = math.ceil(control * (SEQUENTIAL_FACTOR if sequential_mode else 1))
    return per_arm


alpha_for_tau = [0.05]


def case(name, arms, weights=None, sequential_mode=False, alpha=0.05, mde=0.1):
    weights = weights or [100 / len(arms)] * len(arms)
    alpha_for_tau[0] = alpha
    k = len(arms)
    interval_alpha = alpha / max(1, k - 1)
    xc, nc = arms[0]
    rows, raw_p = [], []
    for index, (x, n) in enumerate(arms):
        row = {"conversionRate": (x / n) if n > 0 else None}
        if index == 0:
            rows.append(row)
            raw_p.append(None)
            continue
        if sequential_mode:
            p, _ = sequential(xc, nc, x, n, alpha, alpha, mde)
            _, ci = sequential(xc, nc, x, n, alpha, interval_alpha, mde)
        else:
            p, ci = fixed(xc, nc, x, n, alpha, interval_alpha)
        row["pValue"] = p
        row["interval"] = ci
        row["chance"] = chance_to_beat(xc, nc, x, n) if nc > 0 and n > 0 else None
        rows.append(row)
        raw_p.append(p)
    present = [i for i, p in enumerate(raw_p) if p is not None]
    adjusted = [None] * k
    if k > 2 and present:
        values = multipletests([raw_p[i] for i in present], method="holm")[1]
        for i, value in zip(present, values):
            adjusted[i] = float(value)
    else:
        adjusted = raw_p
    for index, row in enumerate(rows):
        if index == 0:
            row["verdict"] = "control"
            continue
        x, n = arms[index]
        row["adjustedPValue"] = adjusted[index]
        enough = nc >= MIN_VISITORS and n >= MIN_VISITORS and xc + x >= MIN_CONVERSIONS
        if n == 0 or nc == 0:
            verdict = "no-data"
        elif not enough:
            verdict = "not-enough-data"
        elif adjusted[index] is None or adjusted[index] >= alpha:
            verdict = "inconclusive"
        else:
            verdict = "winner" if x / n > xc / nc else "loser"
        row["verdict"] = verdict
    baseline = xc / nc if xc > 0 else PLANNED_BASELINE
    shares = [w / sum(weights) for w in weights]
    return {
        "name": name,
        "arms": [list(a) for a in arms],
        "weights": weights,
        "options": {"sequential": sequential_mode, "alpha": alpha, "minimumDetectableEffect": mde},
        "expected": {
            "arms": rows,
            "perArm": needed(baseline, mde, alpha, shares, sequential_mode),
            "intervalLevel": 1 - interval_alpha,
        },
    }


cases = []
for mode in (False, True):
    label = "sequential" if mode else "fixed"
    add = lambda name, arms, **kw: cases.append(case(f"{label}: {name}", arms, sequential_mode=mode, **kw))
    add("0 visitors everywhere", [(0, 0), (0, 0)])
    add("0 visitors in the variant", [(30, 1000), (0, 0)])
    add("0 visitors in the control", [(0, 0), (30, 1000)])
    add("1 visitor each, both converted", [(1, 1), (1, 1)])
    add("1 visitor each, none converted", [(0, 1), (0, 1)])
    add("0% in both arms", [(0, 5000), (0, 5000)])
    add("0% control, converting variant", [(0, 2000), (12, 2000)])
    add("converting control, 0% variant", [(10, 200), (0, 200)])
    add("100% in both arms", [(300, 300), (300, 300)])
    add("100% variant", [(40, 50), (50, 50)])
    add("equal rates", [(100, 1000), (100, 1000)])
    add("large effect", [(50, 1000), (120, 1000)])
    add("tiny samples", [(1, 8), (3, 9)])
    add("below the minimum visitors", [(9, 90), (20, 95)])
    add("below the minimum conversions", [(2, 400), (5, 400)])
    add("small lift, large sample", [(4000, 100000), (4200, 100000)])
    add("tiny arm against a huge one", [(50000, 1000000), (3, 40)])
    add("huge arm against a tiny one", [(2, 40), (50000, 1000000)])
    add("both huge", [(250000, 5000000), (251500, 5000000)])
    add("unequal split 20/80", [(60, 2000), (330, 8000)], weights=[20, 80])
    add("three arms", [(100, 2000), (130, 2000), (95, 2000)])
    add("four arms", [(100, 2000), (140, 2000), (90, 2000), (105, 2000)])
    add("five arms with an empty one", [(200, 4000), (260, 4000), (0, 0), (190, 4000), (230, 4000)])
    add("impossible MDE for the baseline", [(600, 1000), (650, 1000)], mde=0.8)
    add("stricter alpha", [(100, 2000), (140, 2000)], alpha=0.01)

root = pathlib.Path(__file__).resolve().parents[1]
out = {
    "generatedBy": "tests/reference/stats_cases.py",
    "versions": {"scipy": scipy.__version__, "statsmodels": statsmodels.__version__},
    "minimums": {"visitorsPerArm": MIN_VISITORS, "conversions": MIN_CONVERSIONS},
    "cases": cases,
}
(root / "unit" / "stats.cases.json").write_text(json.dumps(out, indent=1) + "\n")
print(f"{len(cases)} cases written")
