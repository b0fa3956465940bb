import { PageCache, type PageCacheOptions } from './page-cache';

/**
 * Page caches outlive the grid that made them: going back to the Data view
 * (or to a dataset seen a moment ago) draws the rows at once from pages
 * already here, instead of a screen of placeholders, a round trip to main and
 * a second full redraw. A dataset's values never change under its id (recipes
 * add columns of their own, not edits), so a cache stays valid while the
 * dataset keeps its shape; the few most recently used are kept.
 */
const KEPT = 3;
const caches = new Map<string, PageCache>();

export function sharedPageCache(datasetId: string, options: PageCacheOptions): PageCache {
  const key = `${datasetId}:${options.rows}:${options.columns}`;
  let cache = caches.get(key);
  if (cache) caches.delete(key);
  else cache = new PageCache(options);
  caches.set(key, cache);
  for (const [oldKey, old] of caches) {
    if (caches.size <= KEPT) break;
    caches.delete(oldKey);
    old.dispose();
  }
  return cache;
}
