// The user's metric-name map (`--metric name=target`): custom field or metric names onto the series model.
import { InputError } from '../errors.js';
import { parseMapTarget, type FieldTarget } from './sample-fields.js';

/** What a map target may be, for the error message. */
const TARGET_HELP = 'heapUsed, heapTotal, rss, external, arrayBuffers, heapLimit, time, instance or pool.<name>.<total|idle|inUse|waiting|max>';

/** Parses `name=target` entries (the repeated --metric flag) into a name → target record. */
export function parseMetricFlags(entries: readonly string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const entry of entries) {
    const equals = entry.lastIndexOf('=');
    if (equals <= 0 || equals === entry.length - 1) throw new InputError(`--metric "${entry}": expected name=target (target: ${TARGET_HELP})`);
    map[entry.slice(0, equals).trim()] = entry.slice(equals + 1).trim();
  }
  return map;
}

/** Validates a name → target record into the resolved map readers use. */
export function resolveMetricMap(map: Readonly<Record<string, string>> | undefined): Map<string, FieldTarget> {
  const resolved = new Map<string, FieldTarget>();
  for (const [name, target] of Object.entries(map ?? {})) {
    const meaning = parseMapTarget(target);
    if (!meaning) throw new InputError(`--metric ${name}=${target}: unknown target "${target}" (one of ${TARGET_HELP})`);
    resolved.set(name, meaning);
  }
  return resolved;
}
