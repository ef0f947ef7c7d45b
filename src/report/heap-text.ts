// Text rendering of `pooldoc heap`: totals, classes, largest objects, collections, statistics, one node's detail.
import chalk from 'chalk';
import { formatBytes, formatCount, formatPercent } from './format.js';
import type { HeapNodeResult, HeapSummaryResult } from './heap-result.js';
import { table, tableOrNone } from './table.js';

/** Paths longer than this are cut in the middle in tables (the JSON keeps them whole). */
const PATH_WIDTH = 70;

export function shortenPath(path: string, width = PATH_WIDTH): string {
  if (path.length <= width) return path;
  const half = Math.floor((width - 1) / 2);
  return `${path.slice(0, half)}…${path.slice(path.length - half)}`;
}

/** `Map (object)`; nameless nodes (arrays, internals) show only their type, as `(array)`. */
export function describeObject(name: string, type: string): string {
  return name ? `${name} (${type})` : `(${type})`;
}

function totalsLine(result: { file: string; nodeCount: number; edgeCount: number; totalSize: number }): string {
  return `${chalk.bold(result.file)}: ${formatCount(result.nodeCount)} nodes, ${formatCount(result.edgeCount)} edges, ${formatBytes(result.totalSize)} total`;
}

export function renderHeapSummary(result: HeapSummaryResult): string {
  const share = (bytes: number) => formatPercent(result.totalSize > 0 ? bytes / result.totalSize : 0);
  const out: string[] = [totalsLine(result), ''];
  out.push(chalk.bold('Classes by retained size'));
  out.push(
    table(
      ['class', 'count', 'shallow', 'retained', '%'],
      result.classes.map((row) => [row.name, formatCount(row.count), formatBytes(row.shallowSize), formatBytes(row.retainedSize), share(row.retainedSize)]),
      { numeric: [1, 2, 3, 4] },
    ),
  );
  out.push('', chalk.bold('Largest objects'));
  out.push(
    table(
      ['id', 'object', 'retained', 'shallow', 'path'],
      result.largestObjects.map((row) => [`@${row.id}`, describeObject(row.name, row.type), formatBytes(row.retainedSize), formatBytes(row.shallowSize), shortenPath(row.path)]),
      { numeric: [2, 3] },
    ),
  );
  out.push('', chalk.bold('Largest collections'));
  out.push(
    tableOrNone(
      ['id', 'kind', 'entries', 'retained', 'path'],
      result.collections.map((row) => [`@${row.id}`, row.kind === row.name ? row.kind : `${row.kind} ${row.name}`, formatCount(row.entries), formatBytes(row.retainedSize), shortenPath(row.path)]),
      'none found', { numeric: [2, 3] },
    ),
  );
  out.push('', chalk.bold('Pools in the heap'));
  out.push(
    tableOrNone(
      ['id', 'library', 'class', 'connections', 'retained', 'path'],
      result.pools.map((row) => [`@${row.id}`, row.library, row.className, formatCount(row.connections), formatBytes(row.retainedSize), shortenPath(row.path)]),
      'none found', { numeric: [3, 4] },
    ),
  );
  out.push('', chalk.bold('Statistics'));
  const stats = Object.entries(result.statistics).filter(([key]) => key !== 'total');
  out.push(table(['category', 'size', '%'], stats.map(([key, bytes]) => [key, formatBytes(bytes), share(bytes)]), { numeric: [1, 2] }));
  return out.join('\n');
}

export function renderHeapNode(result: HeapNodeResult): string {
  const node = result.node;
  const out: string[] = [totalsLine(result), ''];
  out.push(`${chalk.bold(`@${node.id}`)} ${describeObject(node.name, node.type)}`);
  out.push(`  shallow ${formatBytes(node.shallowSize)}, retained ${formatBytes(node.retainedSize)}`);
  out.push(`  path    ${node.path}`);
  out.push('', chalk.bold('Retainers'));
  out.push(
    tableOrNone(
      ['edge', 'type', 'from', 'retained'],
      node.retainers.map((row) => [row.edge, row.edgeType, `@${row.id} ${describeObject(row.name, row.type)}`, formatBytes(row.retainedSize)]),
      'none (a GC root)', { numeric: [3] },
    ),
  );
  out.push('', chalk.bold('Dominated (freed with it), biggest first'));
  out.push(
    tableOrNone(
      ['id', 'object', 'retained', 'shallow'],
      node.dominated.map((row) => [`@${row.id}`, describeObject(row.name, row.type), formatBytes(row.retainedSize), formatBytes(row.shallowSize)]),
      'nothing', { numeric: [2, 3] },
    ),
  );
  return out.join('\n');
}
