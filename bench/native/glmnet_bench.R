# Times R glmnet on the data sets bench/native/run.js wrote to bench/native/out/.
#
# Usage (run.js does this):
#   Rscript bench/native/glmnet_bench.R OUT_DIR SHAPES CASES MAX_TIME MIN_SAMPLES
#
# Prints one JSON object per line, like sklearn_bench.py. glmnet solves the
# lasso cases (single fit, path, cv.glmnet); it has no exact ridge solver
# (alpha = 0 is coordinate descent), so the ridge cases are not timed here.
# glmnet's stopping rule differs from scikit-learn's (thresh on the change in
# the weighted coefficients, default 1e-7), so the accuracy it reached is
# printed next to its time, measured the same way as for penalized.
suppressPackageStartupMessages(library(glmnet))

args <- commandArgs(trailingOnly = TRUE)
out_dir <- args[1]
shapes <- strsplit(args[2], ",")[[1]]
cases <- strsplit(args[3], ",")[[1]]
max_time <- as.numeric(args[4])
min_samples <- as.integer(args[5])

json_str <- function(x) paste0('"', gsub('"', '\\\\"', x), '"')
emit <- function(rec) {
  parts <- vapply(names(rec), function(k) {
    v <- rec[[k]]
    val <- if (is.character(v)) json_str(v) else if (is.logical(v)) tolower(as.character(v)) else format(v, digits = 10)
    paste0(json_str(k), ": ", val)
  }, "")
  cat("{", paste(parts, collapse = ", "), "}\n", sep = "")
}

read_meta_num <- function(txt, key) {
  m <- regmatches(txt, regexpr(paste0('"', key, '"\\s*:\\s*[-+0-9.eE]+'), txt))
  if (length(m) == 0) return(NA_real_)
  as.numeric(sub('.*:\\s*', "", m))
}

timed <- function(fn) {
  first <- fn()
  times <- c()
  start <- proc.time()[["elapsed"]]
  repeat {
    t0 <- proc.time()[["elapsed"]]
    r <- fn()
    times <- c(times, proc.time()[["elapsed"]] - t0)
    if (!identical(r$coef, first$coef)) stop("glmnet: a timed run returned different coefficients")
    if (length(times) >= min_samples && (proc.time()[["elapsed"]] - start >= max_time || length(times) >= 100)) break
  }
  list(first = first, times = times)
}

lasso_objective <- function(X, y, beta, b0, alpha) {
  r <- y - X %*% beta - b0
  sum(r^2) / (2 * length(y)) + alpha * sum(abs(beta))
}
lasso_gap <- function(Xc, yc, beta, alpha) {
  n <- length(yc)
  r <- yc - Xc %*% beta
  gmax <- max(abs(crossprod(Xc, r)))
  s <- if (gmax > n * alpha) n * alpha / gmax else 1
  primal <- sum(r^2) / (2 * n) + alpha * sum(abs(beta))
  dual <- (s * sum(r * yc) - 0.5 * s^2 * sum(r^2)) / n
  primal - dual
}

cat('{"info": {"tool": "glmnet", "version": ', json_str(as.character(packageVersion("glmnet"))),
    ', "R": ', json_str(R.version.string), '}}\n', sep = "")

for (shape in shapes) {
  meta <- paste(readLines(file.path(out_dir, paste0(shape, ".json")), warn = FALSE), collapse = "")
  n <- read_meta_num(meta, "n")
  p <- read_meta_num(meta, "p")
  X <- matrix(readBin(file.path(out_dir, paste0(shape, ".X.f64")), "double", n * p, size = 8, endian = "little"), nrow = n, ncol = p, byrow = TRUE)
  y <- readBin(file.path(out_dir, paste0(shape, ".y.f64")), "double", n, size = 8, endian = "little")
  Xc <- sweep(X, 2, colMeans(X))
  yc <- y - mean(y)
  tol <- read_meta_num(meta, "lassoTol")
  allowed <- tol * sum(yc^2) / n
  nlam <- read_meta_num(meta, "pathNAlphas")
  eps <- read_meta_num(meta, "pathEps")
  for (case in cases) {
    rec <- list(tool = "glmnet", case = case, shape = shape)
    if (case == "lasso") {
      alpha <- read_meta_num(meta, "lassoAlpha")
      tight <- read_meta_num(meta, "lassoTightObjective")
      res <- timed(function() {
        f <- glmnet(X, y, family = "gaussian", alpha = 1, lambda = alpha, standardize = FALSE)
        list(coef = as.numeric(f$beta[, 1]), b0 = as.numeric(f$a0[1]))
      })
      obj <- lasso_objective(X, y, res$first$coef, res$first$b0, alpha)
      rel <- (obj - tight) / tight
      measure <- max(rel, 0) / (allowed / tight)
      rec$accuracy <- sprintf("obj/tight−1 = %.1e (thresh 1e-7 rule)", rel)
    } else if (case == "lassoPath") {
      res <- timed(function() {
        f <- glmnet(X, y, family = "gaussian", alpha = 1, nlambda = nlam, lambda.min.ratio = eps, standardize = FALSE)
        list(coef = f$beta, lambda = f$lambda)
      })
      B <- as.matrix(res$first$coef)
      lam <- res$first$lambda
      worst <- max(vapply(seq_along(lam), function(t) lasso_gap(Xc, yc, B[, t], lam[t]), 0)) / allowed
      measure <- worst
      rec$accuracy <- sprintf("max gap/allowed = %.1e over %d lambdas%s", worst, length(lam),
                              if (length(lam) < nlam) " (path stopped early: deviance saturated)" else "")
    } else if (case == "lassoCV") {
      foldid <- rep(seq_len(read_meta_num(meta, "cvFolds")), each = ceiling(n / read_meta_num(meta, "cvFolds")))[seq_len(n)]
      res <- timed(function() {
        f <- cv.glmnet(X, y, family = "gaussian", alpha = 1, nlambda = nlam, lambda.min.ratio = eps, standardize = FALSE, foldid = foldid)
        list(coef = as.numeric(coef(f, s = "lambda.min"))[-1], lambda = f$lambda.min)
      })
      ratio <- lasso_gap(Xc, yc, res$first$coef, res$first$lambda) / allowed
      measure <- ratio
      rec$accuracy <- sprintf("lambda.min/lambda_max = %.2g, refit gap/allowed = %.1e", res$first$lambda / read_meta_num(meta, "alphaMax"), ratio)
    } else if (case == "lassoCV10" || case == "lassoCV10x2") {
      # The parallel comparison: 10 folds, sequential or parallel = TRUE over doParallel workers.
      k <- read_meta_num(meta, "parallelCvFolds")
      foldid <- rep(seq_len(k), each = ceiling(n / k))[seq_len(n)]
      par <- case == "lassoCV10x2"
      if (par) {
        if (!requireNamespace("doParallel", quietly = TRUE)) next
        suppressPackageStartupMessages(library(doParallel))
        registerDoParallel(cores = read_meta_num(meta, "parallelWorkers"))
      }
      res <- timed(function() {
        f <- cv.glmnet(X, y, family = "gaussian", alpha = 1, nlambda = nlam, lambda.min.ratio = eps, standardize = FALSE, foldid = foldid, parallel = par)
        list(coef = as.numeric(coef(f, s = "lambda.min"))[-1], lambda = f$lambda.min)
      })
      ratio <- lasso_gap(Xc, yc, res$first$coef, res$first$lambda) / allowed
      measure <- ratio
      rec$accuracy <- sprintf("lambda.min/lambda_max = %.2g, refit gap/allowed = %.1e", res$first$lambda / read_meta_num(meta, "alphaMax"), ratio)
    } else if (startsWith(case, "logistic")) {
      # Logistic lasso on y01 = (y > 1), see bench/logisticCases.js; certified by the KKT residual / alpha.
      y01 <- as.numeric(y > 1)
      amax <- max(abs(crossprod(Xc, y01 - mean(y01)))) / n
      kkt <- function(beta, b0, a) {
        r <- y01 - 1 / (1 + exp(-(X %*% beta + b0)))
        g <- crossprod(X, r) / n
        v <- ifelse(beta == 0, pmax(0, abs(g) - a), abs(g - a * sign(beta)))
        max(max(v), abs(sum(r)) / n) / a
      }
      okk <- read_meta_num(meta, "logisticKktOk")
      lnlam <- read_meta_num(meta, "logisticNAlphas")
      leps <- read_meta_num(meta, "logisticEps")
      if (case == "logistic") {
        a <- read_meta_num(meta, "logisticAlphaRatio") * amax
        res <- timed(function() {
          f <- glmnet(X, y01, family = "binomial", alpha = 1, lambda = a, standardize = FALSE)
          list(coef = as.numeric(f$beta[, 1]), b0 = as.numeric(f$a0[1]))
        })
        k <- kkt(res$first$coef, res$first$b0, a)
        rec$accuracy <- sprintf("KKT/alpha = %.1e (thresh 1e-7 rule)", k)
      } else if (case == "logisticPath") {
        res <- timed(function() {
          f <- glmnet(X, y01, family = "binomial", alpha = 1, nlambda = lnlam, lambda.min.ratio = leps, standardize = FALSE)
          list(coef = f$beta, a0 = f$a0, lambda = f$lambda)
        })
        B <- as.matrix(res$first$coef)
        lam <- res$first$lambda
        ks <- seq(1, length(lam), by = 10)
        k <- max(vapply(ks, function(t) kkt(B[, t], res$first$a0[t], lam[t]), 0))
        rec$accuracy <- sprintf("KKT/alpha = %.1e (worst of every 10th of %d lambdas)", k, length(lam))
      } else if (case == "logisticCV") {
        foldid <- rep(seq_len(read_meta_num(meta, "cvFolds")), length.out = n)
        res <- timed(function() {
          f <- cv.glmnet(X, y01, family = "binomial", alpha = 1, nlambda = lnlam, lambda.min.ratio = leps,
                         standardize = FALSE, foldid = foldid, type.measure = "deviance")
          list(coef = as.numeric(coef(f, s = "lambda.min"))[-1], b0 = as.numeric(coef(f, s = "lambda.min"))[1], lambda = f$lambda.min)
        })
        k <- kkt(res$first$coef, res$first$b0, res$first$lambda)
        rec$accuracy <- sprintf("KKT/alpha = %.1e, lambda.min/lambda_max = %.2g", k, res$first$lambda / amax)
      } else {
        next
      }
      measure <- k / okk
    } else {
      next
    }
    # ok: sane (within 100× of the accuracy asked of penalized); meetsTol: at least as accurate.
    rec$ok <- measure <= 100
    rec$meetsTol <- measure <= 1 + 1e-6
    rec$medianMs <- 1000 * median(res$times)
    rec$samples <- length(res$times)
    rec <- rec[c("tool", "case", "shape", "medianMs", "samples", "accuracy", "ok", "meetsTol")]
    emit(rec)
  }
}
