# lme4's side of the mixed-model bench (bench/lmer.ts): fits one case with lmer(REML = TRUE)
# and times only the fit, inside R, with system.time (which runs gc() first, outside the
# timing). Reading the CSV is not timed, as Nestor's import is not timed either.
#
#   Rscript --vanilla lmer-bench.R CSV FORMULA FACTORS RUNS
#
# FACTORS is a comma-separated list of columns made factors (as Nestor's import is told
# to read them), possibly empty. The last line printed is one JSON object.

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 4) stop("usage: Rscript lmer-bench.R CSV FORMULA FACTORS RUNS")
csv <- args[[1]]
form <- as.formula(args[[2]])
factors <- if (nzchar(args[[3]])) strsplit(args[[3]], ",", fixed = TRUE)[[1]] else character()
runs <- as.integer(args[[4]])
suppressPackageStartupMessages(library(lme4))

d <- read.csv(csv, stringsAsFactors = TRUE)
for (v in factors) d[[v]] <- factor(d[[v]])

# lme4's own defaults (lmerControl(): nloptwrap, derivative checks on), as a user gets them.
# Warnings and messages (convergence, singular fit) are kept for the report, not printed.
notes <- character()
fit <- NULL
fit_once <- function() {
  withCallingHandlers(
    fit <<- lmer(form, data = d, REML = TRUE),
    warning = function(w) { notes <<- union(notes, conditionMessage(w)); invokeRestart("muffleWarning") },
    message = function(m) { notes <<- union(notes, trimws(conditionMessage(m))); invokeRestart("muffleMessage") }
  )
}
# With several runs, one untimed fit first (as Nestor's side warms up its JIT): the first
# call also loads lazily-loaded code and caches S4 method dispatch.
if (runs > 1) fit_once()
times <- vapply(seq_len(runs), function(i) system.time(fit_once())[["elapsed"]], numeric(1))

# Peak resident memory of this R process (Linux), for comparison with Nestor's.
status <- tryCatch(readLines("/proc/self/status"), error = function(e) character())
hwm <- grep("^VmHWM:", status, value = TRUE)
peak_bytes <- if (length(hwm) == 1) as.numeric(gsub("[^0-9]", "", hwm)) * 1024 else NA

num <- function(x) paste0("[", paste(sprintf("%.17g", x), collapse = ","), "]")
str <- function(x) {
  esc <- gsub("([\"\\\\])", "\\\\\\1", gsub("[[:cntrl:]]+", " ", x))
  paste0("[", paste0('"', esc, '"', collapse = ","), "]")
}
if (length(notes) == 0) notes_json <- "[]" else notes_json <- str(notes)
ng <- vapply(fit@flist, nlevels, integer(1))
cat(sprintf(
  '{"lme4":"%s","times":%s,"remlcrit":%.17g,"theta":%s,"nobs":%d,"groups":%s,"ngroups":%s,"feval":%d,"optimizer":"%s","peak_bytes":%s,"notes":%s}\n',
  as.character(packageVersion("lme4")), num(times), fit@devcomp$cmp[["REML"]], num(getME(fit, "theta")),
  nobs(fit), str(names(ng)), num(unname(ng)), as.integer(fit@optinfo$feval), fit@optinfo$optimizer,
  if (is.na(peak_bytes)) "null" else sprintf("%.0f", peak_bytes), notes_json
))
