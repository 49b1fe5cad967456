"""Times scikit-learn on the data sets bench/native/run.js wrote to bench/native/out/.

Usage (run.js does this, with OPENBLAS_NUM_THREADS=1):
    python3 bench/native/sklearn_bench.py OUT_DIR SHAPES CASES MAX_TIME MIN_SAMPLES

Prints one JSON object per line: {"tool": "scikit-learn", "case", "shape",
"medianMs", "samples", "accuracy", "ok", "meetsTol"}. Every timed fit's coefficients are
compared with the first one, whose accuracy is checked against the same
references penalized is checked against (tight lasso objective, duality gap,
ridge gradient certificate): `ok` says the answer is sane (within 100× of
the accuracy penalized must reach), `meetsTol` that it is at least as
accurate, so speeds are compared at equal accuracy.
"""
import json
import os
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import Lasso, LassoCV, Ridge, RidgeCV, lasso_path
from sklearn.linear_model import LogisticRegression, LogisticRegressionCV
from sklearn.model_selection import KFold, StratifiedKFold


def load(out_dir, shape):
    meta = json.load(open(f"{out_dir}/{shape}.json"))
    n, p = meta["n"], meta["p"]
    X = np.fromfile(f"{out_dir}/{shape}.X.f64", dtype="<f8").reshape(n, p)
    y = np.fromfile(f"{out_dir}/{shape}.y.f64", dtype="<f8")
    assert X.shape == (n, p) and y.shape == (n,), "data files do not match their metadata"
    return meta, X, y


def lasso_objective(X, y, coef, intercept, alpha):
    r = y - X @ coef - intercept
    return r @ r / (2 * len(y)) + alpha * np.abs(coef).sum()


def lasso_gap(Xc, yc, coef, alpha):
    """Duality gap of a lasso solution (intercept profiled out), objective scale; see bench/cases.js."""
    n = len(yc)
    r = yc - Xc @ coef
    gmax = np.abs(Xc.T @ r).max()
    s = min(1.0, n * alpha / gmax) if gmax > 0 else 1.0
    primal = r @ r / (2 * n) + alpha * np.abs(coef).sum()
    dual = (s * (r @ yc) - 0.5 * s * s * (r @ r)) / n
    return primal - dual


def ridge_certificate(Xc, yc, coef, alpha):
    """||g||²/(alpha·f): bound on f(w)/f* − 1 for ridge (see bench/datasets.js ridgeCertificate)."""
    r = yc - Xc @ coef
    g = alpha * coef - Xc.T @ r
    f = r @ r + alpha * coef @ coef
    return (g @ g) / (alpha * f)


def logistic_kkt(X, y01, coef, intercept, alpha):
    """KKT residual / alpha of the logistic lasso (1/n) sum l_i + alpha |b|_1 (see bench/logisticCases.js)."""
    n = len(y01)
    r = y01 - 1 / (1 + np.exp(-(X @ coef + intercept)))
    g = X.T @ r / n
    v = np.where(coef == 0, np.maximum(0, np.abs(g) - alpha), np.abs(g - alpha * np.sign(coef)))
    return max(v.max(), abs(r.sum()) / n) / alpha


def logistic_cases(X, y, meta, cases, max_time, min_samples):
    """The logistic cases, with saga and liblinear (C = 1/(n alpha); liblinear penalizes the
    intercept, made negligible by intercept_scaling = 1e3)."""
    n = len(y)
    y01 = (y > 1).astype(float)
    ybar = y01.mean()
    amax = np.abs((X - X.mean(axis=0)).T @ (y01 - ybar)).max() / n
    tol = meta.get("logisticTol", 1e-4)
    n_alphas, eps, ok_kkt = meta.get("logisticNAlphas", 100), meta.get("logisticEps", 1e-2), meta.get("logisticKktOk", 1e-2)
    alphas = amax * np.logspace(0, np.log10(eps), n_alphas)
    # SKLEARN_LOGISTIC_SOLVERS=liblinear (a comma list) leaves out saga, whose 100-alpha paths and
    # CV on the tall set run for many minutes.
    solvers = [s for s in os.environ.get("SKLEARN_LOGISTIC_SOLVERS", "saga,liblinear").split(",") if s]
    for solver in solvers:
        # saga needs ~10^4-10^5 epochs for tol 1e-4 on the wide set (50 s per fit): left at its default of 100
        # epochs (max_iter) so the path and CV cases finish; its accuracy is reported (and marked) as reached.
        extra = {"intercept_scaling": 1e3, "max_iter": 100000} if solver == "liblinear" else {"max_iter": 100}
        for case in cases:
            tool = f"sklearn-{solver}"
            rec = {"tool": tool, "case": case}
            if case == "logistic":
                alpha = meta.get("logisticAlphaRatio", 0.05) * amax

                def fn():
                    m = LogisticRegression(penalty="l1", C=1 / (n * alpha), solver=solver, tol=tol, **extra).fit(X, y01)
                    return m.coef_[0].copy(), float(m.intercept_[0])

                def check(res):
                    k = logistic_kkt(X, y01, res[0], res[1], alpha)
                    return k / ok_kkt, f"KKT/alpha = {k:.1e}"
            elif case == "logisticPath":
                def fn():
                    m = LogisticRegression(penalty="l1", solver=solver, tol=tol, warm_start=(solver == "saga"), **extra)
                    out = []
                    for a in alphas:
                        m.set_params(C=1 / (n * a))
                        m.fit(X, y01)
                        out.append((m.coef_[0].copy(), float(m.intercept_[0])))
                    return np.array([c for c, _ in out]), np.array([b for _, b in out])

                def check(res):
                    k = max(logistic_kkt(X, y01, res[0][t], res[1][t], alphas[t]) for t in range(0, n_alphas, 10))
                    return k / ok_kkt, f"KKT/alpha = {k:.1e} (worst of every 10th)"
            elif case == "logisticCV":
                def fn():
                    # C for the full data's alphas (scikit-learn keeps C, not alpha, fixed across folds).
                    m = LogisticRegressionCV(Cs=list(1 / (n * alphas)), cv=StratifiedKFold(meta.get("cvFolds", 5)), penalty="l1",
                                             solver=solver, tol=tol, scoring="neg_log_loss", **extra).fit(X, y01)
                    return m.coef_[0].copy(), float(m.intercept_[0]), float(1 / (n * m.C_[0]))

                def check(res):
                    k = logistic_kkt(X, y01, res[0], res[1], res[2])
                    return k / ok_kkt, f"KKT/alpha = {k:.1e}, alpha/alpha_max = {res[2] / amax:.2g}"
            else:
                continue
            first, results, times = timed(fn, max_time, min_samples)
            measure, accuracy = check(first)
            rec.update(medianMs=1e3 * float(np.median(times)), samples=len(times), accuracy=accuracy,
                       ok=bool(measure <= 100), meetsTol=bool(measure <= 1))
            yield rec


def timed(fn, max_time, min_samples):
    first = fn()
    times = []
    results = []
    start = time.perf_counter()
    while len(times) < min_samples or (time.perf_counter() - start < max_time and len(times) < 100):
        t = time.perf_counter()
        r = fn()
        times.append(time.perf_counter() - t)
        results.append(r)
    return first, results, times


def main():
    out_dir, shapes, cases, max_time, min_samples = sys.argv[1], sys.argv[2].split(","), sys.argv[3].split(","), float(sys.argv[4]), int(sys.argv[5])
    warnings.simplefilter("ignore", ConvergenceWarning)
    info = {"tool": "scikit-learn", "version": sklearn.__version__, "numpy": np.__version__}
    try:
        from threadpoolctl import threadpool_info
        info["blas"] = [{k: d.get(k) for k in ("internal_api", "architecture", "num_threads", "version")} for d in threadpool_info()]
    except ImportError:
        info["blas"] = "threadpoolctl not installed"
    print(json.dumps({"info": info}), flush=True)

    for shape in shapes:
        meta, X, y = load(out_dir, shape)
        n = len(y)
        Xc = X - X.mean(axis=0)
        yc = y - y.mean()
        allowed = meta["lassoTol"] * (yc @ yc) / n
        for case in cases:
            rec = {"tool": "scikit-learn", "case": case, "shape": shape}
            if case == "lasso":
                alpha = meta["lassoAlpha"]
                tight = meta.get("lassoTightObjective")

                def fn():
                    m = Lasso(alpha=alpha, tol=meta["lassoTol"], max_iter=100000).fit(X, y)
                    return m.coef_.copy(), m.intercept_, m.n_iter_

                def check(res):
                    coef, b, it = res
                    obj = lasso_objective(X, y, coef, b, alpha)
                    rel = (obj - tight) / tight
                    return max(rel, 0) / (allowed / tight), f"obj/tight−1 = {rel:.1e}, {it} iters"
            elif case == "ridge":
                alpha = meta["ridgeAlpha"]

                def fn():
                    m = Ridge(alpha=alpha, solver="cholesky").fit(X, y)
                    return m.coef_.copy(), m.intercept_

                def check(res):
                    cert = ridge_certificate(Xc, yc, res[0], alpha)
                    return cert / 1e-9, f"obj/opt−1 ≤ {cert:.1e} (certified)"
            elif case == "lassoPath":
                def fn():
                    # lasso_path fits no intercept: centre as LassoCV does, inside the timed call.
                    Xp = X - X.mean(axis=0)
                    yp = y - y.mean()
                    alphas, coefs, _ = lasso_path(Xp, yp, eps=meta["pathEps"], n_alphas=meta["pathNAlphas"], tol=meta["lassoTol"])
                    return alphas, coefs

                def check(res):
                    alphas, coefs = res
                    worst = max(lasso_gap(Xc, yc, coefs[:, t], alphas[t]) for t in range(len(alphas))) / allowed
                    return worst if len(alphas) == meta["pathNAlphas"] else float("inf"), f"max gap/allowed = {worst:.1e} over {len(alphas)} alphas"
            elif case == "lassoCV":
                def fn():
                    m = LassoCV(cv=KFold(meta["cvFolds"]), n_alphas=meta["pathNAlphas"], eps=meta["pathEps"], tol=meta["lassoTol"]).fit(X, y)
                    return m.coef_.copy(), m.intercept_, m.alpha_

                def check(res):
                    ratio = lasso_gap(Xc, yc, res[0], res[2]) / allowed
                    return ratio, f"alpha/alpha_max = {res[2] / meta['alphaMax']:.2g}, refit gap/allowed = {ratio:.1e}"
            elif case in ("lassoCV10", "lassoCV10x2"):
                # The parallel comparison: 10 folds, one job or n_jobs = parallelWorkers (joblib, threads).
                jobs = meta["parallelWorkers"] if case == "lassoCV10x2" else None

                def fn():
                    m = LassoCV(cv=KFold(meta["parallelCvFolds"]), n_alphas=meta["pathNAlphas"], eps=meta["pathEps"], tol=meta["lassoTol"], n_jobs=jobs).fit(X, y)
                    return m.coef_.copy(), m.intercept_, m.alpha_

                def check(res):
                    ratio = lasso_gap(Xc, yc, res[0], res[2]) / allowed
                    return ratio, f"alpha/alpha_max = {res[2] / meta['alphaMax']:.2g}, refit gap/allowed = {ratio:.1e}"
            elif case == "ridgeCV":
                def fn():
                    m = RidgeCV(alphas=meta["ridgeCvAlphas"]).fit(X, y)
                    return m.coef_.copy(), m.intercept_, m.alpha_

                def check(res):
                    cert = ridge_certificate(Xc, yc, res[0], res[2])
                    return cert / 1e-9, f"alpha = {res[2]:g} (GCV), refit obj/opt−1 ≤ {cert:.1e}"
            else:
                continue
            first, results, times = timed(fn, max_time, min_samples)
            measure, accuracy = check(first)
            same = all(np.array_equal(r[1] if case == "lassoPath" else r[0], first[1] if case == "lassoPath" else first[0]) for r in results)
            # ok: a sane answer (within 100× of the accuracy asked of penalized); meetsTol: at least as accurate.
            rec.update(medianMs=1e3 * float(np.median(times)), samples=len(times), accuracy=accuracy,
                       ok=bool(measure <= 100 and same), meetsTol=bool(measure <= 1 + 1e-6))
            if not same:
                rec["accuracy"] += " (timed runs differ from the checked one)"
            print(json.dumps(rec), flush=True)
        for rec in logistic_cases(X, y, meta, [c for c in cases if c.startswith("logistic")], max_time, min_samples):
            rec["shape"] = shape
            print(json.dumps(rec), flush=True)


if __name__ == "__main__":
    main()
