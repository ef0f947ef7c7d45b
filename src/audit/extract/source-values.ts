// Static value resolution for JS/TS options: literals, same-file constants, spreads, process.env with fallbacks.
// What cannot be resolved is returned as unresolved (never guessed), keeping the env variable name if any.
import type { Expression, ObjectExpression } from 'oxc-parser';
import type { RawValue, Scalar } from '../../pools/model.js';
import type { LineIndex } from './lines.js';
import type { EnvValues } from './types.js';

/** Constant chains deeper than this are almost certainly cycles (`const a = b; const b = a`). */
const MAX_RESOLVE_DEPTH = 12;

export interface ValueScope {
  /** Same-file `const` declarations by name; null when a name is declared more than once (no scope analysis). */
  constants: ReadonlyMap<string, Expression | null>;
  env: EnvValues;
  lines: LineIndex;
}

/** A resolved expression: a raw value, or `absent` for `undefined` (the option is then simply not set). */
export type Resolution = RawValue | 'absent';

const NUMBER_CONVERTERS = new Set(['Number', 'parseInt', 'parseFloat']);

/** Strips wrappers that do not change the value: parentheses, `as`, `satisfies`, `!`, `await`. */
export function unwrap(node: Expression): Expression {
  let current = node;
  for (;;) {
    switch (current.type) {
      case 'ParenthesizedExpression':
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/** Follows constants to an object literal, or undefined when the expression is not statically an object. */
export function resolveObject(node: Expression, scope: ValueScope, depth = 0): ObjectExpression | undefined {
  const inner = unwrap(node);
  if (inner.type === 'ObjectExpression') return inner;
  if (inner.type === 'Identifier' && depth < MAX_RESOLVE_DEPTH) {
    const init = scope.constants.get(inner.name);
    return init ? resolveObject(init, scope, depth + 1) : undefined;
  }
  return undefined;
}

export function resolveValue(node: Expression, scope: ValueScope, offset: number, depth = 0): Resolution {
  const position = scope.lines.position(offset);
  const unknown = (extra: Partial<RawValue> = {}): RawValue => ({ resolved: false, position, via: 'expression', ...extra });
  const known = (value: Scalar, via: RawValue['via'] = 'literal'): RawValue => ({ value, resolved: true, position, via });
  if (depth > MAX_RESOLVE_DEPTH) return unknown();
  const inner = unwrap(node);
  switch (inner.type) {
    case 'Literal':
      return typeof inner.value === 'number' || typeof inner.value === 'string' || typeof inner.value === 'boolean' || inner.value === null ? known(inner.value) : unknown();
    case 'TemplateLiteral': {
      const parts = inner.expressions.map((expression) => resolveValue(expression, scope, offset, depth + 1));
      if (parts.some((part) => part === 'absent' || !part.resolved)) return unknown();
      const text = inner.quasis.map((quasi, index) => `${quasi.value.cooked ?? ''}${index < parts.length ? String((parts[index] as RawValue).value) : ''}`).join('');
      return known(text);
    }
    case 'Identifier': {
      if (inner.name === 'undefined') return 'absent';
      if (inner.name === 'Infinity') return known(Infinity);
      const init = scope.constants.get(inner.name);
      if (!init) return unknown();
      const resolved = resolveValue(init, scope, offset, depth + 1);
      return resolved !== 'absent' && resolved.resolved && resolved.via === 'literal' ? { ...resolved, via: 'constant' } : resolved;
    }
    case 'MemberExpression': {
      const name = envName(inner);
      if (!name) return unknown();
      const defined = scope.env.get(name);
      return defined ? { value: defined.value, resolved: true, position, via: 'env', env: name } : unknown({ via: 'env', env: name });
    }
    case 'UnaryExpression': {
      const argument = resolveValue(inner.argument, scope, offset, depth + 1);
      if (argument === 'absent' || !argument.resolved) return unknown();
      if (inner.operator === '-' && typeof argument.value === 'number') return { ...argument, value: -argument.value };
      if (inner.operator === '+') return { ...argument, value: Number(argument.value) };
      if (inner.operator === '!') return { ...argument, value: !argument.value };
      return unknown();
    }
    case 'BinaryExpression':
      return arithmetic(inner.operator, resolveValue(inner.left as Expression, scope, offset, depth + 1), resolveValue(inner.right, scope, offset, depth + 1), unknown);
    case 'LogicalExpression':
      return fallback(inner.operator, resolveValue(inner.left, scope, offset, depth + 1), resolveValue(inner.right, scope, offset, depth + 1), unknown);
    case 'CallExpression': {
      const callee = unwrap(inner.callee);
      const argument = inner.arguments[0];
      if (callee.type !== 'Identifier' || !argument || argument.type === 'SpreadElement') return unknown();
      const resolved = resolveValue(argument, scope, offset, depth + 1);
      if (resolved === 'absent') return unknown();
      if (!resolved.resolved) return resolved.env ? resolved : unknown();
      return convert(callee.name, resolved) ?? unknown();
    }
    default:
      return unknown();
  }
}

/** `process.env.X` / `process.env['X']` → X. */
function envName(node: Expression): string | undefined {
  if (node.type !== 'MemberExpression') return undefined;
  const object = unwrap(node.object);
  const isProcessEnv = object.type === 'MemberExpression' && !object.computed && object.property.type === 'Identifier' && object.property.name === 'env'
    && unwrap(object.object).type === 'Identifier' && (unwrap(object.object) as { name: string }).name === 'process';
  if (!isProcessEnv) return undefined;
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  if (node.computed && node.property.type === 'Literal' && typeof node.property.value === 'string') return node.property.value;
  return undefined;
}

function convert(name: string, value: RawValue): RawValue | undefined {
  if (NUMBER_CONVERTERS.has(name)) {
    const number = name === 'parseInt' ? Number.parseInt(String(value.value), 10) : Number(value.value);
    return Number.isNaN(number) ? undefined : { ...value, value: number };
  }
  if (name === 'String') return { ...value, value: String(value.value) };
  if (name === 'Boolean') return { ...value, value: Boolean(value.value) };
  return undefined;
}

function arithmetic(operator: string, left: Resolution, right: Resolution, unknown: () => RawValue): Resolution {
  if (left === 'absent' || right === 'absent' || !left.resolved || !right.resolved) return unknown();
  const [a, b] = [left.value, right.value];
  if (operator === '+' && (typeof a === 'string' || typeof b === 'string')) return { ...left, value: `${a}${b}`, via: 'expression' };
  if (typeof a !== 'number' || typeof b !== 'number') return unknown();
  const result = operator === '+' ? a + b : operator === '-' ? a - b : operator === '*' ? a * b : operator === '/' ? a / b : operator === '**' ? a ** b : NaN;
  return Number.isNaN(result) ? unknown() : { ...left, value: result, via: left.via === 'literal' && right.via === 'literal' ? 'literal' : 'expression' };
}

/** `process.env.X ?? 10`: the env value when a .env file defines X, else the fallback that runs when X is unset. */
function fallback(operator: string, left: Resolution, right: Resolution, unknown: () => RawValue): Resolution {
  if (left !== 'absent' && left.resolved) {
    const useLeft = operator === '??' ? left.value !== null : operator === '||' ? Boolean(left.value) : !left.value;
    return useLeft ? left : right;
  }
  if (left !== 'absent' && left.env && right !== 'absent' && right.resolved && operator !== '&&') {
    return { ...right, via: 'env-fallback', env: left.env };
  }
  return left === 'absent' ? right : unknown();
}
