// Puts one field value of a sample record into the current accumulator row, by the field's meaning.
import type { FieldNode } from './field-tree.js';
import type { SampleAccumulator } from './sample-accumulator.js';
import { epochToMillis, valueToMillis } from './timestamps.js';

/** A numeric field value (JSON number, CSV cell that parsed as a number). */
export function applyNumber(accumulator: SampleAccumulator, node: FieldNode, value: number): void {
  switch (node.target.kind) {
    case 'memory':
    case 'pool':
      accumulator.setValue(node.slot, value);
      break;
    case 'time':
      accumulator.setTime(epochToMillis(value));
      break;
    case 'pid':
      accumulator.setPid(numberText(value));
      break;
    case 'instance':
      accumulator.setInstance(numberText(value));
      break;
    case 'restartMarker':
      accumulator.setRestartMarker(value);
      break;
    case 'uptime':
      accumulator.setUptime(value);
      break;
    default:
  }
}

/** A text field value; numbers written as text are accepted for numeric fields. */
export function applyText(accumulator: SampleAccumulator, node: FieldNode, text: string): void {
  switch (node.target.kind) {
    case 'memory':
    case 'pool':
    case 'uptime':
      applyNumber(accumulator, node, text.trim() === '' ? Number.NaN : Number(text));
      break;
    case 'time':
      accumulator.setTime(valueToMillis(text));
      break;
    case 'restartMarker':
      accumulator.setRestartMarker(valueToMillis(text));
      break;
    case 'pid':
      accumulator.setPid(text);
      break;
    case 'instance':
      accumulator.setInstance(text);
      break;
    default:
  }
}

// pids repeat on every line: keep the last conversion instead of allocating a string per line.
let lastNumber = Number.NaN;
let lastText = '';
function numberText(value: number): string {
  if (value !== lastNumber) {
    lastNumber = value;
    lastText = String(value);
  }
  return lastText;
}

/** Walks a parsed JSON record (the slow path and whole-document JSON): objects nest, arrays are skipped. */
export function applyRecord(accumulator: SampleAccumulator, node: FieldNode, record: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(record)) {
    const child = node.childNamed(key);
    if (typeof value === 'number') applyNumber(accumulator, child, value);
    else if (typeof value === 'string') applyText(accumulator, child, value);
    else if (value !== null && typeof value === 'object' && !Array.isArray(value)) applyRecord(accumulator, child, value as Record<string, unknown>);
  }
}
