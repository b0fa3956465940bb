/**
 * The syntax tree of an R-like expression. Recipes (`fail = ifelse(math < -10, 1, 0)`),
 * row filters (`school != 48`) and model formulas (`y ~ x * f + (x | g)`) are all
 * R expressions, so one parser serves them all; what an expression means is
 * decided later (evaluation over columns, or formula term expansion).
 * `start`/`end` are offsets into the source text, for error messages.
 */
export type BinaryOp =
  | '^'
  | ':'
  | '%in%'
  | '%%'
  | '%/%'
  | '*'
  | '/'
  | '+'
  | '-'
  | '<'
  | '>'
  | '<='
  | '>='
  | '=='
  | '!='
  | '&'
  | '&&'
  | '|'
  | '||'
  | '~';

export type UnaryOp = '-' | '+' | '!' | '~';

interface Span {
  start: number;
  end: number;
}

export type Expr =
  | ({ type: 'number'; value: number; text: string } & Span)
  | ({ type: 'string'; value: string } & Span)
  | ({ type: 'logical'; value: boolean } & Span)
  | ({ type: 'na' } & Span)
  | ({ type: 'null' } & Span)
  | ({ type: 'name'; name: string } & Span)
  | ({ type: 'paren'; inner: Expr } & Span)
  | ({ type: 'unary'; op: UnaryOp; arg: Expr } & Span)
  | ({ type: 'binary'; op: BinaryOp; left: Expr; right: Expr } & Span)
  | ({ type: 'call'; fn: string; args: CallArg[] } & Span);

export interface CallArg {
  name?: string;
  value: Expr;
}
