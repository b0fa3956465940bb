import { describe, expect, it } from 'vitest';
import type { DataPage } from '@shared/dataset';
import { sharedPageCache } from '../../../../../src-renderer/lib/grid/shared-page-caches';
import type { PageRequest } from '../../../../../src-renderer/lib/grid/page-cache';

function options(rows: number, columns: number, requests: PageRequest[]) {
  return {
    rows,
    columns,
    fetch: (request: PageRequest) => {
      requests.push(request);
      return new Promise<{ ok: true; page: DataPage }>(() => {});
    },
  };
}

describe('sharedPageCache', () => {
  it('hands a grid that comes back the cache it had, so its pages are not fetched again', () => {
    const requests: PageRequest[] = [];
    const first = sharedPageCache('ds-a', options(100, 3, requests));
    expect(sharedPageCache('ds-a', options(100, 3, requests))).toBe(first);
  });

  it('makes a new cache when the dataset changed shape, and keeps only the three most recent', () => {
    const requests: PageRequest[] = [];
    const a = sharedPageCache('ds-x', options(100, 3, requests));
    expect(sharedPageCache('ds-x', options(100, 4, requests))).not.toBe(a);
    const b = sharedPageCache('ds-b', options(10, 1, requests));
    sharedPageCache('ds-c', options(10, 1, requests));
    sharedPageCache('ds-d', options(10, 1, requests));
    sharedPageCache('ds-e', options(10, 1, requests));
    // b is now the oldest of more than three, so it was disposed: it asks for nothing any more.
    b.want(0, 5, 0, 1);
    expect(requests).toEqual([]);
    expect(sharedPageCache('ds-b', options(10, 1, requests))).not.toBe(b);
  });
});
