import { describe, expect, it } from 'vitest';
import type { ColumnInfo } from '@shared/dataset';
import { columnsWithSettings } from '@shared/variables';
import {
  describeSettings,
  draftChanges,
  draftOf,
  makeReference,
  moveLevel,
  nameProblem,
  settingFromDraft,
} from '../../../../../src-renderer/views/data/variable-editor';

const sex: ColumnInfo = { name: 'sex', kind: 'factor', missing: 0, levels: ['F', 'M'] };
const vr: ColumnInfo = { name: 'vr', kind: 'factor', missing: 0, levels: ['bottom 25%', 'mid 50%', 'top 25%'] };
const standLRT: ColumnInfo = { name: 'standLRT', kind: 'numeric', missing: 0 };
const grade: ColumnInfo = { name: 'grade', kind: 'integer', missing: 2 };
const [lrt, sexM, gradeF] = columnsWithSettings(
  [standLRT, sex, grade],
  [
    { column: 'standLRT', setting: { rename: 'lrt' } },
    { column: 'sex', setting: { levels: ['M', 'F'] } },
    { column: 'grade', setting: { kind: 'factor', levels: ['1', '2'] } },
  ],
);

describe('the variable editor', () => {
  it('moves levels up and down, and makes one the reference (first) keeping the others in order', () => {
    const levels = ['a', 'b', 'c', 'd'];
    expect(moveLevel(levels, 2, -1)).toEqual(['a', 'c', 'b', 'd']);
    expect(moveLevel(levels, 2, 1)).toEqual(['a', 'b', 'd', 'c']);
    expect(moveLevel(levels, 0, -1)).toEqual(levels);
    expect(moveLevel(levels, 3, 1)).toEqual(levels);
    expect(makeReference(levels, 2)).toEqual(['c', 'a', 'b', 'd']);
    expect(makeReference(levels, 0)).toEqual(levels);
    expect(levels).toEqual(['a', 'b', 'c', 'd']);
  });

  it('sends only what differs from the import, as a whole setting', () => {
    expect(settingFromDraft(sex, { ...draftOf(sex), levels: makeReference(['F', 'M'], 1) })).toEqual({ levels: ['M', 'F'] });
    expect(settingFromDraft(sex, draftOf(sex))).toEqual({});
    // Back to the imported order: the setting goes.
    expect(settingFromDraft(sexM, { ...draftOf(sexM), levels: ['F', 'M'] })).toEqual({});
    expect(settingFromDraft(standLRT, { ...draftOf(standLRT), name: ' lrt ' })).toEqual({ rename: 'lrt' });
    // A numeric column made a factor sends no levels until main has made them…
    expect(settingFromDraft(standLRT, { ...draftOf(standLRT), kind: 'factor' })).toEqual({ kind: 'factor' });
    // …and then keeps them, whatever their order.
    expect(settingFromDraft(gradeF, draftOf(gradeF))).toEqual({ kind: 'factor', levels: ['1', '2'] });
    expect(settingFromDraft(gradeF, { ...draftOf(gradeF), kind: 'numeric' })).toEqual({});
    expect(settingFromDraft(vr, { ...draftOf(vr), kind: 'numeric' })).toEqual({ kind: 'numeric' });
  });

  it('knows whether Save would change anything', () => {
    expect(draftChanges(sex, draftOf(sex))).toBe(false);
    expect(draftChanges(sexM, draftOf(sexM))).toBe(false);
    expect(draftChanges(sexM, { ...draftOf(sexM), levels: ['F', 'M'] })).toBe(true);
    expect(draftChanges(lrt, { ...draftOf(lrt), name: 'standLRT' })).toBe(true);
  });

  it('says early what main would refuse in a name', () => {
    const columns = [lrt, sexM, vr];
    expect(nameProblem('lrt', lrt, columns)).toBeNull();
    expect(nameProblem('standLRT', lrt, columns)).toBeNull();
    expect(nameProblem('reading', lrt, columns)).toBeNull();
    expect(nameProblem('vr', lrt, columns)).toBe('Another variable is called vr.');
    expect(nameProblem('standLRT', vr, columns)).toBe('standLRT is the imported name of the variable now called lrt.');
    expect(nameProblem('final score', vr, columns)).toMatch(/^"final score" is not a plain R name/);
    expect(nameProblem('', vr, columns)).toBe('A variable needs a name.');
    expect(nameProblem('TRUE', vr, columns)).toBe('"TRUE" is a reserved word in R.');
  });

  it('describes what the settings changed, for the marker and the edit button', () => {
    expect(describeSettings(sex)).toBeNull();
    expect(describeSettings(lrt)).toBe('Set in Nestor: renamed from standLRT.');
    expect(describeSettings(sexM)).toBe('Set in Nestor: reference level M.');
    expect(describeSettings(gradeF)).toBe('Set in Nestor: imported as numbers; reference level 1.');
    const [vrReordered] = columnsWithSettings([vr], [{ column: 'vr', setting: { levels: ['bottom 25%', 'top 25%', 'mid 50%'] } }]);
    expect(describeSettings(vrReordered)).toBe('Set in Nestor: levels reordered.');
  });
});
