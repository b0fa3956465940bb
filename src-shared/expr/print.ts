import type { Expr } from './ast';

/**
 * Writes an expression back as R's deparse() does: spaces around binary
 * operators except `^`, `:`, `/`, `%%` and `%/%`, none after unary operators, parentheses as
 * written. Formulas print the way lme4 shows them (`normexam ~ standLRT + (1 | school)`).
 */
export function printExpression(e: Expr): string {
  switch (e.type) {
    case 'number':
      return e.text;
    case 'string':
      return JSON.stringify(e.value);
    case 'logical':
      return e.value ? 'TRUE' : 'FALSE';
    case 'na':
      return 'NA';
    case 'null':
      return 'NULL';
    case 'name':
      return /^[A-Za-z.][A-Za-z0-9._]*$/.test(e.name) && !/^\.[0-9]/.test(e.name) ? e.name : `\`${e.name}\``;
    case 'paren':
      return `(${printExpression(e.inner)})`;
    case 'unary':
      return e.op === '~' ? `~${printExpression(e.arg)}` : `${e.op}${printExpression(e.arg)}`;
    case 'binary': {
      // R's deparse writes these without spaces: a^b, a:b, a/b, a%%b, a%/%b (but a %in% b).
      const tight = e.op === '^' || e.op === ':' || e.op === '/' || e.op === '%%' || e.op === '%/%';
      const sep = tight ? e.op : ` ${e.op} `;
      return `${printExpression(e.left)}${sep}${printExpression(e.right)}`;
    }
    case 'call':
      return `${e.fn}(${e.args.map((a) => (a.name ? `${a.name} = ${printExpression(a.value)}` : printExpression(a.value))).join(', ')})`;
  }
}
