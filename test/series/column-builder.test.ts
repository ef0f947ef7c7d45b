// ColumnBuilder: values come back in order across chunk boundaries, adopted parts and padding.
import { describe, expect, it } from 'vitest';
import { ColumnBuilder } from '../../src/series/column-builder.js';

describe('ColumnBuilder', () => {
  it('keeps 3 M pushed values in order across its chunks (which stop doubling at 1 M values)', () => {
    const builder = new ColumnBuilder();
    for (let i = 0; i < 3_000_000; i++) builder.push(i * 0.5);
    const values = builder.finish();
    expect(values).toHaveLength(3_000_000);
    let wrong = 0;
    for (let i = 0; i < values.length; i++) if (values[i] !== i * 0.5) wrong++;
    expect(wrong).toBe(0);
  });

  it('mixes pushes, adopted parts and NaN padding in order', () => {
    const builder = new ColumnBuilder(4);
    builder.push(1);
    builder.push(2);
    builder.appendAll(Float64Array.of(3, 4, 5));
    builder.appendAll(new Float64Array(0));
    builder.push(6);
    builder.padTo(9);
    builder.appendAll(Float64Array.of(10));
    expect(builder.length).toBe(10);
    expect(Array.from(builder.finish())).toEqual([1, 2, 3, 4, 5, 6, Number.NaN, Number.NaN, Number.NaN, 10]);
  });

  it('hands out a lone adopted array as it is, and copies a mostly empty chunk to its size', () => {
    const part = Float64Array.of(1, 2, 3);
    const adopted = new ColumnBuilder();
    adopted.appendAll(part);
    expect(adopted.finish()).toBe(part);
    const small = new ColumnBuilder(1000);
    small.push(7);
    const values = small.finish();
    expect(Array.from(values)).toEqual([7]);
    expect(values.buffer.byteLength).toBe(8);
    expect(new ColumnBuilder().finish()).toHaveLength(0);
  });
});
