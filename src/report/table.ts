// One place that configures cli-table3 for pooldoc's plain, borderless tables (numbers right-aligned).
import chalk from 'chalk';
import Table from 'cli-table3';

export interface TableOptions {
  /** Column indexes to right-align (numbers). */
  numeric?: number[];
}

/** Renders rows under a dimmed header with no borders, two spaces of indent. */
export function table(header: string[], rows: string[][], options: TableOptions = {}): string {
  const numeric = new Set(options.numeric ?? []);
  const instance = new Table({
    head: header.map((title) => chalk.dim(title)),
    colAligns: header.map((_, index) => (numeric.has(index) ? 'right' : 'left')),
    chars: {
      top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
      left: ' ', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: ' ',
    },
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
  });
  instance.push(...rows);
  return instance.toString();
}

/** A table, or one dimmed line saying why there is nothing to show. */
export function tableOrNone(header: string[], rows: string[][], emptyText: string, options: TableOptions = {}): string {
  return rows.length === 0 ? chalk.dim(`  ${emptyText}`) : table(header, rows, options);
}
