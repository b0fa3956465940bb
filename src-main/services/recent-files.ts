import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const MAX_RECENT = 10;

/** The most recently opened or saved project files, newest first, kept in a small JSON file. */
export class RecentFiles {
  constructor(private readonly file: string) {}

  list(): string[] {
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.file, 'utf8'));
      return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string').slice(0, MAX_RECENT) : [];
    } catch {
      // Missing or unreadable: no recent files, never an error at start-up.
      return [];
    }
  }

  add(path: string): void {
    this.write([path, ...this.list().filter((p) => p !== path)]);
  }

  clear(): void {
    this.write([]);
  }

  private write(paths: string[]): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(paths.slice(0, MAX_RECENT), null, 1));
    renameSync(tmp, this.file);
  }
}
