import { PIXEL_RATIO } from './panel-chart';

/**
 * The panels of a figure as one PNG at PIXEL_RATIO × their CSS size: each
 * panel's canvas (already drawn at that ratio) placed side by side on white.
 */
export function figureCanvas(canvases: HTMLCanvasElement[]): HTMLCanvasElement {
  const sizes = canvases.map((c) => ({ width: c.clientWidth, height: c.clientHeight }));
  const out = document.createElement('canvas');
  out.width = sizes.reduce((sum, s) => sum + s.width, 0) * PIXEL_RATIO;
  out.height = Math.max(0, ...sizes.map((s) => s.height)) * PIXEL_RATIO;
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('This window cannot draw an image (no 2D canvas).');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  let x = 0;
  canvases.forEach((c, k) => {
    ctx.drawImage(c, x * PIXEL_RATIO, 0, sizes[k].width * PIXEL_RATIO, sizes[k].height * PIXEL_RATIO);
    x += sizes[k].width;
  });
  return out;
}

export function pngBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The figure could not be encoded as PNG.'))), 'image/png'),
  );
}

/** A file name from the model's name and the plot kind: m3-caterpillar.png. */
export function pngFileName(modelName: string, kind: string): string {
  const safe = modelName.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '') || 'model';
  return `${safe}-${kind}.png`;
}
