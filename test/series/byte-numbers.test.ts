// The byte-level number scanners agree with Number() on every shape JSON and trace-gc logs write.
import { describe, expect, it } from 'vitest';
import { cursor, scanNumber } from '../../src/series/byte-numbers.js';
import { readNdjsonBuffer } from '../../src/series/ndjson.js';
import { ProblemLog } from '../../src/series/problems.js';

const SHAPES = ['0', '7', '-7', '+7', '123456789', '1234567890', '999999999999999', '9007199254740993', '12345678901234567890', '3.25', '-0.5', '0.1', '35.9', '1e9', '2.5E-3', '-1e+2', '4345298944', '123456789.123456789'];

describe('scanNumber', () => {
  it.each(SHAPES)('reads %s as Number() does, stopping after it', (text) => {
    const buffer = Buffer.from(`${text},`, 'latin1');
    expect(scanNumber(buffer, 0, buffer.length)).toBe(Number(text));
    expect(cursor.end).toBe(text.length);
  });

  it('stops at the limit and says NaN where there are no digits', () => {
    const buffer = Buffer.from('12345678901', 'latin1');
    expect(scanNumber(buffer, 0, 4)).toBe(1234);
    expect(cursor.end).toBe(4);
    for (const text of ['-', '+', '.', 'x', '']) expect(scanNumber(Buffer.from(`${text}5`, 'latin1'), 0, text.length)).toBeNaN();
  });
});

describe('NDJSON numbers and repeated fields', () => {
  it('reads every number shape into the column, and (JSON has no leading +), the last of a repeated field or alias wins', () => {
    const lines = SHAPES.filter((text) => !text.startsWith('+')).map((text, index) => `{"ts":${1_700_000_000_000 + index},"heapUsed":${text},"rss":1,"rss":${index}}`);
    lines.push(`{"ts":1800000000000,"heapTotal":5,"total_heap_size":6,"heapUsed":1}`);
    const output = readNdjsonBuffer(Buffer.from(lines.join('\n')), { file: 'numbers.ndjson', problems: new ProblemLog(), metricMap: new Map(), mtimeMs: 0 });
    const [series] = output.memory;
    expect(Array.from(series.columns.heapUsed!)).toEqual([...SHAPES.filter((text) => !text.startsWith('+')).map(Number), 1]);
    expect(Array.from(series.columns.rss!).slice(0, 3)).toEqual([0, 1, 2]);
    expect(series.columns.heapTotal![series.time.length - 1]).toBe(6);
  });
});
