"""Reference values for tests/unit/bandit.test.ts (writes tests/unit/bandit.cases.json).

Each arm's probability of having the highest conversion rate under independent
Beta(1 + converted, 1 + visitors - converted) posteriors, by SciPy's adaptive quadrature of
pdf_i(t) * prod_{j != i} cdf_j(t) over [0, 1], independent of the product's code.
Run with Debian's python3 (apt-get install python3-scipy):
    /usr/bin/python3 tests/reference/bandit_cases.py
"""
import json
import pathlib

import scipy
from scipy import integrate, stats


def probability_best(arms):
    post = [(1 + x, 1 + n - x) for x, n in arms]
    out = []
    for i, (a, b) in enumerate(post):
        mean = a / (a + b)
        sd = (a * b / ((a + b) ** 2 * (a + b + 1))) ** 0.5
        lo, hi = max(0.0, mean - 15 * sd), min(1.0, mean + 15 * sd)
        f = lambda t: stats.beta.pdf(t, a, b) * _others(t, post, i)
        value, _ = integrate.quad(f, lo, hi, epsabs=1e-12, epsrel=1e-10, limit=500, points=[mean])
        out.append(value)
    return out


def _others(t, post, i):
    p = 1.0
    for j, (a, b) in enumerate(post):
        if j != i:
            p *= stats.beta.cdf(t, a, b)
    return p


cases = [
    {"name": "three arms, one clearly ahead", "arms": [[50, 1000], [80, 1000], [55, 1000]]},
    {"name": "three close arms", "arms": [[100, 2000], [104, 2000], [98, 2000]]},
    {"name": "four arms, unequal sizes", "arms": [[20, 400], [150, 3000], [60, 1000], [9, 100]]},
    {"name": "five arms, two tied leaders", "arms": [[30, 600], [45, 600], [45, 600], [20, 600], [33, 600]]},
    {"name": "three arms without conversions", "arms": [[0, 300], [0, 300], [0, 300]]},
]
for c in cases:
    c["expected"] = probability_best(c["arms"])

root = pathlib.Path(__file__).resolve().parents[1]
out = {"generatedBy": "tests/reference/bandit_cases.py", "versions": {"scipy": scipy.__version__}, "cases": cases}
(root / "unit" / "bandit.cases.json").write_text(json.dumps(out, indent=1) + "\n")
print(f"{len(cases)} cases written")
