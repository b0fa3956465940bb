import { padLeft, textWidth } from './decimal';

/**
 * Two pieces of R's console output that lme4's printers use besides number
 * formatting: cat(..., fill = TRUE), and print() of a named character vector.
 */

const DEFAULT_WIDTH = 80;

/** Bytes of the UTF-8 text: do_cat measures items with strlen(). */
function byteLength(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/**
 * cat(items, fill = TRUE, sep) (src/main/builtin.c, do_cat): each item after the first
 * is preceded by the separator, and when the item would carry the line (its width plus
 * one separator counted after every item so far) past the console width, a newline
 * follows that separator — so a wrapped line keeps its trailing space. The text always
 * ends with a newline.
 */
export function catFill(items: readonly string[], width = DEFAULT_WIDTH, sep = ' '): string {
  let out = '';
  let used = 0;
  const sepWidth = byteLength(sep);
  items.forEach((item, k) => {
    const w = byteLength(item);
    if (k > 0) {
      out += sep;
      if (used + w + sepWidth > width) {
        out += '\n';
        used = 0;
      }
    }
    out += item;
    used += w + sepWidth;
  });
  return out + '\n';
}

/**
 * print(x, quote = FALSE) of a named character vector (printNamedVector for strings):
 * names over values, both right-justified to the widest of either, one space after
 * each, as many per line as fit in the console width.
 */
export function printNamedStrings(values: readonly string[], names: readonly string[], width = DEFAULT_WIDTH): string {
  const w = Math.max(0, ...values.map(textWidth), ...names.map(textWidth));
  const perLine = Math.max(1, Math.floor(width / (w + 1)));
  let out = '';
  for (let start = 0; start < values.length; start += perLine) {
    const end = Math.min(values.length, start + perLine);
    let head = '';
    let body = '';
    for (let k = start; k < end; k++) {
      head += padLeft(names[k], w) + ' ';
      body += padLeft(values[k], w) + ' ';
    }
    out += head + '\n' + body + '\n';
  }
  return out;
}
