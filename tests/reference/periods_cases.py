"""Reference values for tests/unit/periods.cases.test.ts (writes tests/unit/periods.cases.json).

Results across allocation periods (the split in force from a moment on), computed independently
of the product's code with SciPy:
- the sample-ratio check: scipy.stats.chisquare per period against that period's weights, the
  statistics and degrees of freedom added over periods (disjoint visitors), chi2.sf of the sum;
- each arm's post-stratified rate: sum over comparable periods of w_p * x_p / n_p with w_p the
  period's share of all visitors in comparable periods (every arm with a share and visitors),
  and its variance sum of w_p^2 * r_p (1 - r_p) / n_p;
- the fixed-horizon test on them: Wald test of the log ratio (delta method), two-sided.
Run with Debian's python3 (apt-get install python3-scipy):
    /usr/bin/python3 tests/reference/periods_cases.py
"""
import json
import math
import pathlib

import scipy
from scipy import stats


def srm(periods):
    statistic, degrees = 0.0, 0
    for p in periods:
        visitors = [a[1] for a in p["arms"]]
        total = sum(visitors)
        pairs = [(n, w) for n, w in zip(visitors, p["weights"]) if w > 0]
        if total == 0 or len(pairs) < 2:
            continue
        wsum = sum(w for _, w in pairs)
        expected = [total * w / wsum for _, w in pairs]
        observed = [n for n, _ in pairs]
        res = stats.chisquare(observed, expected)
        statistic += res.statistic
        degrees += len(pairs) - 1
    return float(stats.chi2.sf(statistic, degrees)) if degrees else None


def stratified(periods):
    k = len(periods[0]["arms"])
    comparable = [p for p in periods if all(a[1] > 0 for a in p["arms"]) and all(w > 0 for w in p["weights"])]
    sizes = [sum(a[1] for a in p["arms"]) for p in comparable]
    total = sum(sizes)
    out = []
    for arm in range(k):
        rate = sum(s / total * p["arms"][arm][0] / p["arms"][arm][1] for s, p in zip(sizes, comparable))
        var = sum(
            (s / total) ** 2 * (x / n) * (1 - x / n) / n
            for s, p in zip(sizes, comparable)
            for x, n in [p["arms"][arm]]
        )
        out.append({"rate": rate, "variance": var})
    return out, len(comparable)


def log_ratio_p(c, v):
    if c["rate"] <= 0 or v["rate"] <= 0:
        return None
    se = math.sqrt(c["variance"] / c["rate"] ** 2 + v["variance"] / v["rate"] ** 2)
    z = math.log(v["rate"] / c["rate"]) / se
    return float(2 * stats.norm.sf(abs(z)))


def case(name, periods):
    arms, comparable = stratified(periods)
    return {
        "name": name,
        "periods": periods,
        "expected": {
            "srmPValue": srm(periods),
            "arms": arms,
            "comparablePeriods": comparable,
            "fixedPValues": [None] + [log_ratio_p(arms[0], a) for a in arms[1:]],
        },
    }


P = lambda weights, arms: {"weights": weights, "arms": [list(a) for a in arms]}
cases = [
    case("50/50 then 80/20, visitors as configured", [
        P([50, 50], [(100, 2000), (110, 2010)]),
        P([80, 20], [(330, 6400), (95, 1590)]),
    ]),
    case("a real mismatch in the second period (80/20 configured, 70/30 seen)", [
        P([50, 50], [(100, 2000), (104, 1990)]),
        P([80, 20], [(350, 7000), (160, 3000)]),
    ]),
    case("Simpson: the split moves to the variant as the base rate falls", [
        P([50, 50], [(100, 1000), (100, 1000)]),
        P([10, 90], [(10, 500), (90, 4500)]),
    ]),
    case("a real lift across three periods", [
        P([50, 50], [(50, 1000), (65, 1000)]),
        P([30, 70], [(45, 900), (130, 2100)]),
        P([50, 50], [(60, 1500), (80, 1490)]),
    ]),
    case("three arms; the second period gave one arm no traffic", [
        P([34, 33, 33], [(60, 1200), (70, 1190), (58, 1180)]),
        P([50, 50, 0], [(90, 2000), (100, 2020), (0, 0)]),
        P([20, 40, 40], [(40, 800), (95, 1600), (70, 1610)]),
    ]),
]

root = pathlib.Path(__file__).resolve().parents[1]
out = {"generatedBy": "tests/reference/periods_cases.py", "versions": {"scipy": scipy.__version__}, "cases": cases}
(root / "unit" / "periods.cases.json").write_text(json.dumps(out, indent=1) + "\n")
print(f"{len(cases)} cases written")
