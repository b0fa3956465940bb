import { BasicPlatform, Chart, type ChartConfiguration, type ChartType } from 'chart.js';
import { Context } from 'svgcanvas';

/**
 * One panel drawn by chart.js into an svgcanvas Context (a 2D context that
 * records SVG) instead of a canvas: the same configuration, plugins included
 * (box plots, error bars, reference lines draw through the same context calls),
 * at 1 CSS pixel per unit. BasicPlatform keeps chart.js from looking for a DOM
 * canvas or listening to events; animation off draws it in the constructor.
 */
export function panelSvg(config: ChartConfiguration<ChartType, unknown[], unknown>, width: number, height: number): string {
  const ctx = new Context({ width, height });
  // chart.js asks the item for its 2D context (BasicPlatform) and reads item.canvas, which svgcanvas points at itself.
  Object.assign(ctx, { getContext: () => ctx, style: {} });
  // chart.js strokes lines through a cached Path2D, which svgcanvas cannot record (lowess curves,
  // densities and reference lines went missing); a dataset with a `segment` option is drawn with
  // plain moveTo/lineTo instead, the same line.
  const datasets = config.data.datasets.map((d) => ({ segment: {}, ...d }));
  const chart = new Chart(ctx as unknown as CanvasRenderingContext2D, {
    ...config,
    data: { ...config.data, datasets },
    platform: BasicPlatform,
    options: { ...config.options, animation: false, responsive: false, maintainAspectRatio: false, devicePixelRatio: 1, events: [] },
  });
  try {
    return ctx.getSerializedSvg(true);
  } finally {
    chart.destroy();
  }
}
