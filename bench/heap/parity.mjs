// The DevTools parity check: loads snapshots it makes itself with the real Chrome DevTools heap snapshot worker
// and with pooldoc's built engine (dist/), then compares, node by node (matched by snapshot id): shallow size,
// retained size, immediate dominator, distance; and the class summary (count, shallow, class retained size). MemLab's
// retained sizes are compared too, to show the check has teeth (MemLab is known to differ from DevTools).
//
//   npm run parity                         → all scenario snapshots (every node compared)
//   npm run parity -- --big                → plus the 200 MB bench snapshot (sampled: SAMPLE_SIZE ids + the top nodes)
//   npm run parity -- --file x.heapsnapshot [--sample N] [--no-memlab]
// Exits 1 when any compared value differs, 0 when every one is equal to the byte.
import { statSync } from 'node:fs';
import path from 'node:path';
import { loadWithDevTools } from './devtools-worker.mjs';
import { makeSnapshot, PRESETS } from './make-snapshot.mjs';
import { makeParitySnapshots } from './parity-scenarios.mjs';
import { analyzeWithPooldoc } from './pooldoc-engine.mjs';

/** Files with more nodes than this are sampled (DevTools and pooldoc still compute everything; we compare a sample). */
const FULL_COMPARE_MAX_NODES = 1_000_000;
/** Random ids compared on a sampled file, plus the TOP_BY_RETAINED largest nodes (where errors cost most). */
const SAMPLE_SIZE = 20_000;
const TOP_BY_RETAINED = 2_000;
/** MemLab is slow and memory-hungry; it is compared only on files up to this size. */
const MEMLAB_MAX_BYTES = 50e6;
const SHOW_MISMATCHES = 8;

function parseArgs(argv) {
  const options = { files: [], big: false, sample: SAMPLE_SIZE, memlab: true };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--big') options.big = true;
    else if (argv[i] === '--file') options.files.push(path.resolve(argv[++i]));
    else if (argv[i] === '--sample') options.sample = Number(argv[++i]);
    else if (argv[i] === '--no-memlab') options.memlab = false;
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  return options;
}

/** DevTools' per-node columns, by ordinal, plus its class aggregates grouped by class name. */
function devtoolsColumns(snapshot) {
  const { nodes, nodeFieldCount, nodeIdOffset, nodeSelfSizeOffset, nodeCount } = snapshot;
  const read = typeof nodes.getValue === 'function' ? (i) => nodes.getValue(i) : (i) => nodes[i];
  const id = new Float64Array(nodeCount);
  const selfSize = new Float64Array(nodeCount);
  for (let ordinal = 0; ordinal < nodeCount; ordinal++) {
    id[ordinal] = read(ordinal * nodeFieldCount + nodeIdOffset);
    selfSize[ordinal] = read(ordinal * nodeFieldCount + nodeSelfSizeOffset);
  }
  const names = new Array(nodeCount);
  const node = snapshot.createNode(0);
  for (let ordinal = 0; ordinal < nodeCount; ordinal++) {
    node.nodeIndex = ordinal * nodeFieldCount;
    names[ordinal] = `${node.type()} ${node.name().slice(0, 40)}`;
  }
  const classes = new Map();
  // DevTools keys object classes by name AND allocation location; pooldoc reports by name, so sum keys per name.
  for (const aggregate of Object.values(snapshot.aggregatesWithFilter({}))) {
    const row = classes.get(aggregate.name) ?? { count: 0, shallowSize: 0, retainedSize: 0, keys: 0 };
    row.count += aggregate.count;
    row.shallowSize += aggregate.self;
    row.retainedSize += aggregate.maxRet;
    row.keys++;
    classes.set(aggregate.name, row);
  }
  return { id, selfSize, retainedSize: snapshot.retainedSizes, dominator: snapshot.dominatorsTree, distance: snapshot.nodeDistances, names, classes };
}

async function memlabRetained(file) {
  const { default: memlab } = await import('@memlab/core');
  const snapshot = await memlab.utils.getSnapshotFromFile(file, { buildNodeIdIndex: true, verbose: false });
  memlab.analysis.preparePathFinder(snapshot);
  const byId = new Map();
  snapshot.nodes.forEach((node) => { byId.set(node.id, node.retainedSize); });
  return byId;
}

/** The ordinals to compare: all of them, or a seeded sample plus the largest nodes by DevTools retained size. */
function ordinalsToCompare(nodeCount, retainedSize, sampleSize) {
  if (nodeCount <= FULL_COMPARE_MAX_NODES) return { ordinals: Uint32Array.from({ length: nodeCount }, (_, i) => i), sampled: false };
  const chosen = new Set([0]);
  let seed = 20_260_521;
  // 32-bit integer LCG (Math.imul): with plain doubles seed × 1103515245 passes 2^53, loses its low bits and the
  // sequence falls into a short cycle, so the loop below never found enough distinct ordinals (--big hung).
  const random = () => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) & 0x7fff_ffff) / 2_147_483_648;
  while (chosen.size < sampleSize) chosen.add(Math.floor(random() * nodeCount));
  const byRetained = Uint32Array.from({ length: nodeCount }, (_, i) => i).sort((a, b) => retainedSize[b] - retainedSize[a]);
  for (let i = 0; i < TOP_BY_RETAINED; i++) chosen.add(byRetained[i]);
  return { ordinals: Uint32Array.from(chosen), sampled: true };
}

function compareFile(devtools, pooldoc, memlab, sampleSize) {
  const report = { nodes: devtools.id.length, compared: 0, sampled: false, missing: 0, shallow: [0, 0], retained: [0, 0], dominator: [0, 0], distance: [0, 0], memlab: memlab ? [0, 0] : null, classes: [0, 0], mismatches: [], classMismatches: [] };
  if (pooldoc.nodeCount !== devtools.id.length) report.mismatches.push(`node count: DevTools ${devtools.id.length}, pooldoc ${pooldoc.nodeCount}`);
  const { ordinals, sampled } = ordinalsToCompare(devtools.id.length, devtools.retainedSize, sampleSize);
  report.sampled = sampled;
  report.compared = ordinals.length;
  for (const ordinal of ordinals) {
    const id = devtools.id[ordinal];
    const mine = pooldoc.ordinalOfId(id);
    if (mine < 0) { report.missing++; continue; }
    const checks = [
      ['shallow', devtools.selfSize[ordinal], pooldoc.selfSize[mine]],
      ['retained', devtools.retainedSize[ordinal], pooldoc.retainedSize[mine]],
      ['dominator', devtools.id[devtools.dominator[ordinal]], pooldoc.nodeId[pooldoc.dominator[mine]]],
      // DevTools' "Distance" column (BFS with its edge filter, incl. the WeakMap pair rule).
      ['distance', devtools.distance[ordinal], pooldoc.distance[mine]],
    ];
    for (const [what, expected, actual] of checks) {
      const equal = expected === actual;
      report[what][equal ? 0 : 1]++;
      if (!equal && report.mismatches.length < SHOW_MISMATCHES) report.mismatches.push(`@${id} ${devtools.names[ordinal]}: ${what} DevTools ${expected}, pooldoc ${actual}`);
    }
    if (memlab) {
      const value = memlab.get(id);
      report.memlab[value === devtools.retainedSize[ordinal] ? 0 : 1]++;
    }
  }
  for (const [name, expected] of devtools.classes) {
    const actual = pooldoc.classes.get(name);
    const equal = actual && actual.count === expected.count && actual.shallowSize === expected.shallowSize && actual.retainedSize === expected.retainedSize;
    report.classes[equal ? 0 : 1]++;
    if (!equal && report.classMismatches.length < SHOW_MISMATCHES) {
      report.classMismatches.push(`class ${JSON.stringify(name)}${expected.keys > 1 ? ` (${expected.keys} DevTools keys)` : ''}: DevTools ${expected.count}/${expected.shallowSize}/${expected.retainedSize}, pooldoc ${actual ? `${actual.count}/${actual.shallowSize}/${actual.retainedSize}` : 'absent'} (count/shallow/retained)`);
    }
  }
  for (const name of pooldoc.classes.keys()) if (!devtools.classes.has(name)) { report.classes[1]++; if (report.classMismatches.length < SHOW_MISMATCHES) report.classMismatches.push(`class ${JSON.stringify(name)}: only pooldoc has it`); }
  return report;
}

const options = parseArgs(process.argv.slice(2));
const files = options.files.length ? options.files : makeParitySnapshots();
if (options.big) files.push(makeSnapshot('200mb', PRESETS['200mb']));
let failed = false;
const rows = [];
for (const file of files) {
  const name = path.relative(process.cwd(), file);
  process.stderr.write(`${path.basename(file)}: DevTools… `);
  const { snapshot, problems } = await loadWithDevTools(file);
  const devtools = devtoolsColumns(snapshot);
  process.stderr.write('pooldoc… ');
  const pooldoc = await analyzeWithPooldoc(file, { edgeWorker: 'always', helperThread: 'always' });
  if (pooldoc.distancesThread !== 'worker' || pooldoc.shallowSizesThread !== 'worker' || pooldoc.classesThread !== 'worker') {
    throw new Error(`${file}: the analysis threads did not run (distances: ${pooldoc.distancesThread}, shallow sizes: ${pooldoc.shallowSizesThread}, classes: ${pooldoc.classesThread}): is dist/ built?`);
  }
  let memlab = null;
  if (options.memlab && statSync(file).size <= MEMLAB_MAX_BYTES) {
    process.stderr.write('MemLab… ');
    memlab = await memlabRetained(file);
  }
  process.stderr.write('\n');
  const report = compareFile(devtools, pooldoc, memlab, options.sample);
  const bad = report.shallow[1] + report.retained[1] + report.dominator[1] + report.distance[1] + report.classes[1] + report.missing > 0 || report.mismatches.length > 0;
  failed ||= bad;
  rows.push([path.basename(file), report.nodes.toLocaleString('en-US'), `${report.compared.toLocaleString('en-US')}${report.sampled ? ' (sample)' : ''}`,
    fmt(report.shallow), fmt(report.retained), fmt(report.dominator), fmt(report.distance), fmt(report.classes), report.memlab ? fmt(report.memlab) : '–', bad ? 'MISMATCH' : 'equal']);
  if (problems.length) console.log(`  DevTools reported ${problems.length} snapshot problem(s) on ${name}`);
  for (const line of [...report.mismatches, ...report.classMismatches]) console.log(`  ${path.basename(file)}: ${line}`);
  // Each result as soon as it is known, so a long run that is stopped still leaves its verdicts.
  console.log(`  ${rows.at(-1).join(' | ')}`);
}

function fmt([equal, different]) {
  return different ? `${equal}/${equal + different} (${different} differ)` : `${equal}/${equal}`;
}

const header = ['snapshot', 'nodes', 'compared', 'shallow equal', 'retained equal', 'dominator equal', 'distance equal', 'classes equal', 'MemLab retained = DevTools', 'verdict'];
const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => String(r[c]).length)));
const line = (row) => `| ${row.map((cell, c) => String(cell).padEnd(widths[c])).join(' | ')} |`;
console.log(line(header));
console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
for (const row of rows) console.log(line(row));
console.log(failed ? '\nparity: MISMATCH (see the lines above the table)' : '\nparity: every compared value equals DevTools to the byte');
process.exitCode = failed ? 1 : 0;
