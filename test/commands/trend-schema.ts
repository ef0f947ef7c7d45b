// The `trend --json` contract as a zod schema: CI consumers rely on these names and types.
import { z } from 'zod';

const nullableNumber = z.number().nullable();
const verdict = z.enum(['leak', 'ok', 'insufficient-data']);

export const TREND_SERIES = z.object({
  source: z.string(),
  name: z.string(),
  samples: z.number().int().nonnegative(),
  spanSeconds: z.number().nonnegative(),
  baseline: z.enum(['post-gc', 'rolling-min', 'raw']),
  slopeBytesPerHour: nullableNumber,
  slopeInterval: z.tuple([z.number(), z.number()]).nullable(),
  pValue: nullableNumber,
  rSquared: nullableNumber,
  verdict,
  heapVerdict: verdict,
  timeToLimitSeconds: nullableNumber,
  heapLimit: nullableNumber,
  restarts: z.number().int().nonnegative(),
  reasons: z.array(z.string()),
  native: z.object({ verdict, slopeBytesPerHour: nullableNumber, pValue: nullableNumber, reasons: z.array(z.string()) }),
  gcPressure: z.object({ verdict: z.enum(['pressure', 'ok', 'insufficient-data']), events: z.number(), reasons: z.array(z.string()) }),
});

export const TREND_POOL = z.object({
  name: z.string(),
  verdict: z.enum(['ok', 'saturated', 'leaking-clients', 'insufficient-data']),
  samples: z.number().int().nonnegative(),
  saturatedSeconds: z.number().nonnegative(),
  saturationEpisodes: z.number().int().nonnegative(),
  reasons: z.array(z.string()),
});

export const TREND_RESULT = z.object({
  series: z.array(TREND_SERIES),
  pools: z.array(TREND_POOL),
  sockets: z.array(z.object({ remote: z.string(), count: z.number() })),
  files: z.array(z.object({ file: z.string(), format: z.string(), bytes: z.number() })),
  problems: z.array(z.object({ file: z.string(), line: z.number(), message: z.string() })),
  unparsedLines: z.number().int().nonnegative(),
  findings: z.boolean(),
});
