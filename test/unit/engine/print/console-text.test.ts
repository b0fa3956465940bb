import { describe, expect, it } from 'vitest';
import { catFill, printNamedStrings } from '../../../../src-main/engine/print/console-text';

describe('catFill: cat(..., fill = TRUE)', () => {
  // Expected texts are R 4.2.2's output of the same cat() calls.
  it('breaks after the separator once an item would pass the width', () => {
    expect(catFill(['Number of obs: 4059, groups: ', 'school:class, 650; school, 65; region, 12; country, 3; continentname, 2'])).toBe(
      'Number of obs: 4059, groups:  \nschool:class, 650; school, 65; region, 12; country, 3; continentname, 2\n',
    );
    expect(catFill(['A', 'b'.repeat(70), 'c', 'ddddddd'])).toBe(`A ${'b'.repeat(70)} c \nddddddd\n`);
    expect(catFill(['aaaa', 'bbbb', 'cccc'], 10)).toBe('aaaa bbbb \ncccc\n');
  });

  it('takes another separator', () => {
    expect(catFill(['x', 'y'], 10, '')).toBe('xy\n');
  });
});

describe('printNamedStrings: print(x, quote = FALSE) of a named character vector', () => {
  it('right-justifies names and values to one width', () => {
    expect(printNamedStrings(['  9328.9', '4053'], ['AIC', 'df.resid'])).toBe('     AIC df.resid \n  9328.9     4053 \n');
  });

  it('puts as many as fit on a line', () => {
    // R: options(width = 40); print(setNames(as.character(0:11), paste0("name", 1:12)), quote = FALSE)
    const names = Array.from({ length: 12 }, (_, k) => `name${k + 1}`);
    expect(printNamedStrings(names.map((_, k) => String(k)), names, 40)).toBe(
      ' name1  name2  name3  name4  name5 \n     0      1      2      3      4 \n' +
        ' name6  name7  name8  name9 name10 \n     5      6      7      8      9 \n' +
        'name11 name12 \n    10     11 \n',
    );
  });
});
