// Progress reporting without printing: src/ calls a sink; only the CLI decides whether and how to draw it.

/** Called by long phases; `total` is 0 when unknown. Implementations must be cheap. */
export type ProgressSink = (phase: string, done: number, total: number) => void;

export const silentProgress: ProgressSink = () => {};
