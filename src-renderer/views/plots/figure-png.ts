import { FONT, INK, PIXEL_RATIO } from './chart-style';
import { TITLE_BAND } from './figure-labels';

/**
 * A figure's panels as one canvas at PIXEL_RATIO × their CSS size: each
 * panel's canvas (already drawn at that ratio) placed where it sits on screen,
 * on white, with the figure's title (which sits in a band above the panels on
 * screen too) drawn in that band.
 */
export function figureCanvas(figure: HTMLElement, title?: string): HTMLCanvasElement {
  const canvases = Array.from(figure.querySelectorAll('canvas'));
  const origin = figure.getBoundingClientRect();
  const boxes = canvases.map((c) => {
    const r = c.getBoundingClientRect();
    return { x: r.left - origin.left - figure.clientLeft, y: r.top - origin.top - figure.clientTop, width: c.clientWidth, height: c.clientHeight };
  });
  const out = document.createElement('canvas');
  out.width = Math.round(Math.max(0, ...boxes.map((b) => b.x + b.width)) * PIXEL_RATIO);
  out.height = Math.round(Math.max(0, ...boxes.map((b) => b.y + b.height)) * PIXEL_RATIO);
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('This window cannot draw an image (no 2D canvas).');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  canvases.forEach((c, k) => {
    const b = boxes[k];
    ctx.drawImage(c, b.x * PIXEL_RATIO, b.y * PIXEL_RATIO, b.width * PIXEL_RATIO, b.height * PIXEL_RATIO);
  });
  if (title) {
    ctx.save();
    ctx.scale(PIXEL_RATIO, PIXEL_RATIO);
    ctx.fillStyle = INK;
    ctx.font = `600 15px ${FONT}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(title, out.width / PIXEL_RATIO / 2, TITLE_BAND / 2);
    ctx.restore();
  }
  return out;
}

export function pngBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The figure could not be encoded as PNG.'))), 'image/png'),
  );
}
