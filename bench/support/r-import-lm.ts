import { LM_FORMULA } from './datasets';

/** What the R side of bench/import-lm.ts prints: seconds per run for each case, and lm's coefficients. */
export interface RImportLm {
  read_lm: number[];
  lm: number[];
  read_numbers: number[];
  read_exam: number[];
  coef_names: string[];
  coef: number[];
}

/**
 * Reads the same files with read.csv and fits the same model with lm(), timing each call
 * inside R with system.time (which runs gc() first, outside the timing). The lm time
 * includes summary(), because Nestor's fitLm returns summary.lm's table and statistics
 * with the fit. Factors as
 * Nestor reads them: text columns become factors (stringsAsFactors = TRUE), and the
 * exam ids are read as factors as Nestor's import is told to. Arguments: runs, the lm
 * file, the numbers file, the exam-like file.
 */
export const R_IMPORT_LM = `
args <- commandArgs(trailingOnly = TRUE)
runs <- as.integer(args[[1]])
lm_csv <- args[[2]]; numbers_csv <- args[[3]]; exam_csv <- args[[4]]
elapsed <- function(f) vapply(seq_len(runs), function(i) system.time(f())[["elapsed"]], numeric(1))

d <- NULL; fit <- NULL
read_lm <- elapsed(function() d <<- read.csv(lm_csv, stringsAsFactors = TRUE))
fit_lm <- elapsed(function() { fit <<- lm(${LM_FORMULA}, data = d); summary(fit) })
read_numbers <- elapsed(function() read.csv(numbers_csv))
read_exam <- elapsed(function() read.csv(exam_csv, stringsAsFactors = TRUE, colClasses = c(school = "factor", student = "factor")))

num <- function(x) paste0("[", paste(sprintf("%.17g", x), collapse = ","), "]")
str <- function(x) paste0("[", paste0('"', x, '"', collapse = ","), "]")
cf <- coef(fit)
cat(sprintf('{"read_lm":%s,"lm":%s,"read_numbers":%s,"read_exam":%s,"coef_names":%s,"coef":%s}\\n',
  num(read_lm), num(fit_lm), num(read_numbers), num(read_exam), str(names(cf)), num(unname(cf))))
`;
