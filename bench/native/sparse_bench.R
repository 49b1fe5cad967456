# glmnet on a dgCMatrix for bench/native/sparse.js, one case per call
# (`lassoPath` or `lassoCV`): the lasso path and cv.glmnet (5 contiguous
# folds) on the alpha grid penalized computed (lambda = alpha: the same
# objective with standardize = FALSE), thresh left at glmnet's default 1e-7
# (its own stopping rule; the caller measures the accuracy it reached). Runs
# the case up to `repeats` times, once when a run takes longer than 30 s.
# Prints one JSON line; writes the coefficients (alpha-major) and intercepts
# (for cv.glmnet: at lambda.min) for the caller's duality-gap check.
#
#   Rscript sparse_bench.R OUT_DIR CASE
suppressMessages({ library(Matrix); library(glmnet) })
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]
case <- args[2]
meta <- jsonlite::fromJSON(file.path(out, "meta.json"))
n <- meta$n; p <- meta$p; repeats <- meta$repeats
rd <- function(f, what, size, k) readBin(file.path(out, f), what, n = k, size = size, endian = "little")
indptr <- rd("indptr.i32", "integer", 4, p + 1)
nnz <- indptr[p + 1]
indices <- rd("indices.i32", "integer", 4, nnz)
data <- rd("data.f64", "double", 8, nnz)
y <- rd("y.f64", "double", 8, n)
alphas <- rd("alphas.f64", "double", 8, meta$nAlphas)
X <- sparseMatrix(i = indices + 1, p = indptr, x = data, dims = c(n, p))
med <- function(fn) {
  ts <- numeric(0); res <- NULL
  for (k in seq_len(repeats)) {
    t0 <- proc.time()[["elapsed"]]; res <- fn(); ts <- c(ts, (proc.time()[["elapsed"]] - t0) * 1000)
    if (ts[length(ts)] > 30000) break
  }
  list(ms = median(ts), runs = length(ts), res = res)
}
cf <- file.path(out, paste0("gl_", case, "_coefs.f64"))
itf <- file.path(out, paste0("gl_", case, "_ints.f64"))
if (case == "lassoPath") {
  r <- med(function() glmnet(X, y, lambda = alphas, standardize = FALSE))
  writeBin(as.vector(as.matrix(r$res$beta)), cf, size = 8, endian = "little")
  writeBin(as.vector(r$res$a0), itf, size = 8, endian = "little")
  extra <- ""
} else {
  foldid <- rep(1:5, times = c(rep(n %/% 5 + 1, n %% 5), rep(n %/% 5, 5 - n %% 5)))
  r <- med(function() cv.glmnet(X, y, lambda = alphas, standardize = FALSE, foldid = foldid))
  b <- as.numeric(coef(r$res, s = "lambda.min"))
  writeBin(b[-1], cf, size = 8, endian = "little")
  writeBin(b[1], itf, size = 8, endian = "little")
  extra <- sprintf(',"alpha":%.17g', r$res$lambda.min)
}
cat(sprintf('{"tool":"glmnet","version":"%s","case":"%s","medianMs":%f,"runs":%d,"coefFile":"%s","interceptFile":"%s"%s}\n',
  as.character(packageVersion("glmnet")), case, r$ms, r$runs, cf, itf, extra))
