/**
 * Where each panel of a figure sits, as the CSS grid of FigureView places it
 * (`repeat(columns, max-content)`, items at the top of their cell): a column is
 * as wide as its widest panel, a row as tall as its tallest. The SVG export
 * composes panels with these boxes, so that it matches what is on screen.
 */
export interface PanelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function gridBoxes(panels: readonly { width: number; height: number }[], columns: number): { boxes: PanelBox[]; width: number; height: number } {
  const n = Math.max(1, Math.floor(columns));
  const widths: number[] = [];
  const heights: number[] = [];
  panels.forEach((p, i) => {
    const c = i % n;
    const r = Math.floor(i / n);
    widths[c] = Math.max(widths[c] ?? 0, p.width);
    heights[r] = Math.max(heights[r] ?? 0, p.height);
  });
  const left = prefixSums(widths);
  const top = prefixSums(heights);
  const boxes = panels.map((p, i) => ({ x: left[i % n], y: top[Math.floor(i / n)], width: p.width, height: p.height }));
  return { boxes, width: left[widths.length] ?? 0, height: top[heights.length] ?? 0 };
}

function prefixSums(sizes: number[]): number[] {
  const out = [0];
  for (const s of sizes) out.push(out[out.length - 1] + s);
  return out;
}
