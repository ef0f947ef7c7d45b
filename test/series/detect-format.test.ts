// Format detection from first bytes and file name: a table of real first lines of every accepted format.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/series/index.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/metrics/', import.meta.url));
const fixture = (name: string) => readFileSync(FIXTURES + name);

describe('detectFormat', () => {
  it.each([
    ['trace-gc-node20.log', 'trace-gc'],
    ['trace-gc-node22.log', 'trace-gc'],
    ['trace-gc-nvp-node20.log', 'trace-gc-nvp'],
    ['trace-gc-nvp-node24-reference.log', 'trace-gc-nvp'],
    ['prom20.txt', 'prometheus-text'],
    ['otel-runtime.prom', 'prometheus-text'],
    ['clinic-doctor-processstat.csv', 'csv'],
    ['report-trimmed-node22.json', 'report'],
  ])('%s → %s', (name, format) => {
    expect(detectFormat(fixture(name), name)).toBe(format);
  });

  it.each([
    ['{"ts":1,"heapUsed":2}\n{"ts":2,"heapUsed":3}\n', 'samples.ndjson', 'ndjson'],
    ['[\n{"ts":1,"heapUsed":2},\n{"ts":2,"heapUsed":3}\n]\n', 'samples.json', 'ndjson'],
    ['[\n  {\n    "ts": 1\n  }\n]\n', 'samples.json', 'json'],
    ['{\n  "samples": [\n', 'samples.json', 'json'],
    ['{"status":"success","data":{"resultType":"matrix","result":[]}}', 'range.json', 'prometheus-range'],
    ['{\n  "header": {\n    "reportVersion": 5,', 'report.20240501.100000.42.0.001.json', 'report'],
    ['server starting\n[42:0x1a2b]       12 ms: Scavenge 1.0 (2.0) -> 0.5 (2.0) MB, 0.5 / 0.0 ms  (average mu = 1.000, current mu = 1.000) allocation failure; \n', 'app.out', 'trace-gc'],
    ['nodejs_heap_size_used_bytes{instance="a",job="b"} 123 1714557600000\n', 'dump', 'prometheus-text'],
    ['timestamp;heapUsed\n1;2\n', 'dump', 'csv'],
    ['\uFEFFtime,rss\n', 'bom.csv', 'csv'],
    ['   \n\n', 'blank.log', 'empty'],
    ['hello world\n', 'notes.txt', 'unrecognised'],
  ])('%j (%s) → %s', (text, name, format) => {
    expect(detectFormat(Buffer.from(text, 'utf8'), name)).toBe(format);
  });

  it('calls NUL bytes and control-byte soup binary', () => {
    expect(detectFormat(Buffer.from([0x7b, 0x00, 0x22]), 'x.json')).toBe('binary');
    expect(detectFormat(Buffer.from([1, 2, 3, 4, 5, 0x41]), 'x.bin')).toBe('binary');
  });
});
