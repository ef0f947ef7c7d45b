// Flattens an options object literal into dotted paths, following same-file constants and object spreads.
import type { Expression, ObjectExpression } from 'oxc-parser';
import type { RawValue } from '../../pools/model.js';
import type { ValueScope } from './source-values.js';
import { resolveObject, resolveValue, unwrap } from './source-values.js';

/** Spreads nested deeper than this are not followed (and reported as opaque), to bound work on odd code. */
const MAX_OBJECT_DEPTH = 8;

export interface FlatOptions {
  options: Map<string, RawValue>;
  /** Dotted prefixes whose content is not statically known ('' = the whole object). */
  opaquePaths: string[];
}

/** Flattens an options argument; a non-object argument (a call, a parameter) makes the whole object opaque. */
export function flattenArgument(argument: Expression | undefined, scope: ValueScope, basePath = ''): FlatOptions {
  const flat: FlatOptions = { options: new Map(), opaquePaths: [] };
  if (!argument) return flat;
  const object = resolveObject(argument, scope);
  if (!object) {
    flat.opaquePaths.push('');
    return flat;
  }
  flattenInto(object, scope, '', flat, 0);
  if (basePath) narrowTo(flat, basePath);
  return flat;
}

function flattenInto(object: ObjectExpression, scope: ValueScope, prefix: string, flat: FlatOptions, depth: number): void {
  for (const property of object.properties) {
    if (property.type === 'SpreadElement') {
      const spread = depth < MAX_OBJECT_DEPTH ? resolveObject(property.argument, scope) : undefined;
      if (spread) flattenInto(spread, scope, prefix, flat, depth + 1);
      else flat.opaquePaths.push(prefix.replace(/\.$/, ''));
      continue;
    }
    const key = propertyName(property.key as Expression, property.computed, scope);
    if (key === undefined) {
      flat.opaquePaths.push(prefix.replace(/\.$/, ''));
      continue;
    }
    if (property.kind !== 'init' || property.method) continue;
    const value = unwrap(property.value);
    const nested = depth < MAX_OBJECT_DEPTH ? resolveObject(value, scope) : undefined;
    if (nested) {
      flattenInto(nested, scope, `${prefix}${key}.`, flat, depth + 1);
      continue;
    }
    if (value.type === 'ArrowFunctionExpression' || value.type === 'FunctionExpression') {
      flat.options.set(`${prefix}${key}`, { value: '[function]', resolved: true, position: scope.lines.position(property.key.start), via: 'literal' });
      continue;
    }
    const resolved = resolveValue(value, scope, property.key.start);
    if (resolved !== 'absent') flat.options.set(`${prefix}${key}`, resolved);
  }
}

function propertyName(key: Expression, computed: boolean, scope: ValueScope): string | undefined {
  if (!computed && key.type === 'Identifier') return key.name;
  if (key.type === 'Literal' && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  if (computed) {
    const resolved = resolveValue(key, scope, key.start);
    return resolved !== 'absent' && resolved.resolved && typeof resolved.value === 'string' ? resolved.value : undefined;
  }
  return undefined;
}

/** Keeps only what sits under `basePath` (ioredis Cluster reads its client options from `redisOptions`). */
function narrowTo(flat: FlatOptions, basePath: string): void {
  const prefix = `${basePath}.`;
  const narrowed = new Map<string, RawValue>();
  for (const [key, value] of flat.options) if (key.startsWith(prefix)) narrowed.set(key.slice(prefix.length), value);
  flat.options = narrowed;
  flat.opaquePaths = flat.opaquePaths.filter((path) => path === '' || path === basePath || path.startsWith(prefix)).map((path) => (path === basePath ? '' : path.startsWith(prefix) ? path.slice(prefix.length) : path));
}
