import { AppError } from '../errors';

export type TokenKind = 'number' | 'string' | 'name' | 'op' | '(' | ')' | ',' | '=' | 'end';

export interface Token {
  kind: TokenKind;
  /** For names: the name (backticks removed); strings: the decoded text; ops: the operator. */
  text: string;
  start: number;
  end: number;
  /** Numbers: the value. */
  value?: number;
}

const OPERATORS = ['<=', '>=', '==', '!=', '&&', '||', '^', ':', '*', '/', '+', '-', '<', '>', '&', '|', '!', '~'];

/** Splits R-like source into tokens; a character that cannot start a token is an error naming its position. */
export function tokenize(source: string, what = 'expression'): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = source.length;
  while (i < n) {
    const c = source[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const start = i;
    if (isDigit(c) || (c === '.' && isDigit(source[i + 1] ?? ''))) {
      i = scanNumber(source, i);
      let text = source.slice(start, i);
      // R's integer suffix: 1L is the number 1.
      if (source[i] === 'L') i++;
      const value = Number(text);
      if (Number.isNaN(value)) throw syntaxError(source, start, `"${text}" is not a number`, what);
      text = source.slice(start, i);
      tokens.push({ kind: 'number', text, value, start, end: i });
      continue;
    }
    if (c === '"' || c === "'") {
      const { text, end } = scanString(source, i, what);
      tokens.push({ kind: 'string', text, start, end });
      i = end;
      continue;
    }
    if (c === '`') {
      const close = source.indexOf('`', i + 1);
      if (close < 0) throw syntaxError(source, start, 'a backtick-quoted name is never closed', what);
      tokens.push({ kind: 'name', text: source.slice(i + 1, close), start, end: close + 1 });
      i = close + 1;
      continue;
    }
    if (isNameStart(c)) {
      while (i < n && isNameChar(source[i])) i++;
      tokens.push({ kind: 'name', text: source.slice(start, i), start, end: i });
      continue;
    }
    if (c === '%') {
      const close = source.indexOf('%', i + 1);
      if (close < 0) throw syntaxError(source, start, 'a %…% operator is never closed', what);
      const op = source.slice(i, close + 1);
      if (op !== '%in%' && op !== '%%' && op !== '%/%') throw syntaxError(source, start, `the operator ${op} is not supported`, what);
      tokens.push({ kind: 'op', text: op, start, end: close + 1 });
      i = close + 1;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c, text: c, start, end: i + 1 });
      i++;
      continue;
    }
    if (c === '=' && source[i + 1] !== '=') {
      tokens.push({ kind: '=', text: '=', start, end: i + 1 });
      i++;
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (op) {
      tokens.push({ kind: 'op', text: op, start, end: i + op.length });
      i += op.length;
      continue;
    }
    throw syntaxError(source, start, `unexpected character "${c}"`, what);
  }
  tokens.push({ kind: 'end', text: '', start: n, end: n });
  return tokens;
}

/** A bad-input error that points at a character of the source (1-based column). */
export function syntaxError(source: string, offset: number, message: string, what = 'expression'): AppError {
  const column = offset + 1;
  return new AppError('bad-input', `In the ${what} "${source}", at character ${column}: ${message}.`, {
    source,
    position: column,
  });
}

function scanNumber(s: string, i: number): number {
  if (s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X')) {
    i += 2;
    while (i < s.length && /[0-9a-fA-F]/.test(s[i])) i++;
    return i;
  }
  while (i < s.length && isDigit(s[i])) i++;
  if (s[i] === '.') {
    i++;
    while (i < s.length && isDigit(s[i])) i++;
  }
  if (s[i] === 'e' || s[i] === 'E') {
    let j = i + 1;
    if (s[j] === '+' || s[j] === '-') j++;
    if (isDigit(s[j] ?? '')) {
      i = j;
      while (i < s.length && isDigit(s[i])) i++;
    }
  }
  return i;
}

function scanString(s: string, i: number, what: string): { text: string; end: number } {
  const quote = s[i];
  let out = '';
  let j = i + 1;
  while (j < s.length) {
    const c = s[j];
    if (c === quote) return { text: out, end: j + 1 };
    if (c === '\\') {
      const next = s[j + 1];
      const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", '0': '\0' };
      if (next === undefined || !(next in escapes)) throw syntaxError(s, j, `the escape \\${next ?? ''} is not supported`, what);
      out += escapes[next];
      j += 2;
      continue;
    }
    out += c;
    j++;
  }
  throw syntaxError(s, i, 'a string is never closed', what);
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}
function isNameStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '.' || c > '\x7f';
}
function isNameChar(c: string): boolean {
  return isNameStart(c) || isDigit(c) || c === '_';
}
