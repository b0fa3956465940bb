import { describe, expect, it } from 'vitest';
import { projectPathFromArgs } from '../../../src-main/app/launch-args';

describe('projectPathFromArgs', () => {
  it('finds a double-clicked project, resolved against the working directory', () => {
    expect(projectPathFromArgs(['/opt/Nestor/nestor', 'study.nestor'], '/home/ann')).toBe('/home/ann/study.nestor');
    expect(projectPathFromArgs(['/opt/Nestor/nestor', '/data/Study.NESTOR'], '/home/ann')).toBe('/data/Study.NESTOR');
  });

  it('skips the executable, flags, the app folder and other files', () => {
    expect(projectPathFromArgs(['electron', '--no-sandbox', '.', 'data.csv'], '/repo')).toBeNull();
    expect(projectPathFromArgs(['x.nestor'], '/repo')).toBeNull();
  });

  it('takes the last project named', () => {
    expect(projectPathFromArgs(['nestor', '/a/one.nestor', '/b/two.nestor'], '/')).toBe('/b/two.nestor');
  });
});
