/**
 * What a key does to a focused zoomable panel: + and − zoom around the centre,
 * arrows pan by a tenth of the panel, 0 resets. Pure, so the keys are tested
 * without a chart.
 */
export type PanelKeyAction = { kind: 'zoom'; factor: number } | { kind: 'pan'; x: number; y: number } | { kind: 'reset' };

export const ZOOM_STEP = 1.25;

export function panelKeyAction(key: string, size: { width: number; height: number }): PanelKeyAction | null {
  const dx = Math.round(size.width / 10);
  const dy = Math.round(size.height / 10);
  switch (key) {
    case '+':
    case '=':
      return { kind: 'zoom', factor: ZOOM_STEP };
    case '-':
    case '−':
    case '_':
      return { kind: 'zoom', factor: 1 / ZOOM_STEP };
    case '0':
      return { kind: 'reset' };
    // Panning moves the view: the right arrow shows what lies to the right, so the data move left.
    case 'ArrowRight':
      return { kind: 'pan', x: -dx, y: 0 };
    case 'ArrowLeft':
      return { kind: 'pan', x: dx, y: 0 };
    case 'ArrowUp':
      return { kind: 'pan', x: 0, y: dy };
    case 'ArrowDown':
      return { kind: 'pan', x: 0, y: -dy };
    default:
      return null;
  }
}

/** The data row a clicked chart datum stands for (its 1-based `row`), or null. */
export function datumRow(datum: unknown): number | null {
  if (typeof datum !== 'object' || datum === null || !('row' in datum)) return null;
  const row = (datum as { row: unknown }).row;
  return typeof row === 'number' && Number.isInteger(row) && row >= 1 ? row : null;
}
