/** mulberry32: a small seeded generator, so every run writes the same files. Uniform on [0, 1). */
export function uniformGenerator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws by the Box–Muller transform, both values of each pair used. */
export function normalGenerator(seed: number): () => number {
  const uniform = uniformGenerator(seed);
  let spare = NaN;
  return () => {
    if (spare === spare) {
      const z = spare;
      spare = NaN;
      return z;
    }
    const u = 1 - uniform(); // (0, 1]: log(0) never happens
    const r = Math.sqrt(-2 * Math.log(u));
    const angle = 2 * Math.PI * uniform();
    spare = r * Math.sin(angle);
    return r * Math.cos(angle);
  };
}
