# lme4's side of the glmer bench (bench/glmer.ts): fits one case with
# glmer(family = binomial) (logit, Laplace, lme4's default glmerControl()) and times
# only the fit, inside R, with system.time. Reading the CSV is not timed.
#
#   Rscript --vanilla glmer-bench.R CSV FORMULA FACTORS RUNS
#
# The last line printed is one JSON object.
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 4) stop("usage: Rscript glmer-bench.R CSV FORMULA FACTORS RUNS")
csv <- args[[1]]
form <- as.formula(args[[2]])
factors <- if (nzchar(args[[3]])) strsplit(args[[3]], ",", fixed = TRUE)[[1]] else character()
runs <- as.integer(args[[4]])
suppressPackageStartupMessages(library(lme4))

d <- read.csv(csv, stringsAsFactors = TRUE)
for (v in factors) d[[v]] <- factor(d[[v]])

notes <- character()
fit <- NULL
fit_once <- function() {
  withCallingHandlers(
    fit <<- glmer(form, data = d, family = binomial),
    warning = function(w) { notes <<- union(notes, conditionMessage(w)); invokeRestart("muffleWarning") },
    message = function(m) { notes <<- union(notes, trimws(conditionMessage(m))); invokeRestart("muffleMessage") }
  )
}
if (runs > 1) fit_once()
times <- vapply(seq_len(runs), function(i) system.time(fit_once())[["elapsed"]], numeric(1))

num <- function(x) paste0("[", paste(sprintf("%.17g", x), collapse = ","), "]")
str <- function(x) {
  esc <- gsub("([\"\\\\])", "\\\\\\1", gsub("[[:cntrl:]]+", " ", x))
  paste0("[", paste0('"', esc, '"', collapse = ","), "]")
}
notes_json <- if (length(notes) == 0) "[]" else str(notes)
cat(sprintf(
  '{"lme4":"%s","times":%s,"deviance":%.17g,"fixef":%s,"theta":%s,"nobs":%d,"feval":%d,"notes":%s}\n',
  as.character(packageVersion("lme4")), num(times), -2 * as.numeric(logLik(fit)), num(unname(fixef(fit))), num(getME(fit, "theta")),
  nobs(fit), as.integer(fit@optinfo$feval), notes_json
))
