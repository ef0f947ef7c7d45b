// CSV samples: clinic doctor's debug CSV header, a CSV written by a real sampling process, quoting and bad rows.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readSeries } from '../../src/series/index.js';
import { runScript, tempDir } from '../helpers/child.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/metrics/', import.meta.url));
const temp = tempDir('pooldoc-csv-');
afterAll(() => temp.cleanup());

describe('CSV samples', () => {
  it("reads clinic doctor's processstat CSV (', ' separators, memory.* columns, epoch ms)", async () => {
    const result = await readSeries([path.join(FIXTURES, 'clinic-doctor-processstat.csv')]);
    expect(result.files[0].format).toBe('csv');
    const [series] = result.memory;
    expect([...series.time]).toEqual([1555490195720, 1555490195730, 1555490195740]);
    expect([...series.columns.heapUsed!]).toEqual([11868200, 12015544, 12162888]);
    expect(series.columns.rss![0]).toBe(33742848);
    expect(series.columns.external![0]).toBe(377347);
    expect(result.unparsedLines).toBe(0);
  });

  it('reads the CSV a real process writes from process.memoryUsage(), in the clinic header', async () => {
    const script = `
      const kept = [];
      const rows = ['timestamp, interval, delay, cpu, memory.rss, memory.heapTotal, memory.heapUsed, memory.external, handles'];
      for (let i = 0; i < 20; i++) {
        for (let j = 0; j < 20000; j++) kept.push('leak' + i + '-' + j);
        const m = process.memoryUsage();
        rows.push([Date.now() + i * 10, 10, 0.5, 0.1, m.rss, m.heapTotal, m.heapUsed, m.external, 3].join(', '));
      }
      process.stdout.write(rows.join('\\n') + '\\n');
    `;
    const file = path.join(temp.dir, 'sampled.csv');
    writeFileSync(file, await runScript(script, { dir: temp.dir, name: 'csv-sampler.cjs' }));
    const [series] = (await readSeries([file])).memory;
    expect(series.time).toHaveLength(20);
    expect(series.columns.heapUsed![19]).toBeGreaterThan(series.columns.heapUsed![0]);
  });

  it('reads ; separated, quoted cells, ISO times and pool columns; reports ragged rows by line', async () => {
    const file = path.join(temp.dir, 'semicolon.csv');
    writeFileSync(
      file,
      [
        '"time";"heap_used";"rss";"pool.waiting";"note"',
        '"2024-05-01T10:00:00Z";100;1000;0;"a; quoted"',
        '"2024-05-01T10:00:01Z";110;1000;2;"b ""q"""',
        '"2024-05-01T10:00:02Z";120',
        'yesterday;130;1000;1;x',
      ].join('\n'),
    );
    const result = await readSeries([file]);
    expect([...result.memory[0].columns.heapUsed!]).toEqual([100, 110]);
    expect([...result.pools[0].waiting!]).toEqual([0, 2]);
    expect(result.problems.map((problem) => [problem.line, problem.message.slice(0, 20)])).toEqual([
      [4, '2 cells where the he'],
      [5, 'no usable timestamp '],
    ]);
  });
});
