import { describe, expect, it } from 'vitest';
import type { ChartConfiguration, ChartType } from 'chart.js';
import { mergeChoice } from '../../../../../src-renderer/lib/merge-choice';
import { nextReveal } from '../../../../../src-renderer/lib/reveal-row';
import { topRowToReveal } from '../../../../../src-renderer/lib/grid/scroll-keys';
import { gridBoxes } from '../../../../../src-renderer/views/plots/figure-grid';
import { cleanLabels, defaultAxisTitles, TITLE_BAND, withAxisLabels } from '../../../../../src-renderer/views/plots/figure-labels';
import { settingsKind, zoomAxes } from '../../../../../src-renderer/views/plots/figure-spec';
import { composeSvg, escapeXml } from '../../../../../src-renderer/views/plots/figure-svg';
import { withViewRanges } from '../../../../../src-renderer/views/plots/figure-view-range';
import { datumRow, panelKeyAction } from '../../../../../src-renderer/views/plots/panel-interaction';

type Config = ChartConfiguration<ChartType, unknown[], unknown>;

function panelConfig(showY: boolean): Config {
  return {
    type: 'scatter',
    data: { datasets: [] },
    options: {
      scales: {
        x: { type: 'linear', title: { display: true, text: 'standLRT' } },
        y: { type: 'linear', title: { display: showY, text: 'normexam' } },
      },
    },
  } as Config;
}
const titles = (c: Config) => {
  const s = c.options?.scales as Record<string, { title: { text: string } }>;
  return [s.x.title.text, s.y.title.text];
};

describe('figure grid', () => {
  it('places panels as the CSS grid does: columns as wide as their widest panel, rows as tall as their tallest', () => {
    const layout = gridBoxes(
      [
        { width: 304, height: 200 },
        { width: 240, height: 220 },
        { width: 300, height: 150 },
      ],
      2,
    );
    expect(layout.boxes).toEqual([
      { x: 0, y: 0, width: 304, height: 200 },
      { x: 304, y: 0, width: 240, height: 220 },
      { x: 0, y: 220, width: 300, height: 150 },
    ]);
    expect([layout.width, layout.height]).toEqual([544, 370]);
  });
});

describe('figure labels', () => {
  it('replace the axis titles where a panel shows them, and leave hidden ones hidden', () => {
    expect(titles(withAxisLabels(panelConfig(true), { x: 'London reading test', y: 'Exam score' }))).toEqual(['London reading test', 'Exam score']);
    const second = withAxisLabels(panelConfig(false), { y: 'Exam score' });
    expect(titles(second)).toEqual(['standLRT', 'normexam']);
    expect(titles(withAxisLabels(panelConfig(true), { x: '   ' }))).toEqual(['standLRT', 'normexam']);
  });

  it('blank fields are the plot’s own words; defaults come from the first panel showing each title', () => {
    expect(cleanLabels({ title: '  Schools ', x: '', y: ' ' })).toEqual({ title: 'Schools' });
    expect(defaultAxisTitles([panelConfig(false), panelConfig(true)])).toEqual({ x: 'standLRT', y: 'normexam' });
  });
});

describe('SVG composition', () => {
  const fake = (w: number, h: number, text: string) =>
    `<?xml version="1.0" encoding="utf-8"?><svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><text>${text}</text></svg>`;

  it('nests each panel at its grid place on a white ground, below the title band', () => {
    const layout = gridBoxes(
      [
        { width: 300, height: 200 },
        { width: 240, height: 200 },
      ],
      2,
    );
    const svg = composeSvg({ ...layout, title: 'Schools & <pupils>', panels: layout.boxes.map((box, i) => ({ box, svg: fake(box.width, box.height, `panel ${i}`) })) });
    expect(svg).toMatch(new RegExp(`^<svg xmlns="http://www.w3.org/2000/svg"[^>]* width="540" height="${200 + TITLE_BAND}"`));
    expect(svg).toContain('<rect x="0" y="0" width="540" height="234" fill="#ffffff"/>');
    expect(svg).toContain('>Schools &amp; &lt;pupils&gt;</text>');
    expect(svg).toContain(`<svg x="0" y="${TITLE_BAND}" xmlns="http://www.w3.org/2000/svg" width="300" height="200"><text>panel 0</text></svg>`);
    expect(svg).toContain(`<svg x="300" y="${TITLE_BAND}"`);
    expect(svg).not.toContain('<?xml');
    expect(svg.trim().endsWith('</svg>')).toBe(true);
  });

  it('has no band without a title, and refuses a panel that is not SVG', () => {
    const svg = composeSvg({ width: 100, height: 50, panels: [{ box: { x: 0, y: 0, width: 100, height: 50 }, svg: fake(100, 50, 'p') }] });
    expect(svg).toContain('width="100" height="50"');
    expect(svg).toContain('<svg x="0" y="0"');
    expect(() => composeSvg({ width: 1, height: 1, panels: [{ box: { x: 0, y: 0, width: 1, height: 1 }, svg: '<g/>' }] })).toThrow(/SVG/);
    expect(escapeXml(`a"b'c`)).toBe('a&quot;b&apos;c');
  });
});

describe('zoom, keys and rows', () => {
  it('fixes the exported axes to the ranges on screen', () => {
    const c = withViewRanges(panelConfig(true), { x: { min: -1, max: 2 }, y: { min: Number.NaN, max: 3 }, r: { min: 0, max: 1 } });
    const scales = c.options?.scales as Record<string, { min?: number; max?: number }>;
    expect([scales.x.min, scales.x.max]).toEqual([-1, 2]);
    expect(scales.y.min).toBeUndefined();
    expect(scales.r).toBeUndefined();
    expect(withViewRanges(panelConfig(true), null)).toEqual(panelConfig(true));
  });

  it('maps + − 0 and arrows to zoom, reset and pan by a tenth of the panel', () => {
    const size = { width: 300, height: 200 };
    expect(panelKeyAction('+', size)).toEqual({ kind: 'zoom', factor: 1.25 });
    expect(panelKeyAction('-', size)).toEqual({ kind: 'zoom', factor: 0.8 });
    expect(panelKeyAction('0', size)).toEqual({ kind: 'reset' });
    expect(panelKeyAction('ArrowRight', size)).toEqual({ kind: 'pan', x: -30, y: 0 });
    expect(panelKeyAction('ArrowUp', size)).toEqual({ kind: 'pan', x: 0, y: 20 });
    expect(panelKeyAction('a', size)).toBeNull();
    // A panel that zooms x only (a caterpillar's values) does not pan its group axis.
    expect(panelKeyAction('ArrowUp', size, 'x')).toBeNull();
    expect(panelKeyAction('ArrowLeft', size, 'x')).toEqual({ kind: 'pan', x: 30, y: 0 });
    expect(zoomAxes({ zoomable: true })).toBe('xy');
    expect(zoomAxes({ zoomable: 'x' })).toBe('x');
    expect(zoomAxes({})).toBeNull();
  });

  it('reads the 1-based data row of a datum, if it has one', () => {
    expect(datumRow({ x: 1, y: 2, row: 17 })).toBe(17);
    expect(datumRow({ x: 1, y: 2 })).toBeNull();
    expect(datumRow({ row: 0 })).toBeNull();
    expect(datumRow({ row: '3' })).toBeNull();
    expect(datumRow(null)).toBeNull();
  });

  it('reveals a row a third of the way down the grid, within the rows there are', () => {
    expect(topRowToReveal(1, 30, 4059)).toBe(0);
    expect(topRowToReveal(500, 30, 4059)).toBe(489);
    expect(topRowToReveal(4059, 30, 4059)).toBe(4029);
    expect(topRowToReveal(3, 30, 10)).toBe(0);
  });

  it('asks the Data grid for a row only if the dataset has it, and again for the same row', () => {
    const first = nextReveal(null, 'ds-1', 17, 4059);
    expect(first).toEqual({ datasetId: 'ds-1', row: 17, seq: 1 });
    expect(nextReveal(first, 'ds-1', 17, 4059)).toEqual({ datasetId: 'ds-1', row: 17, seq: 2 });
    expect(nextReveal(first, 'ds-1', 0, 4059)).toBeNull();
    expect(nextReveal(first, 'ds-1', 4060, 4059)).toBeNull();
    expect(nextReveal(first, 'ds-1', 2.5, 4059)).toBeNull();
  });

  it('restores a saved Data plots choice field by field, keeping only fields of the right type', () => {
    const initial = { datasetId: null as string | null, y: null as string | null, order: 'level', variables: [] as string[], subset: { k: 10 } };
    const restored = mergeChoice(initial, { datasetId: 'ds-1', y: 'normexam', order: 'median', variables: ['a'], subset: 'all', colour: 'sex' });
    expect(restored).toEqual({ datasetId: 'ds-1', y: 'normexam', order: 'median', variables: ['a'], subset: { k: 10 } });
    expect(mergeChoice(initial, { order: 3, variables: 'a' })).toEqual(initial);
    expect(mergeChoice(initial, { order: null, subset: null, y: { a: 1 } })).toEqual(initial);
    expect(mergeChoice(initial, null)).toEqual(initial);
    expect(mergeChoice(initial, {})).not.toBe(initial);
  });

  it('makes settings kinds that fit the key and keep different choices apart', () => {
    const a = settingsKind('box', 'normexam', 'school');
    expect(a).toMatch(/^box\.normexam\.school\.[0-9a-z]{7}$/);
    expect(settingsKind('box', 'a b', 'g')).not.toBe(settingsKind('box', 'a_b', 'g'));
    expect(settingsKind('box', 'x'.repeat(200), 'g').length).toBeLessThanOrEqual(64);
    expect(settingsKind('caterpillar')).toBe('caterpillar');
  });
});
