#!/usr/bin/env Rscript
# glmnet as a peer for the bounded refit of issue #18 (docs/performance.md, "Bounded refit to convergence").
#
# Reads what `--bounded-refit --export DIR` wrote (benchmarks/InFiConD.Benchmarks/BoundedRefitReport.cs): the edited
# class's standardised features x (N x C), its soft targets y, the fitted students' weights and bias (the warm start),
# the bounds (one weight capped at w0/4 in [w0/4, 0] or [0, w0/4]) and our two solutions. Then, with Debian's
# r-cran-glmnet (apt-get install r-cran-glmnet):
#   - a fresh fit under the bound: glmnet(family = "binomial") with the two-column target matrix cbind(1 - y, y)
#     (soft targets), lambda = 1e-4, standardize = FALSE, lower.limits / upper.limits (glmnet's Fortran path; it has no
#     warm start);
#   - the bounded refit from the warm start: glmnet:::glmnet.fit(family = binomial()) with y as proportions,
#     weights 1/N (glmnet.path's normalisation), warm = list(beta, a0) and the same limits (glmnet's IRLS path).
# Every solution's objective is computed here in float64 with one formula, mean BCE + lambda * sum|w| (glmnet
# minimises the same function: half the mean deviance differs from the mean BCE by a constant), and each method is
# timed as the median of --repeats calls (one thread: glmnet's Fortran is single-threaded).
#
# Usage: Rscript benchmarks/peers/glmnet_bounded_refit.R DIR [repeats]
suppressPackageStartupMessages(library(glmnet))

args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args) >= 1) args[1] else "bounded-refit-export"
repeats <- if (length(args) >= 2) as.integer(args[2]) else 5

meta <- scan(file.path(dir, "meta.txt"), quiet = TRUE)
n <- meta[1]; p <- meta[2]; lambda <- meta[3]
read_f32 <- function(name, count) readBin(file.path(dir, name), what = "numeric", size = 4, n = count, endian = "little")
x <- matrix(read_f32("x.f32", n * p), nrow = n, ncol = p, byrow = TRUE)
y <- read_f32("y.f32", n)
start <- read_f32("start.f32", p + 1)
lower <- read_f32("lower.f32", p)
upper <- read_f32("upper.f32", p)
ours_refit <- read_f32("ours_refit.f32", p + 1)
ours_fresh <- read_f32("ours_fresh.f32", p + 1)
capped <- which(is.finite(lower) | is.finite(upper))

objective <- function(w, b) {
  t <- as.vector(x %*% w) + b
  mean(pmax(t, 0) + log1p(exp(-abs(t))) - y * t) + lambda * sum(abs(w))
}

timed <- function(f) {
  f()  # warm-up
  times <- numeric(repeats)
  result <- NULL
  for (i in seq_len(repeats)) {
    t0 <- proc.time()[["elapsed"]]
    result <- f()
    times[i] <- (proc.time()[["elapsed"]] - t0) * 1000
  }
  list(result = result, ms = median(times))
}

fresh <- function(thresh) function() glmnet(x, cbind(1 - y, y), family = "binomial", lambda = lambda, standardize = FALSE,
                                            lower.limits = lower, upper.limits = upper, thresh = thresh)
warm_start <- list(beta = pmin(pmax(start[1:p], lower), upper), a0 = start[p + 1])
refit <- function(thresh) function() glmnet:::glmnet.fit(x, y, weights = rep(1 / n, n), lambda = lambda, family = binomial(),
                                                         intercept = TRUE, thresh = thresh, lower.limits = lower,
                                                         upper.limits = upper, warm = warm_start)

rows <- list()
add <- function(name, w, b, ms) rows[[length(rows) + 1]] <<- list(name = name, w = w, b = b, ms = ms)
add("ours: OWL-QN refit from the warm start (2 threads; time from the .NET report)", ours_refit[1:p], ours_refit[p + 1], NA)
add("ours: fresh OWL-QN fit under the bound (2 threads; time from the .NET report)", ours_fresh[1:p], ours_fresh[p + 1], NA)
for (thresh in c(1e-7, 1e-10)) {
  f <- timed(fresh(thresh))
  add(sprintf("glmnet: fresh fit, binomial, two-column targets, thresh %g", thresh), as.vector(f$result$beta), f$result$a0, f$ms)
}
for (thresh in c(1e-7, 1e-10)) {
  r <- timed(refit(thresh))
  add(sprintf("glmnet: glmnet.fit(binomial()) from the warm start, thresh %g", thresh), as.vector(r$result$beta), r$result$a0, r$ms)
}

objectives <- sapply(rows, function(r) objective(r$w, r$b))
best <- min(objectives)
cat(sprintf("N = %d, C = %d, lambda = %g; capped concept %d in [%g, %g]; glmnet %s, R %s; %d repeats\n\n",
            n, p, lambda, capped - 1, lower[capped], upper[capped], packageVersion("glmnet"), getRversion(), repeats))
cat("| method | median (ms) | objective (float64) | gap to the best | non-zero weights | capped weight |\n")
cat("|---|---:|---:|---:|---:|---:|\n")
for (i in seq_along(rows)) {
  r <- rows[[i]]
  cat(sprintf("| %s | %s | %.9f | %.1e | %d | %.8g |\n", r$name, if (is.na(r$ms)) "" else sprintf("%.1f", r$ms),
              objectives[i], (objectives[i] - best) / best, sum(r$w != 0), r$w[capped]))
}
