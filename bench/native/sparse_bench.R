# glmnet on a dgCMatrix for bench/native/sparse.js: the lasso path and
# cv.glmnet (5 contiguous folds) on the alpha grid penalized computed
# (lambda = alpha: the same objective with standardize = FALSE), thresh chosen
# as glmnet's own default 1e-7. Prints one JSON line per case; writes the
# path's coefficients (alpha-major) and intercepts for the caller's gap check.
suppressMessages({ library(Matrix); library(glmnet) })
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]
meta <- jsonlite::fromJSON(file.path(out, "meta.json"))
n <- meta$n; p <- meta$p; repeats <- meta$repeats
rd <- function(f, what, size, k) readBin(file.path(out, f), what, n = k, size = size, endian = "little")
indptr <- rd("indptr.i32", "integer", 4, p + 1)
nnz <- indptr[p + 1]
indices <- rd("indices.i32", "integer", 4, nnz)
data <- rd("data.f64", "double", 8, nnz)
y <- rd("y.f64", "double", 8, n)
alphas <- rd("alphas.f64", "double", 8, 100)
X <- sparseMatrix(i = indices + 1, p = indptr, x = data, dims = c(n, p))
med <- function(fn) {
  ts <- numeric(repeats); res <- NULL
  for (k in seq_len(repeats)) { t0 <- proc.time()[["elapsed"]]; res <- fn(); ts[k] <- (proc.time()[["elapsed"]] - t0) * 1000 }
  list(ms = median(ts), res = res)
}
r <- med(function() glmnet(X, y, lambda = alphas, standardize = FALSE))
B <- as.matrix(r$res$beta)
writeBin(as.vector(B), file.path(out, "gl_coefs.f64"), size = 8, endian = "little")
writeBin(as.vector(r$res$a0), file.path(out, "gl_ints.f64"), size = 8, endian = "little")
cat(sprintf('{"tool":"glmnet","case":"lassoPath","medianMs":%f,"coefFile":"%s","interceptFile":"%s"}\n', r$ms,
  file.path(out, "gl_coefs.f64"), file.path(out, "gl_ints.f64")))
foldid <- rep(1:5, times = c(rep(n %/% 5 + 1, n %% 5), rep(n %/% 5, 5 - n %% 5)))
r <- med(function() cv.glmnet(X, y, lambda = alphas, standardize = FALSE, foldid = foldid))
cat(sprintf('{"tool":"glmnet","case":"lassoCV","medianMs":%f,"alpha":%.17g}\n', r$ms, r$res$lambda.min))
