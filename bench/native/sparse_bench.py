"""scikit-learn on scipy.sparse for bench/native/sparse.js: lasso_path and
LassoCV(cv=KFold(5)) on the alpha grid penalized computed, tol 1e-4, one
thread. Prints one JSON line per case; writes the path's coefficients
(alpha-major, on X's scale) and intercepts for the caller's gap check."""
import json
import sys
import time

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LassoCV, lasso_path
from sklearn.model_selection import KFold

out = sys.argv[1]
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
    return float(np.median(ts)), res


def path():
    # lasso_path does not fit an intercept: centre y, and pass X's column means
    # so the sparse solver centres X implicitly (what LassoCV does internally).
    xm = np.asarray(X.mean(axis=0)).ravel()
    ym = y.mean()
    _, coefs, _ = lasso_path(X, y - ym, alphas=alphas, tol=1e-4, X_offset=xm, X_scale=np.ones(p), precompute=False)
    return coefs.T, ym - coefs.T @ xm


ms, (coefs, ints) = median_time(path)
np.ascontiguousarray(coefs).astype("<f8").tofile(f"{out}/sk_coefs.f64")
np.asarray(ints).astype("<f8").tofile(f"{out}/sk_ints.f64")
print(json.dumps({"tool": "scikit-learn", "case": "lassoPath", "medianMs": ms,
                  "coefFile": f"{out}/sk_coefs.f64", "interceptFile": f"{out}/sk_ints.f64"}))
ms, m = median_time(lambda: LassoCV(alphas=alphas, cv=KFold(5), tol=1e-4, n_jobs=1).fit(X, y))
print(json.dumps({"tool": "scikit-learn", "case": "lassoCV", "medianMs": ms, "alpha": float(m.alpha_)}))
