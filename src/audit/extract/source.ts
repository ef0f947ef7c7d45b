// JS/TS extraction with oxc-parser: finds pool/client/agent/cache/queue construction sites and their options.
import type { Argument, AssignmentExpression, CallExpression, Expression, ImportDeclaration, MethodDefinition, NewExpression, Program, PropertyDefinition, VariableDeclarator } from 'oxc-parser';
import { parseSync, rawTransferSupported } from 'oxc-parser';
import type { AstNode } from './ast-walk.js';
import { walkAst } from './ast-walk.js';
import type { RawSite } from '../../pools/model.js';
import { getLibrary } from '../../pools/index.js';
import { parseConnectionUrl, toRawParams } from '../../pools/url.js';
import { LineIndex } from './lines.js';
import { flattenArgument } from './source-options.js';
import type { Binding, PatternMatch } from './source-sites.js';
import { KNOWN_MODULES, matchSite } from './source-sites.js';
import type { ValueScope } from './source-values.js';
import { resolveValue, unwrap } from './source-values.js';
import type { EnvValues, FileExtraction } from './types.js';

/** Parameter names that mark a function as a request/message handler (Express, Koa, Fastify, Lambda, Nest). */
const HANDLER_PARAMS = new Set(['req', 'request', 'res', 'reply', 'response', 'ctx', 'context', 'event']);
/** Raw transfer (Node ≥ 22) skips oxc-parser's JSON AST round trip, the biggest cost of parsing (bench/audit/). */
const PARSE_OPTIONS = { sourceType: 'unambiguous' as const, experimentalRawTransfer: rawTransferSupported() };
/** Quick pre-filter: a file that never names a known module cannot construct anything we know. */
const MODULE_MENTION = new RegExp(`['"](?:node:)?(?:${[...KNOWN_MODULES].map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})['"]`);

interface Candidate {
  node: NewExpression | CallExpression;
  inFunction: boolean;
  inHandler: boolean;
  variable?: string;
}

export function extractSource(file: string, text: string, env: EnvValues): FileExtraction {
  const result: FileExtraction = { sites: [], problems: [], envConsumed: [] };
  if (!MODULE_MENTION.test(text)) return result;
  const lines = new LineIndex(file, text);
  const parsed = parseSync(file, text, PARSE_OPTIONS);
  const fatal = parsed.errors.find((error) => String(error.severity) === 'Error');
  if (fatal) {
    result.problems.push({ position: lines.position(fatal.labels[0]?.start ?? 0), message: fatal.message });
    return result;
  }
  const walk = walkProgram(parsed.program, text);
  const scope: ValueScope = { constants: walk.constants, env, lines };
  for (const candidate of walk.candidates) {
    const match = matchCandidate(candidate.node, walk.bindings);
    if (!match) continue;
    const site = buildSite(file, candidate, match, scope, walk.listeners);
    result.sites.push(site);
    for (const raw of site.options.values()) if (raw.env) result.envConsumed.push(raw.env);
    if (site.url?.env) result.envConsumed.push(site.url.env);
  }
  return result;
}

interface Walk {
  bindings: Map<string, Binding>;
  constants: Map<string, Expression | null>;
  candidates: Candidate[];
  /** Source text of every object that got `.on('error', …)`. */
  listeners: Set<string>;
}

function walkProgram(program: Program, text: string): Walk {
  const walk: Walk = { bindings: new Map(), constants: new Map(), candidates: [], listeners: new Set() };
  const functions: Array<{ handler: boolean; constructor: boolean }> = [];
  const variableOf = new Map<Expression, string>();
  let constructorDepth = 0;
  const enterFunction = (node: { params: Array<{ type: string; name?: string }> }) => {
    const handler = node.params.some((param) => param.type === 'Identifier' && HANDLER_PARAMS.has(param.name ?? ''));
    functions.push({ handler, constructor: constructorDepth > 0 && functions.length === 0 });
  };
  const exitFunction = () => functions.pop();
  const candidate = (node: NewExpression | CallExpression) => {
    const inFunction = functions.length > 0 && !(functions.length === 1 && functions[0].constructor);
    walk.candidates.push({ node, inFunction, inHandler: functions.some((fn) => fn.handler), variable: variableOf.get(node) });
  };
  const handlers: Record<string, (node: never) => void> = {
    ImportDeclaration(node: ImportDeclaration) {
      if (node.importKind === 'type') return;
      for (const specifier of node.specifiers) {
        const module = String(node.source.value);
        if (specifier.type === 'ImportDefaultSpecifier') walk.bindings.set(specifier.local.name, { module, exportPath: ['default'] });
        else if (specifier.type === 'ImportNamespaceSpecifier') walk.bindings.set(specifier.local.name, { module, exportPath: [] });
        else if (specifier.importKind !== 'type') {
          const imported = specifier.imported.type === 'Identifier' ? specifier.imported.name : String(specifier.imported.value);
          walk.bindings.set(specifier.local.name, { module, exportPath: [imported] });
        }
      }
    },
    VariableDeclarator(node: VariableDeclarator) {
      if (!node.init) return;
      const init = unwrap(node.init.type === 'AwaitExpression' ? node.init.argument : node.init);
      const required = requiredModule(init);
      if (node.id.type === 'Identifier') {
        if (required) walk.bindings.set(node.id.name, required);
        // No scope analysis: a name declared twice in a file is ambiguous and resolves to nothing.
        walk.constants.set(node.id.name, walk.constants.has(node.id.name) ? null : init);
        if (init.type === 'NewExpression' || init.type === 'CallExpression') variableOf.set(init, node.id.name);
      } else if (node.id.type === 'ObjectPattern' && required) {
        for (const property of node.id.properties) {
          if (property.type !== 'Property' || property.key.type !== 'Identifier' || property.value.type !== 'Identifier') continue;
          walk.bindings.set(property.value.name, { module: required.module, exportPath: [...required.exportPath, property.key.name] });
        }
      }
    },
    AssignmentExpression(node: AssignmentExpression) {
      const right = unwrap(node.right);
      if ((right.type === 'NewExpression' || right.type === 'CallExpression') && node.left.type === 'MemberExpression') {
        variableOf.set(right, text.slice(node.left.start, node.left.end));
      }
    },
    PropertyDefinition(node: PropertyDefinition) {
      const value = node.value ? unwrap(node.value) : undefined;
      if (value && (value.type === 'NewExpression' || value.type === 'CallExpression') && node.key.type === 'Identifier') variableOf.set(value, `this.${node.key.name}`);
    },
    MethodDefinition(node: MethodDefinition) {
      if (node.kind === 'constructor') constructorDepth++;
    },
    FunctionDeclaration: enterFunction,
    FunctionExpression: enterFunction,
    ArrowFunctionExpression: enterFunction,
    NewExpression: candidate,
    CallExpression(node: CallExpression) {
      const callee = unwrap(node.callee);
      const first = node.arguments[0];
      if (callee.type === 'MemberExpression' && !callee.computed && ['on', 'once', 'addListener'].includes(callee.property.name)
        && first?.type === 'Literal' && first.value === 'error') {
        walk.listeners.add(text.slice(callee.object.start, callee.object.end));
        return;
      }
      candidate(node);
    },
  };
  walkAst(
    program as unknown as AstNode,
    (node) => handlers[node.type]?.(node as never),
    (node) => {
      if (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression') exitFunction();
      else if (node.type === 'MethodDefinition' && (node as MethodDefinition).kind === 'constructor') constructorDepth--;
    },
  );
  return walk;
}

/** `require('m')`, `require('m').X`, `await import('m')` → the binding they produce. */
function requiredModule(node: Expression): Binding | undefined {
  if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require') {
    const argument = node.arguments[0];
    return argument?.type === 'Literal' && typeof argument.value === 'string' ? { module: argument.value, exportPath: [] } : undefined;
  }
  if (node.type === 'ImportExpression' && node.source.type === 'Literal' && typeof node.source.value === 'string') return { module: node.source.value, exportPath: [] };
  if (node.type === 'MemberExpression' && !node.computed) {
    const inner = requiredModule(unwrap(node.object));
    return inner ? { module: inner.module, exportPath: [...inner.exportPath, node.property.name] } : undefined;
  }
  return undefined;
}

function matchCandidate(node: NewExpression | CallExpression, bindings: Map<string, Binding>): PatternMatch | undefined {
  const members: string[] = [];
  let current = unwrap(node.callee);
  while (current.type === 'MemberExpression' && !current.computed) {
    members.unshift(current.property.name);
    current = unwrap(current.object);
  }
  const call = node.type === 'NewExpression' ? 'new' : 'call';
  const binding = current.type === 'Identifier' ? bindings.get(current.name) : requiredModule(current);
  if (!binding) return undefined;
  return matchSite(binding, members, call);
}

function buildSite(file: string, candidate: Candidate, match: PatternMatch, scope: ValueScope, listeners: Set<string>): RawSite {
  const { node } = candidate;
  const { pattern } = match;
  const args: Argument[] = node.arguments;
  const optionsIndex = pattern.optionsArg === 'last' ? lastObjectIndex(args, scope) : pattern.optionsArg;
  const optionsArg = optionsIndex === undefined ? undefined : args[optionsIndex];
  const flat = optionsArg && optionsArg.type !== 'SpreadElement' ? flattenArgument(optionsArg, scope, pattern.optionsPath) : { options: new Map(), opaquePaths: optionsArg ? [''] : [] };
  const site: RawSite = {
    library: match.library,
    construct: pattern.construct,
    position: scope.lines.position(node.start),
    options: flat.options,
    opaquePaths: flat.opaquePaths,
    context: {
      inFunction: candidate.inFunction,
      inHandler: candidate.inHandler,
      errorListener: candidate.variable ? listeners.has(candidate.variable) : false,
      variable: candidate.variable,
      role: pattern.role,
    },
  };
  const urlArg = pattern.urlArg === undefined ? undefined : args[pattern.urlArg];
  if (urlArg && urlArg.type !== 'SpreadElement' && urlArg !== optionsArg) attachUrl(site, urlArg, scope);
  else if (urlArg && urlArg.type !== 'SpreadElement' && flat.opaquePaths.includes('')) attachUrl(site, urlArg, scope);
  if (getLibrary(match.library).id === 'prisma' && !site.url) attachPrismaEnvUrl(site, scope);
  return site;
}

/** The options argument for `(a, b, opts)` signatures: the last argument that is (or resolves to) an object. */
function lastObjectIndex(args: Argument[], scope: ValueScope): number | undefined {
  for (let index = args.length - 1; index >= 0; index--) {
    const arg = args[index];
    if (arg.type === 'SpreadElement') return undefined;
    const resolved = unwrap(arg);
    if (resolved.type === 'ObjectExpression' || (resolved.type === 'Identifier' && scope.constants.get(resolved.name)?.type === 'ObjectExpression')) return index;
    if (resolved.type === 'Literal' || resolved.type === 'TemplateLiteral') return undefined;
  }
  return undefined;
}

function attachUrl(site: RawSite, argument: Expression, scope: ValueScope): void {
  const resolved = resolveValue(argument, scope, argument.start);
  if (resolved === 'absent' || !resolved.resolved || typeof resolved.value !== 'string') {
    // A URL we cannot see: the pool params it may carry are unknown, so the whole config is.
    if (resolved !== 'absent' && !resolved.resolved && site.options.size === 0 && !site.opaquePaths.includes('')) site.opaquePaths.push('url');
    return;
  }
  const parsed = parseConnectionUrl(resolved.value);
  if (parsed) site.url = { text: resolved.value, position: resolved.position, params: toRawParams(parsed, resolved.position), env: resolved.env };
}

/** `new PrismaClient()` reads `env("DATABASE_URL")` from schema.prisma: use the .env value when there is one. */
function attachPrismaEnvUrl(site: RawSite, scope: ValueScope): void {
  const defined = scope.env.get('DATABASE_URL');
  const parsed = defined ? parseConnectionUrl(defined.value) : undefined;
  if (defined && parsed) {
    site.url = { text: defined.value, position: defined.position, params: toRawParams(parsed, defined.position) };
    site.options.set('datasourceUrl', { value: defined.value, resolved: true, position: site.position, via: 'env', env: 'DATABASE_URL' });
  } else if (!site.options.has('datasourceUrl') && !site.options.has('datasources.db.url') && !site.options.has('adapter')) {
    site.opaquePaths.push('url');
  }
}
