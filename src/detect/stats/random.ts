// A small seeded pseudo-random generator, so sampled statistics and synthetic test series are reproducible.

/**
 * mulberry32 (Tommy Ettinger, public domain): a 32-bit state generator with a full 2^32 period, good enough
 * to pick pairs for Theil–Sen and to add noise to test series. Returns a function giving floats in [0, 1).
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Standard normal deviates from a uniform generator (Box–Muller; the second deviate is discarded for simplicity). */
export function seededNormal(seed: number): () => number {
  const uniform = seededRandom(seed);
  return () => {
    // 1 - u keeps the logarithm's argument in (0, 1].
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
    return radius * Math.cos(2 * Math.PI * uniform());
  };
}
