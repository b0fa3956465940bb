import type { Cell, DataPage } from '@shared/dataset';
import { MAX_PAGE_COLUMNS } from '@shared/dataset';

/**
 * The grid's window onto a dataset held by main. Pages of `pageRows` rows ×
 * up to MAX_PAGE_COLUMNS columns are fetched on demand, kept in a small LRU,
 * and requested at most `maxInFlight` at a time. Each `want` replaces the
 * previous wish list, so a fast scroll past thousands of rows asks only for
 * the pages the viewport ends up on, never for everything it passed.
 */
export interface PageRequest {
  rowStart: number;
  rowCount: number;
  columnStart: number;
  columnCount: number;
}

export interface PageCacheOptions {
  rows: number;
  columns: number;
  fetch: (request: PageRequest) => Promise<{ ok: true; page: DataPage } | { ok: false; message: string }>;
  /** Called after a page arrives (to redraw); grids that come and go use `listen` instead. */
  onLoad?: () => void;
  onError?: (message: string) => void;
  pageRows?: number;
  capacity?: number;
  maxInFlight?: number;
  /** A failed page is not asked for again sooner than this. */
  retryAfterMs?: number;
  /**
   * New requests start at most this often while the wish list keeps changing,
   * so a fling through a million rows asks for a few pages a second, not one per frame.
   */
  minIntervalMs?: number;
  now?: () => number;
}

export class PageCache {
  readonly pageRows: number;
  private readonly blockColumns = MAX_PAGE_COLUMNS;
  private readonly pages = new Map<string, DataPage>();
  private readonly inFlight = new Set<string>();
  private readonly failedAt = new Map<string, number>();
  private wanted: string[] = [];
  private disposed = false;
  private lastPump = -Infinity;
  private pumpTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: PageCacheOptions) {
    this.pageRows = options.pageRows ?? 200;
  }

  /** The cell's value, or undefined while its page is not loaded. */
  cell(row: number, column: number): Cell | undefined {
    const page = this.pages.get(this.key(Math.floor(row / this.pageRows), Math.floor(column / this.blockColumns)));
    if (!page) return undefined;
    return page.columns[column - page.columnStart]?.cells[row - page.rowStart];
  }

  /** Declares the visible block (inclusive-exclusive); pages beside it are prefetched after it. */
  want(rowFrom: number, rowTo: number, columnFrom: number, columnTo: number): void {
    if (this.disposed || this.options.rows === 0 || this.options.columns === 0) return;
    const lastPage = Math.floor((this.options.rows - 1) / this.pageRows);
    const p0 = Math.max(0, Math.floor(rowFrom / this.pageRows));
    const p1 = Math.min(lastPage, Math.floor(Math.max(rowFrom, rowTo - 1) / this.pageRows));
    const b0 = Math.floor(columnFrom / this.blockColumns);
    const b1 = Math.floor(Math.max(columnFrom, Math.min(columnTo, this.options.columns) - 1) / this.blockColumns);
    const keys: string[] = [];
    const add = (p: number) => {
      if (p < 0 || p > lastPage) return;
      for (let b = b0; b <= b1; b++) keys.push(this.key(p, b));
    };
    for (let p = p0; p <= p1; p++) add(p);
    add(p1 + 1);
    add(p0 - 1);
    for (const key of keys) this.touch(key);
    this.wanted = keys;
    this.throttledPump();
  }

  /** Calls `listener` after each page arrives, until the returned function is called. */
  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.pages.size;
  }

  get pending(): number {
    return this.inFlight.size;
  }

  dispose(): void {
    this.disposed = true;
    if (this.pumpTimer) clearTimeout(this.pumpTimer);
    this.pages.clear();
    this.listeners.clear();
    this.wanted = [];
  }

  private key(page: number, block: number): string {
    return `${page}:${block}`;
  }

  private touch(key: string): void {
    const page = this.pages.get(key);
    if (!page) return;
    this.pages.delete(key);
    this.pages.set(key, page);
  }

  private throttledPump(): void {
    if (this.pumpTimer) return; // already scheduled; it will read the latest wish list
    const interval = this.options.minIntervalMs ?? 60;
    const wait = this.lastPump + interval - this.clock();
    if (wait <= 0) {
      this.pump();
      return;
    }
    this.pumpTimer = setTimeout(() => {
      this.pumpTimer = null;
      this.pump();
    }, wait);
  }

  private clock(): number {
    return this.options.now?.() ?? Date.now();
  }

  private pump(): void {
    if (this.disposed) return;
    this.lastPump = this.clock();
    const maxInFlight = this.options.maxInFlight ?? 2;
    const now = this.lastPump;
    const retryAfter = this.options.retryAfterMs ?? 2000;
    for (const key of this.wanted) {
      if (this.inFlight.size >= maxInFlight) return;
      if (this.pages.has(key) || this.inFlight.has(key)) continue;
      const failed = this.failedAt.get(key);
      if (failed !== undefined && now - failed < retryAfter) continue;
      void this.load(key);
    }
  }

  private async load(key: string): Promise<void> {
    const [page, block] = key.split(':').map(Number);
    const rowStart = page * this.pageRows;
    const columnStart = block * this.blockColumns;
    this.inFlight.add(key);
    const request = {
      rowStart,
      rowCount: Math.min(this.pageRows, this.options.rows - rowStart),
      columnStart,
      columnCount: Math.min(this.blockColumns, this.options.columns - columnStart),
    };
    const answer = await this.options.fetch(request).catch((err: unknown) => ({
      ok: false as const,
      message: err instanceof Error ? err.message : String(err),
    }));
    this.inFlight.delete(key);
    if (this.disposed) return;
    if (answer.ok) {
      this.failedAt.delete(key);
      this.pages.set(key, answer.page);
      this.evict();
      this.options.onLoad?.();
      for (const listener of this.listeners) listener();
    } else {
      const firstFailure = !this.failedAt.has(key);
      this.failedAt.set(key, this.clock());
      if (firstFailure) this.options.onError?.(answer.message);
      setTimeout(() => this.pump(), this.options.retryAfterMs ?? 2000);
    }
    this.throttledPump();
  }

  private evict(): void {
    const capacity = Math.max(this.options.capacity ?? 24, this.wanted.length);
    for (const key of this.pages.keys()) {
      if (this.pages.size <= capacity) break;
      if (!this.wanted.includes(key)) this.pages.delete(key);
    }
  }
}
