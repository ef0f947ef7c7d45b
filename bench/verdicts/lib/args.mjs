// Tiny argv reader shared by the phases: --name value, --flag, and lists as a,b,c.
export function parseArgs(argv = process.argv.slice(2)) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    const name = /^--([\w-]+)$/.exec(argv[i])?.[1];
    if (!name) throw new Error(`unexpected argument ${argv[i]}`);
    args[name] = argv[i + 1] !== undefined && !argv[i + 1].startsWith('--') ? argv[++i] : true;
  }
  return args;
}

export const list = (value) => (typeof value === 'string' ? value.split(',').filter(Boolean) : undefined);

/** '30s', '3m', '600000ms', '90' (seconds) → milliseconds. */
export function durationMs(text) {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(String(text));
  if (!match) throw new Error(`bad duration ${text}`);
  return Number(match[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] ?? 's'];
}

/** Runs task(item) over items, at most `concurrency` at once, in order of the list. */
export async function runPool(items, concurrency, task) {
  let next = 0;
  const worker = async () => { while (next < items.length) await task(items[next++]); };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
