/**
 * `saved`'s fields over `initial`'s, each only if it fits: the same type as the
 * initial value, or, where the initial value is null (nothing chosen yet), null
 * or a string, number or boolean.
 */
export function mergeChoice<T extends object>(initial: T, saved: unknown): T {
  const out = structuredClone(initial) as Record<string, unknown>;
  if (typeof saved !== 'object' || saved === null || Array.isArray(saved)) return out as T;
  for (const [key, value] of Object.entries(saved as Record<string, unknown>)) {
    if (!(key in out)) continue;
    const was = out[key];
    const fits =
      was === null
        ? value === null || ['string', 'number', 'boolean'].includes(typeof value)
        : Array.isArray(was)
          ? Array.isArray(value)
          : value !== null && typeof value === typeof was && !Array.isArray(value);
    if (fits) out[key] = value;
  }
  return out as T;
}
