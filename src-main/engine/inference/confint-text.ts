import { padLeft, padRight, textWidth } from '../print/decimal';
import { encodeReal, formatRealLayout, type RValue } from '../print/format-real';

/**
 * A matrix of intervals as R prints confint()'s answer: row names left-aligned,
 * the columns "2.5 %" and "97.5 %" each formatted on its own to 7 significant
 * digits (print.default of a numeric matrix), NA where an end is missing.
 */
export function formatConfintMatrix(names: readonly string[], ci: readonly (readonly RValue[])[], level = 0.95): string {
  const tail = (1 - level) / 2;
  const headers = [percentLabel(tail), percentLabel(1 - tail)];
  const columns = [0, 1].map((c) => {
    const values = ci.map((row) => (row[c] === null || !Number.isFinite(row[c] as number) ? null : row[c]));
    const layout = formatRealLayout(values);
    const cells = values.map((v) => encodeReal(v, layout));
    const width = Math.max(textWidth(headers[c]), ...cells.map(textWidth));
    return { header: padLeft(headers[c], width), cells: cells.map((x) => padLeft(x, width)) };
  });
  const nameWidth = Math.max(0, ...names.map(textWidth));
  const lines = [`${padRight('', nameWidth)} ${columns.map((c) => c.header).join(' ')}`];
  names.forEach((name, i) => lines.push(`${padRight(name, nameWidth)} ${columns.map((c) => c.cells[i]).join(' ')}`));
  return lines.join('\n') + '\n';
}

/** R's format of a probability as a percentage in confint's column names: "2.5 %", "97.5 %". */
export function percentLabel(p: number): string {
  return `${Number((100 * p).toPrecision(3))} %`;
}
