// JSON and YAML config files (via the `yaml` package, with positions): library configs and connection URLs in them.
import type { Node, Pair } from 'yaml';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Position, RawSite, RawValue, Scalar } from '../../pools/model.js';
import { detectLibrary } from './config-detect.js';
import { urlSite } from './url-sites.js';
import type { FileExtraction } from './types.js';

const MODULE_LEVEL = { inFunction: false, errorListener: null } as const;

export function extractConfigFile(file: string, text: string, prismaProject: boolean): FileExtraction {
  const result: FileExtraction = { sites: [], problems: [], envConsumed: [] };
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  const error = document.errors[0];
  if (error) {
    const at = lineCounter.linePos(error.pos[0]);
    result.problems.push({ position: { file, line: at.line, column: at.col }, message: error.message.split('\n')[0] });
    return result;
  }
  const position = (node: Node | null | undefined): Position => {
    const at = lineCounter.linePos(node?.range?.[0] ?? 0);
    return { file, line: at.line, column: at.col };
  };
  const visit = (node: unknown, parentKey: string | undefined, path: string): void => {
    if (isMap(node)) {
      const plain = node.toJSON() as Record<string, unknown>;
      const library = plain && typeof plain === 'object' ? detectLibrary(plain, parentKey) : undefined;
      if (library) {
        result.sites.push(configSite(library, node.items as Pair[], position, `${file.split('/').pop()}: ${path || '(root)'}`, position(node)));
        return;
      }
      for (const pair of node.items as Pair[]) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        visit(pair.value, key, path ? `${path}.${key}` : String(key));
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => visit(item, parentKey, `${path}[${index}]`));
    } else if (isScalar(node) && typeof node.value === 'string' && node.value.includes('://')) {
      const site = urlSite(node.value, position(node), `${file.split('/').pop()}: ${path}`, prismaProject);
      if (site) result.sites.push(site);
    }
  };
  visit(document.contents, undefined, '');
  return result;
}

function configSite(library: string, items: Pair[], position: (node: Node | null | undefined) => Position, construct: string, at: Position): RawSite {
  const options = new Map<string, RawValue>();
  const flatten = (pairs: Pair[], prefix: string) => {
    for (const pair of pairs) {
      if (!isScalar(pair.key)) continue;
      const key = `${prefix}${String(pair.key.value)}`;
      if (isMap(pair.value)) flatten(pair.value.items as Pair[], `${key}.`);
      else options.set(key, { value: scalarOf(pair.value), resolved: true, position: position(pair.key as Node), via: 'literal' });
    }
  };
  flatten(items, '');
  return { library, construct, position: at, options, opaquePaths: [], context: { ...MODULE_LEVEL } };
}

function scalarOf(node: unknown): Scalar {
  if (isScalar(node)) {
    const value = node.value;
    if (value === null || typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
    return String(value);
  }
  return JSON.stringify((node as { toJSON?: () => unknown } | null)?.toJSON?.() ?? null);
}
