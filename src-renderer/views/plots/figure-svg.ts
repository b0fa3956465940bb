import { INK, FONT } from './chart-style';
import type { PanelBox } from './figure-grid';
import { TITLE_BAND } from './figure-labels';

/**
 * One SVG document of a figure: a white ground, the figure's title (if any)
 * in a band on top, and each panel's own SVG (as svgcanvas serialised it)
 * nested at its place in the grid, below the band.
 */
export interface SvgPanel {
  box: PanelBox;
  /** A serialised <svg> element of the panel's width and height. */
  svg: string;
}

export function composeSvg(figure: { width: number; height: number; title?: string; panels: SvgPanel[] }): string {
  const band = figure.title ? TITLE_BAND : 0;
  const width = Math.ceil(figure.width);
  const height = Math.ceil(figure.height + band);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
  ];
  if (figure.title) {
    parts.push(
      `<text x="${width / 2}" y="${band / 2}" text-anchor="middle" dominant-baseline="central" fill="${INK}" font-family="${escapeXml(FONT)}" font-size="15" font-weight="600">${escapeXml(figure.title)}</text>`,
    );
  }
  for (const panel of figure.panels) parts.push(placed(panel.svg, panel.box.x, panel.box.y + band));
  parts.push('</svg>');
  return parts.join('\n');
}

/** The panel's <svg> root with its position set (nested svg elements are placed by x and y). */
function placed(svg: string, x: number, y: number): string {
  const body = svg.replace(/^\s*<\?xml[^>]*\?>\s*/, '');
  if (!body.startsWith('<svg')) throw new Error('A panel did not render as an SVG element.');
  return body.replace(/^<svg\b/, `<svg x="${x}" y="${y}"`);
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}
