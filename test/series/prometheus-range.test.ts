// Saved Prometheus query_range responses: matrix results per instance, NaN strings, expressions, errors.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { readSeries } from '../../src/series/index.js';
import { tempDir } from '../helpers/child.js';

const temp = tempDir('pooldoc-range-');
afterAll(() => temp.cleanup());

function matrix(result: unknown[]): string {
  return JSON.stringify({ status: 'success', data: { resultType: 'matrix', result }, warnings: ['a warning'] });
}

describe('query_range JSON files', () => {
  it('reads one memory series per instance, skipping NaN, and pools with their labels', async () => {
    const file = path.join(temp.dir, 'range.json');
    writeFileSync(
      file,
      matrix([
        { metric: { __name__: 'nodejs_heap_size_used_bytes', instance: 'a:9464', job: 'api' }, values: [[1714557600, '100'], [1714557615.5, 'NaN'], [1714557630, '120']] },
        { metric: { __name__: 'nodejs_heap_size_used_bytes', instance: 'b:9464', job: 'api' }, values: [[1714557600, '5']] },
        { metric: { __name__: 'process_resident_memory_bytes', instance: 'a:9464', job: 'api' }, values: [[1714557600, '900'], [1714557630, '+Inf']] },
        { metric: { __name__: 'pg_pool_waiting_connections', instance: 'a:9464', host: 'db:5432', database: 'orders' }, values: [[1714557600, '0'], [1714557615, '4']] },
        { metric: { instance: 'a:9464' }, values: [[1714557600, '1']] },
      ]),
    );
    const result = await readSeries([file]);
    expect(result.files[0].format).toBe('prometheus-range');
    const byInstance = new Map(result.memory.map((series) => [series.instance, series]));
    const a = byInstance.get('a:9464')!;
    expect([...a.time]).toEqual([1714557600000, 1714557630000]);
    expect([...a.columns.heapUsed!]).toEqual([100, 120]);
    expect(a.columns.rss![0]).toBe(900);
    expect(Number.isNaN(a.columns.rss![1])).toBe(true);
    expect(byInstance.get('b:9464')!.columns.heapUsed![0]).toBe(5);
    expect(result.pools[0]).toMatchObject({ name: 'pg db:5432 orders', instance: 'a:9464' });
    expect([...result.pools[0].waiting!]).toEqual([0, 4]);
    expect(result.problems).toEqual([{ file, line: 5, message: expect.stringMatching(/no __name__/) }]);
  });

  it('refuses an error response and a truncated one, naming the file', async () => {
    const failed = path.join(temp.dir, 'error.json');
    writeFileSync(failed, JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'parse error', data: { resultType: 'matrix', result: [] } }));
    await expect(readSeries([failed])).rejects.toThrow(/error\.json: Prometheus response is not a success: parse error/);
    const truncated = path.join(temp.dir, 'cut.json');
    writeFileSync(truncated, matrix([{ metric: { __name__: 'nodejs_heap_size_used_bytes' }, values: [[1, '2']] }]).slice(0, 70));
    await expect(readSeries([truncated])).rejects.toThrow(InputError);
  });
});
