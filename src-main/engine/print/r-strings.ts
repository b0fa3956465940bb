/**
 * R's name-mangling string functions that printed model output depends on:
 * abbreviate() (the column labels of lme4's "Correlation of Fixed Effects",
 * "(Intr)", "stnLRT"), and make.names()/make.unique() (lme4's labels for
 * repeated grouping factors, "Subject.1").
 */

/** isspace() of the C locale. */
const isSpace = (c: string | undefined): boolean => c !== undefined && /^[ \t\n\v\f\r]$/.test(c);
/** islower() of the C locale: R's ASCII path; a UTF-8 locale classifies no other single byte either. */
const isLower = (c: string | undefined): boolean => c !== undefined && c >= 'a' && c <= 'z';
const ASCII_VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);
/**
 * The lower-case vowels of R's wide-character path, copied as R 4.2 has them —
 * 0x2e ('.') stands where 0xe2 ('â') was meant, so R also drops dots from non-ASCII names.
 */
const WIDE_VOWELS = new Set(
  [
    0x61, 0x65, 0x69, 0x6f, 0x75, 0xe0, 0xe1, 0x2e, 0xe3, 0xe4, 0xe5, 0xe8, 0xe9, 0xea, 0xeb, 0xec, 0xed, 0xee, 0xef, 0xf2, 0xf3, 0xf4, 0xf5,
    0xf6, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0x101, 0x103, 0x105, 0x113, 0x115, 0x117, 0x118, 0x11b, 0x129, 0x12b, 0x12d, 0x12f, 0x131, 0x14d,
    0x14f, 0x151, 0x169, 0x16b, 0x16d, 0x16f, 0x171, 0x173,
  ].map((c) => String.fromCodePoint(c)),
);

/**
 * R's C routine stripchars() (src/main/character.c): drops characters from the end
 * until `minlength` remain — lower-case vowels ending a word, then other lower-case
 * vowels not starting a word, then lower-case letters likewise, then anything but a
 * word's first letter — and finally removes the spaces between words. Loops walk from
 * the right and never touch the first character; every step re-checks the length,
 * counting the spaces still to be removed as absent.
 */
function stripChars(input: string, minlength: number, useClasses: boolean): string {
  const s = Array.from(input);
  const wide = Array.from(input).some((c) => (c.codePointAt(0) as number) > 0x7f);
  const isVowel = (c: string | undefined) => c !== undefined && (wide ? WIDE_VOWELS : ASCII_VOWELS).has(c);
  let nspace = 0;
  const done = () => s.length - nspace <= minlength;
  const firstChar = (i: number) => isSpace(s[i - 1]);
  const lastChar = (i: number) => !isSpace(s[i - 1]) && (i + 1 >= s.length || isSpace(s[i + 1]));
  const sweep = (drop: (i: number) => boolean): boolean => {
    for (let i = s.length - 1; i > 0; i--) {
      if (i < s.length && drop(i)) s.splice(i, 1);
      if (done()) return true;
    }
    return false;
  };

  finish: {
    if (s.length < minlength) break finish;
    // Trailing spaces go; inner ones are counted, as they still separate words.
    let trailing = true;
    for (let i = s.length - 1; i > 0; i--) {
      if (isSpace(s[i])) {
        if (trailing) s.length = i;
        else nspace++;
      } else trailing = false;
      if (done()) break finish;
    }
    if (useClasses) {
      if (sweep((i) => isVowel(s[i]) && lastChar(i))) break finish;
      if (sweep((i) => isVowel(s[i]) && !firstChar(i))) break finish;
      if (sweep((i) => isLower(s[i]) && lastChar(i))) break finish;
      if (sweep((i) => isLower(s[i]) && !firstChar(i))) break finish;
    }
    sweep((i) => !firstChar(i) && !isSpace(s[i]));
  }
  if (s.length > minlength) {
    for (let i = s.length - 1; i > 0; i--) if (isSpace(s[i])) s.splice(i, 1);
  }
  return s.join('');
}

/** .Internal(abbreviate()): names no longer than minlength are kept as they are. */
function abbreviateEach(names: readonly string[], minlength: number, useClasses: boolean): string[] {
  return names.map((n) => (Array.from(n).length > minlength ? stripChars(n, minlength, useClasses) : n));
}

export interface AbbreviateOptions {
  useClasses?: boolean;
  /** strict = TRUE: no lengthening to make the abbreviations unique. */
  strict?: boolean;
}

/**
 * R's abbreviate(names, minlength) with method "left.kept": leading and trailing
 * blanks removed, duplicates abbreviated once, and while two different names share an
 * abbreviation, those names are abbreviated again one character longer.
 */
export function abbreviate(names: readonly string[], minlength = 4, options: AbbreviateOptions = {}): string[] {
  const useClasses = options.useClasses ?? true;
  if (minlength <= 0) return names.map(() => '');
  const trimmed = names.map((n) => n.replace(/ +$/, '').replace(/^ +/, ''));
  const distinct = [...new Set(trimmed)];
  const x = distinct.slice();
  if (options.strict) {
    abbreviateEach(distinct, minlength, useClasses).forEach((a, k) => (x[k] = a));
  } else {
    let redo = distinct.map(() => true);
    let len = minlength;
    for (;;) {
      const idx = redo.flatMap((r, k) => (r ? [k] : []));
      const ans = abbreviateEach(
        idx.map((k) => distinct[k]),
        len,
        useClasses,
      );
      idx.forEach((k, j) => (x[k] = ans[j]));
      const dup = duplicatedFlags(x);
      if (!dup.some(Boolean)) break;
      len++;
      // Every name sharing an abbreviation with a duplicate is redone, the first one too.
      const clashing = new Set(x.filter((_, k) => dup[k]));
      redo = x.map((a, k) => dup[k] || clashing.has(a));
    }
  }
  return trimmed.map((n) => x[distinct.indexOf(n)]);
}

function duplicatedFlags(values: readonly string[]): boolean[] {
  const seen = new Set<string>();
  return values.map((v) => {
    const d = seen.has(v);
    seen.add(v);
    return d;
  });
}

/**
 * R's make.unique(names, sep = "."): the second and later copies of a name get
 * ".1", ".2", …, skipping suffixed names that are already taken.
 */
export function makeUnique(names: readonly string[], sep = '.'): string[] {
  const out = names.slice();
  const taken = new Set(names);
  const counter = new Map<string, number>();
  const seen = new Set<string>();
  for (let i = 0; i < names.length; i++) {
    const n = names[i];
    if (!seen.has(n)) {
      seen.add(n);
      continue;
    }
    let k = counter.get(n) ?? 0;
    let candidate: string;
    do {
      k++;
      candidate = `${n}${sep}${k}`;
    } while (taken.has(candidate));
    counter.set(n, k);
    taken.add(candidate);
    out[i] = candidate;
  }
  return out;
}

const RESERVED = new Set([
  'if',
  'else',
  'repeat',
  'while',
  'function',
  'for',
  'next',
  'break',
  'TRUE',
  'FALSE',
  'NULL',
  'Inf',
  'NaN',
  'NA',
  'NA_integer_',
  'NA_real_',
  'NA_character_',
  'NA_complex_',
  'in',
]);

/**
 * R's make.names(names, unique): "X" before a name that does not start with a letter
 * (or with a dot not followed by a digit), every character other than letters, digits,
 * "." and "_" turned into ".", a "." after reserved words; then make.unique.
 */
export function makeNames(names: readonly string[], unique = false): string[] {
  const valid = names.map((name) => {
    const first = name.charAt(0);
    const needsPrefix = first === '.' ? /^[0-9]$/.test(name.charAt(1)) : !/^\p{L}$/u.test(first);
    let out = (needsPrefix ? 'X' : '') + Array.from(name, (c) => (/^[\p{L}\p{N}._]$/u.test(c) ? c : '.')).join('');
    if (RESERVED.has(out) || /^\.\.(\.|[0-9]+)$/.test(out)) out += '.';
    return out;
  });
  return unique ? makeUnique(valid) : valid;
}
