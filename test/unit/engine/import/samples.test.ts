import { describe, expect, it } from 'vitest';
import { silentContext, type TaskContext } from '../../../../src-main/engine/context';
import { readDataFile } from '../../../../src-main/engine/import/read-data-file';
import { countMissing } from '../../../../src-main/engine/data/column';
import { factor, labels, numeric, sampleBytes } from './helpers';

describe('readDataFile on the sample data', () => {
  it('reads exam.csv as read.csv does: 4,059 rows, 10 columns, quoted ids as integers', async () => {
    const r = await readDataFile(sampleBytes('exam.csv'), { fileName: 'exam.csv' }, silentContext);
    expect(r.rows).toBe(4059);
    expect(r.warnings).toEqual([]);
    expect(r.columns.map((c) => `${c.name}:${c.kind}`)).toEqual([
      'school:integer',
      'normexam:numeric',
      'schgend:factor',
      'schavg:numeric',
      'vr:factor',
      'intake:factor',
      'standLRT:numeric',
      'sex:factor',
      'type:factor',
      'student:integer',
    ]);
    // First data line: "1",0.2613242,"mixed",0.1661752,"mid 50%","bottom 25%",0.6190592,"F","Mxd","143"
    expect(numeric(r, 'school').values[0]).toBe(1);
    expect(numeric(r, 'normexam').values[0]).toBe(0.2613242);
    expect(numeric(r, 'schavg').values[0]).toBe(0.1661752);
    expect(numeric(r, 'standLRT').values[0]).toBe(0.6190592);
    expect(numeric(r, 'student').values[0]).toBe(143);
    expect(labels(factor(r, 'intake')).slice(0, 3)).toEqual(['bottom 25%', 'mid 50%', 'top 25%']);
    expect(numeric(r, 'normexam').values[2]).toBe(-1.723882);
    // Last line: "65",-1.029067,"girls",-0.23535,"mid 50%","top 25%",-1.364576,"F","Sngl","56"
    expect(numeric(r, 'school').values[4058]).toBe(65);
    expect(numeric(r, 'normexam').values[4058]).toBe(-1.029067);
    expect(numeric(r, 'schavg').values[4058]).toBe(-0.23535);

    expect(factor(r, 'sex').levels).toEqual(['F', 'M']);
    expect(factor(r, 'vr').levels).toEqual(['bottom 25%', 'mid 50%', 'top 25%']);
    expect(factor(r, 'schgend').levels).toEqual(['boys', 'girls', 'mixed']);
    expect(factor(r, 'type').levels).toEqual(['Mxd', 'Sngl']);
    expect(labels(factor(r, 'schgend'))[0]).toBe('mixed');
    for (const c of r.columns) expect(countMissing(c)).toBe(0);
  });

  it('reads school and student of exam.csv as factors with levels in numeric order when asked', async () => {
    const r = await readDataFile(sampleBytes('exam.csv'), { fileName: 'exam.csv', factors: ['school', 'student'] }, silentContext);
    const school = factor(r, 'school');
    expect(school.levels).toHaveLength(65);
    expect(school.levels.slice(0, 11)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11']);
    expect(school.levels[64]).toBe('65');
    expect(labels(school)[0]).toBe('1');
    expect(labels(school)[4058]).toBe('65');
    const student = factor(r, 'student');
    expect(student.levels).toHaveLength(650);
    expect(student.levels.slice(0, 3)).toEqual(['1', '2', '3']);
    expect(labels(student).slice(0, 3)).toEqual(['143', '145', '142']);
  });

  it('reads the blank-separated jsp.txt as read.table(header = TRUE) does', async () => {
    const r = await readDataFile(sampleBytes('jsp.txt'), { fileName: 'jsp.txt' }, silentContext);
    expect(r.rows).toBe(1154);
    expect(r.columns.map((c) => `${c.name}:${c.kind}`)).toEqual([
      'school:integer',
      'gender:factor',
      'social:factor',
      'raven:numeric',
      'math:integer',
    ]);
    expect(factor(r, 'gender').levels).toEqual(['boy', 'girl']);
    expect(factor(r, 'social').levels).toEqual(['S1', 'S2', 'S3', 'S4']);
    // First line: 1 girl S1 1.639 1; last: 50 girl S2 6.639 0
    expect(labels(factor(r, 'gender'))[0]).toBe('girl');
    expect(numeric(r, 'raven').values[0]).toBe(1.639);
    expect(numeric(r, 'raven').values[1]).toBe(-7.361);
    expect(numeric(r, 'math').values[1]).toBe(-3);
    expect(numeric(r, 'school').values[1153]).toBe(50);
    expect(numeric(r, 'raven').values[1153]).toBe(6.639);
  });

  it('reads sleepstudy.csv with Subject as integer, or as 18 factor levels in numeric order', async () => {
    const r = await readDataFile(sampleBytes('sleepstudy.csv'), { fileName: 'sleepstudy.csv' }, silentContext);
    expect(r.rows).toBe(180);
    expect(numeric(r, 'Reaction').kind).toBe('numeric');
    expect(numeric(r, 'Reaction').values[0]).toBe(249.56);
    expect(numeric(r, 'Reaction').values[179]).toBe(364.1236);
    expect(numeric(r, 'Days').kind).toBe('integer');
    expect(Array.from(numeric(r, 'Days').values.slice(0, 10))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const asFactor = await readDataFile(sampleBytes('sleepstudy.csv'), { fileName: 'sleepstudy.csv', factors: ['Subject'] }, silentContext);
    expect(factor(asFactor, 'Subject').levels).toEqual([
      '308', '309', '310', '330', '331', '332', '333', '334', '335', '337', '349', '350', '351', '352', '369', '370', '371', '372',
    ]);
  });

  it('reads insteval.csv (73,421 rows) with checkpoints and progress by bytes', async () => {
    const fractions: number[] = [];
    let checkpoints = 0;
    const ctx: TaskContext = {
      progress: (fraction, message) => {
        expect(message).toBe('Reading insteval.csv…');
        if (fraction !== null) fractions.push(fraction);
      },
      checkpoint: async () => {
        checkpoints++;
      },
    };
    const r = await readDataFile(sampleBytes('insteval.csv'), { fileName: 'insteval.csv', factors: ['s', 'd', 'dept'] }, ctx);
    expect(r.rows).toBe(73421);
    expect(factor(r, 's').levels).toHaveLength(2972);
    expect(factor(r, 'd').levels).toHaveLength(1128);
    expect(factor(r, 'dept').levels).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '14', '15']);
    expect(numeric(r, 'y').kind).toBe('integer');
    // Last line: "2972","2121","4","2","1","2",3
    expect(labels(factor(r, 's'))[73420]).toBe('2972');
    expect(labels(factor(r, 'd'))[73420]).toBe('2121');
    expect(numeric(r, 'y').values[73420]).toBe(3);
    expect(checkpoints).toBe(1); // one per 65,536 rows
    expect(fractions[0]).toBe(0);
    expect(fractions[fractions.length - 1]).toBe(1);
    expect(fractions[1]).toBeGreaterThan(0.85);
    expect(fractions[1]).toBeLessThan(0.95);
  });
});
