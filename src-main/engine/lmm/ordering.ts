/**
 * A fill-reducing order for the sparse symmetric block of the later random-effects
 * terms (Z₂'Z₂ minus the first term's panels), found once per model: the pattern
 * does not depend on θ, so neither does the order nor the pattern of its factor
 * (lme4 gets the same from CHOLMOD's AMD).
 *
 * Minimum degree on the explicit elimination graph, one bitset row per node:
 * eliminating v joins its neighbours into a clique (a row OR per neighbour), and
 * the neighbours' degrees are recounted in the same pass. That costs
 * Σ deg(v)·n/32 word operations, small for the few thousand rows this block may
 * have, and it yields the exact column structures of the factor as it goes. Once
 * the least degree is that of a clique (every node left is joined to every
 * other), the rest is dense and is taken in order at once. The order is then
 * postordered along its elimination tree (the same fill) so that columns with
 * nested structures are adjacent, which keeps the factor's nonzero blocks in runs.
 */
export interface FillOrder {
  n: number;
  /** perm[t] = the original row at position t; iperm is its inverse. */
  perm: Int32Array;
  iperm: Int32Array;
  /** Column t's rows below the diagonal in the factor (new indices, increasing): idx[ptr[t]..ptr[t + 1]). Columns from `denseFrom` on are not listed: they are full. */
  ptr: Int32Array;
  idx: Int32Array;
  /** First column of the dense trailing block (n when there is none). */
  denseFrom: number;
}

/** `adj`: n rows of `words` 32-bit words, bit c of row r set when (r, c) is an off-diagonal nonzero (symmetric). Consumed. */
export function minimumDegreeOrder(n: number, words: number, adj: Uint32Array): FillOrder {
  const deg = new Int32Array(n);
  for (let v = 0; v < n; v++) deg[v] = countBits(adj, v * words, words);
  const alive = new Uint8Array(n).fill(1);
  const order = new Int32Array(n);
  const structPtr = new Int32Array(n + 1);
  let structIdx = new Int32Array(Math.max(16, 4 * n));
  let used = 0;
  const nbrs = new Int32Array(n);
  let step = 0;
  let left = n;
  while (left > 0) {
    let v = -1;
    let best = n;
    for (let u = 0; u < n; u++) {
      if (alive[u] && deg[u] < best) {
        best = deg[u];
        v = u;
      }
    }
    if (best === left - 1) break;
    const vo = v * words;
    let m = 0;
    for (let w = 0; w < words; w++) {
      let bits = adj[vo + w];
      while (bits !== 0) {
        const low = bits & -bits;
        nbrs[m++] = w * 32 + (31 - Math.clz32(low));
        bits ^= low;
      }
    }
    if (used + m > structIdx.length) {
      const grown = new Int32Array(Math.max(2 * structIdx.length, used + m));
      grown.set(structIdx.subarray(0, used));
      structIdx = grown;
    }
    structIdx.set(nbrs.subarray(0, m), used);
    used += m;
    for (let k = 0; k < m; k++) {
      const u = nbrs[k];
      const uo = u * words;
      let count = 0;
      for (let w = 0; w < words; w++) {
        const x = adj[uo + w] | adj[vo + w];
        adj[uo + w] = x;
        count += popcount(x);
      }
      // u itself and v were in the union.
      adj[uo + (u >>> 5)] &= ~(1 << (u & 31));
      adj[uo + (v >>> 5)] &= ~(1 << (v & 31));
      deg[u] = count - 2;
    }
    alive[v] = 0;
    order[step++] = v;
    structPtr[step] = used;
    left--;
  }
  const denseFromStep = step;
  for (let u = 0; u < n; u++) if (alive[u]) order[step++] = u;
  return postorder(n, order, denseFromStep, structPtr, structIdx);
}

/**
 * Renumbers the elimination along a postorder of its tree (parent = the first row below
 * the diagonal): every order in which children precede parents has the same fill. The
 * dense trailing block is a chain at the root and stays last.
 */
function postorder(n: number, order: Int32Array, denseFrom: number, structPtr: Int32Array, structIdx: Int32Array): FillOrder {
  const stepOf = new Int32Array(n);
  for (let t = 0; t < n; t++) stepOf[order[t]] = t;
  const parent = new Int32Array(n).fill(-1);
  for (let t = 0; t < n; t++) {
    if (t >= denseFrom) {
      parent[t] = t + 1 < n ? t + 1 : -1;
      continue;
    }
    let p = n;
    for (let k = structPtr[t]; k < structPtr[t + 1]; k++) p = Math.min(p, stepOf[structIdx[k]]);
    // Hanging every subtree that joins the dense chain below its first node keeps the chain last.
    parent[t] = p >= n ? -1 : p >= denseFrom ? denseFrom : p;
  }
  // Children in increasing order, as linked lists (head/next), then an iterative depth-first walk.
  const head = new Int32Array(n).fill(-1);
  const next = new Int32Array(n).fill(-1);
  for (let t = n - 1; t >= 0; t--) {
    if (parent[t] < 0) continue;
    next[t] = head[parent[t]];
    head[parent[t]] = t;
  }
  const post = new Int32Array(n);
  const stack = new Int32Array(n);
  let k = 0;
  for (let root = 0; root < n; root++) {
    if (parent[root] >= 0) continue;
    let top = 0;
    stack[0] = root;
    while (top >= 0) {
      const t = stack[top];
      const child = head[t];
      if (child >= 0) {
        head[t] = next[child];
        stack[++top] = child;
      } else {
        top--;
        post[k++] = t;
      }
    }
  }
  // post[new] = elimination step; the dense chain ends the walk in its own order.
  const newOfStep = new Int32Array(n);
  for (let t = 0; t < n; t++) newOfStep[post[t]] = t;
  const perm = new Int32Array(n);
  const iperm = new Int32Array(n);
  for (let t = 0; t < n; t++) {
    perm[t] = order[post[t]];
    iperm[perm[t]] = t;
  }
  const ptr = new Int32Array(n + 1);
  for (let t = 0; t < n; t++) {
    const s = post[t];
    ptr[t + 1] = ptr[t] + (s < denseFrom ? structPtr[s + 1] - structPtr[s] : 0);
  }
  const idx = new Int32Array(ptr[n]);
  for (let t = 0; t < n; t++) {
    const s = post[t];
    if (s >= denseFrom) continue;
    let o = ptr[t];
    for (let k2 = structPtr[s]; k2 < structPtr[s + 1]; k2++) idx[o++] = iperm[structIdx[k2]];
    idx.subarray(ptr[t], ptr[t + 1]).sort();
  }
  return { n, perm, iperm, ptr, idx, denseFrom };
}

function countBits(a: Uint32Array, off: number, words: number): number {
  let c = 0;
  for (let w = 0; w < words; w++) c += popcount(a[off + w]);
  return c;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) | 0;
}
