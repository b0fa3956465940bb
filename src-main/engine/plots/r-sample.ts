/**
 * set.seed(seed); sample(levels, k) as R (≥ 3.6) draws it: the Mersenne
 * Twister seeded by R's scrambling, and sample.kind = "Rejection". So a seeded
 * subset of groups is the one the course notes draw with the same seed.
 */
const N = 624;
const M = 397;

export class RRandom {
  private readonly mt = new Uint32Array(N);
  private mti = N;

  constructor(seed: number) {
    let s = seed >>> 0;
    // RNG_Init: initial scrambling, then the 625 seeds (the first is the position, then fixed to 624).
    for (let j = 0; j < 50; j++) s = (Math.imul(69069, s) + 1) >>> 0;
    s = (Math.imul(69069, s) + 1) >>> 0;
    for (let j = 0; j < N; j++) {
      s = (Math.imul(69069, s) + 1) >>> 0;
      this.mt[j] = s;
    }
  }

  private genrand(): number {
    const mt = this.mt;
    if (this.mti >= N) {
      let kk = 0;
      const mag = (y: number) => (y & 1 ? 0x9908b0df : 0);
      for (; kk < N - M; kk++) {
        const y = (mt[kk] & 0x80000000) | (mt[kk + 1] & 0x7fffffff);
        mt[kk] = mt[kk + M] ^ (y >>> 1) ^ mag(y);
      }
      for (; kk < N - 1; kk++) {
        const y = (mt[kk] & 0x80000000) | (mt[kk + 1] & 0x7fffffff);
        mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ mag(y);
      }
      const y = (mt[N - 1] & 0x80000000) | (mt[0] & 0x7fffffff);
      mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ mag(y);
      this.mti = 0;
    }
    let y = mt[this.mti++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return (y >>> 0) * 2.3283064365386963e-10;
  }

  /** unif_rand(): in (0, 1). */
  unif(): number {
    const v = this.genrand();
    if (v <= 0) return 0.5 * 2.328306437080797e-10;
    if (1 - v <= 0) return 1 - 0.5 * 2.328306437080797e-10;
    return v;
  }

  /** R_unif_index(n): rejection sampling on the bits below the next power of two. */
  index(n: number): number {
    if (n <= 0) return 0;
    const bits = Math.ceil(Math.log2(n));
    for (;;) {
      let v = 0;
      for (let b = 0; b <= bits; b += 16) v = 65536 * v + Math.floor(this.unif() * 65536);
      const dv = v % 2 ** bits;
      if (dv < n) return dv;
    }
  }
}

/** sample(items, k) after set.seed(seed): k of the items without replacement, in the order drawn. */
export function rSample<T>(items: readonly T[], k: number, seed: number): T[] {
  const rng = new RRandom(seed);
  const pool = items.map((_, i) => i);
  let n = pool.length;
  const out: T[] = [];
  for (let i = 0; i < Math.min(k, items.length); i++) {
    const j = rng.index(n);
    out.push(items[pool[j]]);
    pool[j] = pool[--n];
  }
  return out;
}
