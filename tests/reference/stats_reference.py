"""Reference values for tests/unit/stats.test.ts, from SciPy and statsmodels.

Run with Debian's python3 (python3-scipy 1.10.1, python3-statsmodels 0.13.5):
    /usr/bin/python3 tests/reference/stats_reference.py
"""
import json

import numpy as np
import scipy
import statsmodels
from scipy import integrate, stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import test_proportions_2indep


def welch_p(xc, nc, xv, nv):
    # statsmodels' Wald test of the difference uses the unpooled variance.
    return test_proportions_2indep(xv, nv, xc, nc, method="wald", compare="diff").pvalue


def chance_to_beat(xc, nc, xv, nv):
    ac, bc, av, bv = 1 + xc, 1 + nc - xc, 1 + xv, 1 + nv - xv
    f = lambda x: stats.beta.pdf(x, av, bv) * stats.beta.cdf(x, ac, bc)
    lo = min(stats.beta.ppf(1e-12, av, bv), stats.beta.ppf(1e-12, ac, bc))
    hi = max(stats.beta.ppf(1 - 1e-12, av, bv), stats.beta.ppf(1 - 1e-12, ac, bc))
    value, _ = integrate.quad(f, lo, hi, epsabs=1e-13, epsrel=1e-12, limit=500)
    return value


def delta_ci(xc, nc, xv, nv, alpha=0.05):
    pc, pv = xc / nc, xv / nv
    var = pv * (1 - pv) / nv / pc**2 + pv**2 * pc * (1 - pc) / nc / pc**4
    z = stats.norm.ppf(1 - alpha / 2)
    lift = pv / pc - 1
    return [lift - z * np.sqrt(var), lift + z * np.sqrt(var)]


def per_arm(p1, mde, alpha=0.05, power=0.8):
    p2 = p1 * (1 + mde)
    pbar = (p1 + p2) / 2
    za, zb = stats.norm.ppf(1 - alpha / 2), stats.norm.ppf(power)
    n = (za * np.sqrt(2 * pbar * (1 - pbar)) + zb * np.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) ** 2 / (p2 - p1) ** 2
    return int(np.ceil(n))


pairs = {
    "equal rates": (100, 1000, 100, 1000),
    "large effect": (50, 1000, 120, 1000),
    "tiny samples": (1, 8, 3, 9),
    "zero conversions in the variant": (10, 200, 0, 200),
    "100% conversion in the variant": (40, 50, 50, 50),
    "small lift, large sample": (4000, 100000, 4200, 100000),
}
out = {"versions": {"scipy": scipy.__version__, "statsmodels": statsmodels.__version__}, "pairs": {}}
for name, (xc, nc, xv, nv) in pairs.items():
    entry = {"input": [xc, nc, xv, nv], "chance": chance_to_beat(xc, nc, xv, nv)}
    try:
        entry["p"] = welch_p(xc, nc, xv, nv)
    except Exception:
        entry["p"] = None
    entry["ci"] = delta_ci(xc, nc, xv, nv) if xc > 0 else None
    out["pairs"][name] = entry

out["srm"] = {
    "balanced 50/50": stats.chisquare([5000, 5050], [5025, 5025]).pvalue,
    "mismatched 50/50": stats.chisquare([5000, 5400], [5200, 5200]).pvalue,
    "unequal 20/80 matching": stats.chisquare([2010, 7990], [2000, 8000]).pvalue,
    "unequal 20/80 mismatched": stats.chisquare([2300, 7700], [2000, 8000]).pvalue,
    "three arms": stats.chisquare([3300, 3350, 3350], [10000 / 3] * 3).pvalue,
}
out["holm"] = {
    "input": [0.01, 0.04, 0.03],
    "adjusted": multipletests([0.01, 0.04, 0.03], method="holm")[1].tolist(),
}
out["sampleSize"] = {"p=0.05, mde=0.1": per_arm(0.05, 0.1), "p=0.2, mde=0.05": per_arm(0.2, 0.05)}
print(json.dumps(out, indent=2))
