// The braille terminal chart and the envelope reduction behind both chart renderers.
import { describe, expect, it } from 'vitest';
import { terminalChart } from '../../src/report/chart.js';
import { envelope } from '../../src/report/plot-points.js';

const BRAILLE = /[\u2801-\u28ff]/;

describe('terminal chart', () => {
  it('draws a rising line from the bottom-left to the top-right cell, with y labels and an x axis', () => {
    const rows = terminalChart([{ label: 'line', x: [0, 100], y: [0, 100], role: 'baseline' }], { width: 10, height: 3, formatY: (value) => value.toFixed(0), formatX: (value) => `t${value}` });
    expect(rows).toHaveLength(5);
    const plot = rows.slice(0, 3).map((row) => row.split('┤')[1]);
    expect(rows[0].startsWith('100 ┤')).toBe(true);
    expect(rows[2].startsWith('  0 ┤')).toBe(true);
    expect(plot[0][9]).toMatch(BRAILLE);
    expect(plot[0][0]).toBe(' ');
    expect(plot[2][0]).toMatch(BRAILLE);
    expect(plot[2][9]).toBe(' ');
    expect(rows[3]).toContain('└──────────');
    expect(rows[4].trim()).toMatch(/^t0\s+t100$/);
  });

  it('a flat line sits mid-chart instead of dividing by zero', () => {
    const rows = terminalChart([{ label: 'flat', x: [0, 1, 2], y: [5, 5, 5], role: 'raw' }], { width: 10, height: 5 });
    expect(rows[2]).toMatch(BRAILLE);
    expect(rows[0].split('┤')[1].trim()).toBe('');
  });

  it('paints each role through the callback', () => {
    const rows = terminalChart([{ label: 'fit', x: [0, 1], y: [0, 1], role: 'fit' }], { width: 10, height: 3, paint: (role, text) => `<${role}>${text}</${role}>` });
    expect(rows.join('\n')).toContain('<fit>');
  });

  it('says so when there is nothing to draw', () => {
    expect(terminalChart([{ label: 'none', x: [], y: [], role: 'raw' }])).toEqual(['(no data to chart)']);
  });
});

describe('envelope', () => {
  it('keeps the min and max of every bucket so a sawtooth survives a million points', () => {
    const count = 1_000_000;
    const x = Float64Array.from({ length: count }, (_, index) => index);
    const y = Float64Array.from({ length: count }, (_, index) => index % 1000);
    const reduced = envelope(x, y, 100, 0, count - 1);
    expect(reduced.x.length).toBeLessThanOrEqual(400);
    expect(Math.min(...reduced.y)).toBe(0);
    expect(Math.max(...reduced.y)).toBe(999);
    // x stays ordered, so polylines never double back.
    for (let index = 1; index < reduced.x.length; index++) expect(reduced.x[index]).toBeGreaterThan(reduced.x[index - 1]);
  });
});
