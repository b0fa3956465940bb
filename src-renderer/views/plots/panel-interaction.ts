/**
 * What a key does to a focused zoomable panel: + and − zoom around the centre,
 * arrows pan by a tenth of the panel, 0 resets. Pure, so the keys are tested
 * without a chart.
 */
export type PanelKeyAction = { kind: 'zoom'; factor: number } | { kind: 'pan'; x: number; y: number } | { kind: 'reset' };

export const ZOOM_STEP = 1.25;

export function panelKeyAction(key: string, size: { width: number; height: number }, axes: 'x' | 'y' | 'xy' = 'xy'): PanelKeyAction | null {
  // An axis the panel does not zoom does not pan either (the plugin's pan moves any axis it is given).
  const dx = axes.includes('x') ? Math.round(size.width / 10) : 0;
  const dy = axes.includes('y') ? Math.round(size.height / 10) : 0;
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
      return dx ? { kind: 'pan', x: -dx, y: 0 } : null;
    case 'ArrowLeft':
      return dx ? { kind: 'pan', x: dx, y: 0 } : null;
    case 'ArrowUp':
      return dy ? { kind: 'pan', x: 0, y: dy } : null;
    case 'ArrowDown':
      return dy ? { kind: 'pan', x: 0, y: -dy } : null;
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
