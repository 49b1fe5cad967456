"""scikit-learn on scipy.sparse for bench/native/sparse.js: one case per
call (`lassoPath` or `lassoCV`), so the caller can put a time limit on each.
lasso_path and LassoCV(cv=KFold(5)) on the alpha grid penalized computed,
tol 1e-4, one thread. Runs the case up to `repeats` times, but only once when
a run takes longer than 30 s (the count is reported). Prints one JSON line;
writes the coefficients (alpha-major, on X's scale) and intercepts for the
caller's duality-gap check.

    python3 sparse_bench.py OUT_DIR CASE
"""
import json
import sys
import time

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.linear_model import LassoCV, lasso_path
from sklearn.model_selection import KFold

out, case = sys.argv[1], sys.argv[2]
meta = json.load(open(f"{out}/meta.json"))
n, p, repeats = meta["n"], meta["p"], meta["repeats"]
indptr = np.fromfile(f"{out}/indptr.i32", dtype="<i4")
indices = np.fromfile(f"{out}/indices.i32", dtype="<i4")
data = np.fromfile(f"{out}/data.f64", dtype="<f8")
y = np.fromfile(f"{out}/y.f64", dtype="<f8")
alphas = np.fromfile(f"{out}/alphas.f64", dtype="<f8")
X = sp.csc_matrix((data, indices, indptr), shape=(n, p))


def median_time(fn):
    ts, res = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        res = fn()
        ts.append((time.perf_counter() - t0) * 1000)
        if ts[-1] > 30000:
            break
    return float(np.median(ts)), len(ts), res


def path():
    # lasso_path does not fit an intercept: centre y, and pass X's column means
    # so the sparse solver centres X implicitly (what LassoCV does internally).
    xm = np.asarray(X.mean(axis=0)).ravel()
    ym = y.mean()
    _, coefs, _ = lasso_path(X, y - ym, alphas=alphas, tol=1e-4, X_offset=xm, X_scale=np.ones(p), precompute=False)
    return coefs.T, ym - coefs.T @ xm


def cv():
    m = LassoCV(alphas=alphas, cv=KFold(5), tol=1e-4, n_jobs=1).fit(X, y)
    return m.coef_[None, :], np.array([m.intercept_]), float(m.alpha_)


if case == "lassoPath":
    ms, runs, (coefs, ints) = median_time(path)
    extra = {}
else:
    ms, runs, (coefs, ints, alpha) = median_time(cv)
    extra = {"alpha": alpha}
cf, itf = f"{out}/sk_{case}_coefs.f64", f"{out}/sk_{case}_ints.f64"
np.ascontiguousarray(coefs).astype("<f8").tofile(cf)
np.asarray(ints).astype("<f8").tofile(itf)
print(json.dumps({"tool": "scikit-learn", "version": sklearn.__version__, "case": case, "medianMs": ms, "runs": runs,
                  "coefFile": cf, "interceptFile": itf, **extra}), flush=True)
