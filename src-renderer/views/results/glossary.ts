/**
 * What the numbers mean, in a sentence or two, for the tooltips beside them.
 * Written for a student who has met regression but not mixed models.
 */
export const GLOSSARY = {
  reml:
    'The REML criterion is −2 × the restricted log-likelihood, which lmer minimises by default. REML allows for the fixed effects estimated alongside, so its variances are less biased; compare models by it only when their fixed effects are the same.',
  deviance:
    'The deviance is −2 × the log-likelihood at the maximum-likelihood estimates. The difference in deviance between two nested models fitted by ML is the likelihood-ratio test statistic.',
  logLik:
    'The log-likelihood measures how probable the data are under the fitted model; higher is better. For a REML fit it is the restricted log-likelihood, comparable only between models with the same fixed effects.',
  aic: 'Akaike’s information criterion, −2 logLik + 2 × (number of parameters): lower is better. It weighs fit against complexity when comparing models fitted to the same data.',
  bic: 'The Bayesian information criterion, −2 logLik + log(n) × (number of parameters): lower is better. It penalises extra parameters more than AIC does, so it favours simpler models.',
  sigma:
    'σ, the residual standard deviation: how far observations typically lie from their fitted values, in the units of the response, once the fixed and random effects are accounted for.',
  variance:
    'Variance components: how much intercepts (or slopes) vary between groups, and how much observations vary around their own group’s line (Residual). The standard deviations are their square roots, in the units of the response.',
  corr: 'The correlation of random effects says whether groups with a higher intercept tend to have steeper (positive) or flatter (negative) slopes. Values near ±1 often mean the data cannot tell the two effects apart.',
  wald: 'A Wald interval is the estimate ± 1.96 standard errors, from a normal approximation. It is quick but ignores the uncertainty in the variance components; profile or bootstrap intervals are more accurate in small samples.',
  t: 'The t value is the estimate divided by its standard error: how many standard errors it lies from zero. lme4 gives no p-value for mixed models because the degrees of freedom are not known exactly; |t| above about 2 is a rough guide.',
  z: 'The z value is the estimate divided by its standard error. For a generalized linear mixed model lme4 compares it with the standard normal distribution (a Wald test).',
  pz: 'Pr(>|z|) is the probability of a z value at least this far from zero if the true coefficient were zero, from the normal approximation.',
  oddsRatio:
    'With the logit link a coefficient is a change in the log-odds of the outcome, so exp(coefficient) is an odds ratio: how many times the odds multiply for one unit more of the predictor (below 1: the odds fall). An interval that excludes 1 matches a Wald test significant at 5%.',
  varianceGlmer:
    'Variance components on the link scale (log-odds for logit, log counts for poisson): how much the groups’ intercepts (or slopes) vary. Binomial and poisson models have no residual variance; the spread of the observations follows from their mean.',
  p: 'The p-value is the probability of a t value at least this far from zero if the true coefficient were zero.',
  confint:
    'The 95% confidence interval from the t distribution with the residual degrees of freedom: intervals made this way contain the true coefficient in 95% of samples.',
  condModes:
    'Conditional modes (BLUPs) are each group’s own deviations from the fixed-effects line, predicted from its data and shrunk towards zero, more so for groups with few observations.',
  singular:
    'A singular fit has a random-effects variance estimated at zero or a correlation at ±1: the random-effects structure is more complex than these data can support. The estimates are valid, but a simpler structure usually describes the data as well.',
  r2: 'R² is the share of the response’s variance that the model explains; adjusted R² corrects it for the number of coefficients, so that adding a useless predictor does not raise it.',
  pooled:
    'lmList’s standard errors and intervals use one residual SD pooled over all groups (nlme’s default, pool = TRUE): the square root of the summed residual sums of squares over the summed residual degrees of freedom. So every group’s interval reflects the scatter around all the groups’ lines, not only around its own.',
  fstat: 'The F statistic tests all coefficients except the intercept at once: a small p-value says the model explains more than the mean alone.',
  ddf: 'Denominator degrees of freedom: how much information about a coefficient the data hold, which decides how heavy the tails of its t distribution are. For mixed models they are not known exactly; Satterthwaite and Kenward-Roger approximate them from the variance components.',
  typeIII:
    'A type III F test asks whether a whole term (all the columns of a factor together) adds to a model that already has every other term. With one column it is the square of that column’s t test.',
  profile:
    'A profile interval holds every value of a parameter that the likelihood-ratio test at 5% would not reject, refitting the other parameters at each value. It follows the likelihood, so it can be lopsided where Wald intervals cannot.',
  boot: 'A parametric-bootstrap interval: the model simulates many new data sets from its own estimates, is refitted to each, and the middle 95% of the refitted values is the interval. Slow but makes no normal approximation.',
} as const;

export type GlossaryKey = keyof typeof GLOSSARY;
