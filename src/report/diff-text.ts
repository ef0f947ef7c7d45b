// Text rendering of `pooldoc diff`: the growth verdict, what grows (with paths and rates), class deltas.
import chalk from 'chalk';
import { formatBytes, formatCount } from './format.js';
import type { DiffResult, GrowingRow } from './heap-result.js';
import { shortenPath } from './heap-text.js';
import { table, tableOrNone } from './table.js';

const VERDICT_TEXT = {
  leak: chalk.red.bold('LEAK: something grows in every snapshot'),
  growing: chalk.yellow('growing: something grew, then held'),
  ok: chalk.green('ok: no monotonic growth above the thresholds'),
  'insufficient-data': chalk.yellow('insufficient data: two snapshots show change, not a trend; give three or more'),
} as const;

function series(row: GrowingRow): string {
  const values = row.measure === 'entries' ? row.entries.map(formatCount) : row.retainedSize.map((v) => formatBytes(v));
  return values.join(' → ');
}

function rate(row: GrowingRow): string {
  const format = (value: number) => (row.measure === 'entries' ? `+${formatCount(Math.round(value))}` : `+${formatBytes(value)}`);
  return row.perSecond !== undefined ? `${format(row.perSecond * 60)}/min` : `${format(row.perSnapshot)}/snap`;
}

function verdictCell(row: GrowingRow): string {
  if (row.verdict === 'leak') return chalk.red('leak');
  if (row.verdict === 'insufficient-data') return chalk.yellow('?');
  const values = row.measure === 'entries' ? row.entries : row.retainedSize;
  // Strict growth is `monotonic`; a series that only rose and held still is not one that fluctuates.
  const held = values.every((value, index) => index === 0 || value >= values[index - 1]!);
  return row.monotonic ? 'small' : held ? chalk.dim('held') : chalk.dim('fluctuates');
}

/** The growing collections and objects tables (shared with `analyze --snapshots`). */
export function growingTables(growing: readonly GrowingRow[]): string[] {
  const collections = growing.filter((row) => row.measure === 'entries');
  const objects = growing.filter((row) => row.measure === 'retainedSize');
  return [
    chalk.bold('Growing collections (entries per snapshot)'),
    tableOrNone(
      ['verdict', 'kind', 'entries', 'rate', 'retained (last)', 'path'],
      collections.map((row) => [verdictCell(row), row.kind, series(row), rate(row), formatBytes(row.retainedSize[row.retainedSize.length - 1]), shortenPath(row.path)]),
      'none grew', { numeric: [4] },
    ),
    '',
    chalk.bold('Objects whose retained size grows'),
    tableOrNone(
      ['verdict', 'object', 'retained', 'rate', 'path'],
      objects.map((row) => [verdictCell(row), `@${row.id} ${row.name}`, series(row), rate(row), shortenPath(row.path)]),
      'none above the threshold',
    ),
  ];
}

export function renderDiff(result: DiffResult): string {
  const out: string[] = [];
  const sizes = result.totalSize.map((bytes) => formatBytes(bytes)).join(' → ');
  out.push(`${chalk.bold(`${result.files.length} snapshots`)}: heap ${sizes}`);
  out.push(VERDICT_TEXT[result.verdict], '');
  out.push(...growingTables(result.growing));
  out.push('', chalk.bold(`Classes, first → last snapshot (DevTools Comparison)`));
  out.push(
    table(
      ['class', '# new', '# deleted', '# delta', 'alloc size', 'freed size', 'size delta'],
      result.classes.map((row) => [row.name, formatCount(row.newCount), formatCount(row.deletedCount), signed(row.countDelta, formatCount), formatBytes(row.allocatedSize), formatBytes(row.freedSize), signed(row.sizeDelta, (v) => formatBytes(v))]),
      { numeric: [1, 2, 3, 4, 5, 6] },
    ),
  );
  return out.join('\n');
}

function signed(value: number, format: (value: number) => string): string {
  return value > 0 ? `+${format(value)}` : value < 0 ? `-${format(-value)}` : '0';
}
