// Native/Buffer-leak and GC-pressure detectors on seeded synthetic series.
import { describe, expect, it } from 'vitest';
import { detectGcPressure } from '../../src/detect/gc-pressure.js';
import { detectNativeLeak } from '../../src/detect/native-leak.js';
import { seededNormal } from '../../src/detect/stats/random.js';
import type { GcEvent, MemorySeries } from '../../src/series/types.js';
import { MIB, syntheticHeap } from './synthetic.js';

/** A flat or growing heap with an rss/external column growing at `nativeBytesPerHour`. */
function withNative(column: 'rss' | 'external', nativeBytesPerHour: number, heapBytesPerHour: number, seed: number): MemorySeries {
  const series = syntheticHeap({ samples: 720, intervalMs: 10_000, leakBytesPerHour: heapBytesPerHour, sawtoothBytes: 20 * MIB, noiseBytes: 0.5 * MIB, seed });
  const noise = seededNormal(seed + 100);
  const start = series.time[0];
  series.columns[column] = Float64Array.from(series.time, (time, index) => 200 * MIB + series.live[index] + (nativeBytesPerHour * (time - start)) / 3_600_000 + MIB * noise());
  return series;
}

describe('native leak', () => {
  for (const seed of [1, 2, 3]) {
    it(`rss grows 300 MiB/h over a flat heap → leak on rss (seed ${seed})`, () => {
      const result = detectNativeLeak(withNative('rss', 300 * MIB, 0, seed));
      expect(result.verdict).toBe('leak');
      expect(result.column).toBe('rss');
      expect(result.slopeBytesPerHour / (300 * MIB)).toBeCloseTo(1, 1);
      expect(Math.abs(result.heapSlopeBytesPerHour)).toBeLessThan(10 * MIB);
    });
    it(`external grows over a flat heap → leak on external (seed ${seed})`, () => {
      expect(detectNativeLeak(withNative('external', 200 * MIB, 0, seed)).column).toBe('external');
    });
    it(`rss that grows with the heap is the heap's leak, not a native one (seed ${seed})`, () => {
      const result = detectNativeLeak(withNative('rss', 0, 300 * MIB, seed));
      expect(result.verdict).toBe('ok');
      expect(result.reasons[0]).toMatch(/grows with the heap/);
    });
  }
  it('without rss or external it says insufficient-data', () => {
    expect(detectNativeLeak(syntheticHeap({ samples: 100, intervalMs: 1000 })).verdict).toBe('insufficient-data');
  });
});

function gcSeries(pauseMs: number, everyMs: number, spanMs: number): MemorySeries {
  const gcEvents: GcEvent[] = [];
  const start = 1_700_000_000_000;
  for (let time = start; time <= start + spanMs; time += everyMs) gcEvents.push({ time, kind: 'minor', heapBefore: 20 * MIB, heapAfter: 10 * MIB, pauseMs });
  return { source: 'gc', instance: '1:0x1', time: new Float64Array(0), columns: {}, gcEvents };
}

describe('GC pressure', () => {
  it('150 ms of pause every second is pressure (≥ 100 ms/s, clinic doctor)', () => {
    const result = detectGcPressure(gcSeries(150, 1000, 60_000));
    expect(result.verdict).toBe('pressure');
    expect(result.meanPauseMsPerSecond).toBeGreaterThan(145);
    expect(result.busyWindowShare).toBeCloseTo(1, 1);
  });
  it('one long pause among short ones is a blip, not pressure', () => {
    const series = gcSeries(5, 500, 60_000);
    series.gcEvents![10].pauseMs = 400;
    const result = detectGcPressure(series);
    expect(result.verdict).toBe('ok');
    expect(result.maxPauseMsPerSecond).toBeGreaterThanOrEqual(400);
  });
  it('no GC events or a span under 10 s is insufficient-data', () => {
    expect(detectGcPressure(syntheticHeap({ samples: 100, intervalMs: 1000 })).verdict).toBe('insufficient-data');
    expect(detectGcPressure(gcSeries(150, 1000, 5000)).verdict).toBe('insufficient-data');
  });
});
