// Relaunching the CLI with transparent huge pages for big snapshot files (Linux, glibc's malloc tunable).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { constants } from 'node:os';

/**
 * Why: the heap engine's arrays (~2× a snapshot's size) are fresh memory, and every 4 KB page of it costs a page
 * fault when first written (`heap` takes ~110 k of them on the 200 MB bench snapshot, ~380 k on the 1 GB one). With
 * 2 MB pages there are a third as many faults and the TLB covers more of the dominator step's random reads. Run
 * back to back on this project's VM, `heap` on the 200 MB snapshot ran 225 ± 29 ms faster with them, on the 1 GB
 * one 5.4–6.0 s instead of 7.0–7.4 s. glibc (2.35 and later) asks the kernel for huge pages for what malloc maps
 * when GLIBC_TUNABLES has `glibc.malloc.hugetlb=1`; it reads the variable only at process start, hence a relaunch,
 * which costs one more Node start (~0.1 s): only worth it for big inputs.
 *
 * Why not under a hypervisor that takes free memory back (virtio-balloon free page reporting): the guest kernel
 * reports free 2 MB blocks to the host, which unmaps them, so every huge page is such a block and its first touch
 * faults in the host 512 times, while a 4 KB fault often gets a page the host still backs. Measured on that VM
 * (reporting on), each run after a 5 s pause so the previous run's memory had been reported: touching a fresh
 * 800 MB Uint8Array took 2.5–2.75 s with huge pages, 0.44–1.9 s without; `heap` on the 200 MB bench snapshot
 * 1.67–2.22 s with them, 1.35–1.59 s without (6 of 6 rounds faster without); on the 1 GB one 5.48–8.20 s with,
 * 4.99–6.36 s without (4 of 4). The back-to-back gain came from memory the previous run had just freed, still
 * backed: not how an on-call engineer runs pooldoc.
 */

/**
 * Snapshot bytes (all files on the command line together) from which the relaunch pays for itself: the gain was
 * ~1 ms a MB on the 200 MB bench snapshot, the relaunch ~0.1 s.
 */
export const HUGE_PAGES_FROM_BYTES = 100 << 20;
/** The glibc tunable, and the user's switch: `on` relaunches whatever the input size (tests), `off` never. */
const TUNABLE = 'glibc.malloc.hugetlb';
export const SWITCH = 'POOLDOC_HUGE_PAGES';
/** Commands that read snapshot files named on the command line. */
const SNAPSHOT_COMMANDS = new Set(['heap', 'diff']);
/**
 * `analyze` with these flags takes heap snapshots of the target and reads them: their size is not known before,
 * and such a run lasts seconds to minutes, so the relaunch's ~0.1 s is small beside what it saves on a big heap.
 */
const ANALYZE_SNAPSHOT_FLAGS = ['--snapshot', '--snapshots'];
const THP_SETTING = '/sys/kernel/mm/transparent_hugepage/enabled';
/** Devices bound to the virtio balloon driver, each with its negotiated `features`, one '0'/'1' per bit from bit 0. */
const VIRTIO_BALLOONS = '/sys/bus/virtio/drivers/virtio_balloon';
/** VIRTIO_BALLOON_F_REPORTING (linux/virtio_balloon.h): the guest reports free pages, the host reclaims them. */
const FREE_PAGE_REPORTING_BIT = 5;

/** What the decision reads from the machine (tests give their own). */
export interface Machine {
  platform: NodeJS.Platform;
  /** The kernel's THP mode, the bracketed word of THP_SETTING (undefined: no THP). */
  thpMode(): string | undefined;
  /** The runtime glibc version ("2.36"), undefined with another C library. */
  glibcVersion(): string | undefined;
  /** Size of a regular file, undefined for anything else. */
  fileBytes(path: string): number | undefined;
  /** Whether the kernel hands free memory back to a hypervisor (virtio-balloon free page reporting). */
  freePageReporting(): boolean;
}

export const thisMachine: Machine = {
  platform: process.platform,
  thpMode() {
    try {
      return /\[(\w+)\]/.exec(readFileSync(THP_SETTING, 'utf8'))?.[1];
    } catch {
      return undefined;
    }
  },
  glibcVersion() {
    const header = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header;
    return header?.glibcVersionRuntime;
  },
  fileBytes(path) {
    try {
      const stat = statSync(path);
      return stat.isFile() ? stat.size : undefined;
    } catch {
      return undefined;
    }
  },
  freePageReporting() {
    return reportsFreePages(VIRTIO_BALLOONS);
  },
};

/** Whether a device bound to the virtio balloon driver (sysfs folder `drivers`) negotiated free page reporting. */
export function reportsFreePages(drivers: string): boolean {
  try {
    return readdirSync(drivers)
      .filter((entry) => entry.startsWith('virtio'))
      .some((device) => readFileSync(`${drivers}/${device}/features`, 'utf8')[FREE_PAGE_REPORTING_BIT] === '1');
  } catch {
    // No virtio balloon (bare metal, another hypervisor), or sysfs unreadable.
    return false;
  }
}

/**
 * The environment to relaunch with, or undefined to run here: a snapshot command on big files (or `analyze`
 * taking snapshots), on Linux where the kernel gives huge pages on request (`madvise`; with `always` malloc gets
 * them anyway), glibc has the tunable and no hypervisor takes free memory back (see above; `on` relaunches there
 * too). A GLIBC_TUNABLES that already names the tunable is the user's choice (and marks the relaunched child).
 */
export function hugePageEnvironment(args: readonly string[], env: NodeJS.ProcessEnv, machine: Machine = thisMachine, execArgv: readonly string[] = process.execArgv): NodeJS.ProcessEnv | undefined {
  const wanted = env[SWITCH];
  if (wanted === 'off' || machine.platform !== 'linux' || env.GLIBC_TUNABLES?.includes(TUNABLE)) return undefined;
  // Node run with an inspector (`node --inspect bin/run.js …`): a child with the same flags would ask for the same
  // port, and the one being debugged is this process.
  if (execArgv.some((flag) => flag.startsWith('--inspect'))) return undefined;
  const takesSnapshots = args[0] === 'analyze' && args.some((arg) => ANALYZE_SNAPSHOT_FLAGS.includes(arg.split('=')[0]!));
  if (!SNAPSHOT_COMMANDS.has(args[0] ?? '') && !takesSnapshots) return undefined;
  if (wanted !== 'on' && !takesSnapshots) {
    const bytes = args.slice(1).reduce((sum, arg) => sum + (arg.startsWith('-') ? 0 : machine.fileBytes(arg) ?? 0), 0);
    if (bytes < HUGE_PAGES_FROM_BYTES) return undefined;
  }
  if (machine.thpMode() !== 'madvise' || !atLeast(machine.glibcVersion(), [2, 35])) return undefined;
  if (wanted !== 'on' && machine.freePageReporting()) return undefined;
  const tunables = env.GLIBC_TUNABLES ? `${env.GLIBC_TUNABLES}:${TUNABLE}=1` : `${TUNABLE}=1`;
  return { ...env, GLIBC_TUNABLES: tunables };
}

function atLeast(version: string | undefined, [major, minor]: [number, number]): boolean {
  const match = /^(\d+)\.(\d+)/.exec(version ?? '');
  if (!match) return false;
  const [have, haveMinor] = [Number(match[1]), Number(match[2])];
  return have > major || (have === major && haveMinor >= minor);
}

/** Signals passed on to the child (the terminal sends Ctrl-C to both; a second one changes nothing for them). */
const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Runs this CLI again in a child process with huge pages when hugePageEnvironment says so and resolves to its exit
 * code; undefined when it did not, or could not start it (then the command runs here, as it would have). A child
 * killed by a signal kills this process with the same signal, so the shell sees what it would have seen.
 */
export async function relaunchWithHugePages(script: string, args: readonly string[] = process.argv.slice(2), env = process.env): Promise<number | undefined> {
  const childEnv = hugePageEnvironment(args, env);
  if (!childEnv) return undefined;
  const child = spawn(process.execPath, [...process.execArgv, script, ...args], { stdio: 'inherit', env: childEnv });
  const forward = (signal: NodeJS.Signals): void => {
    child.kill(signal);
  };
  for (const signal of FORWARDED) process.on(signal, forward);
  const outcome = await new Promise<{ code: number | null; signal: NodeJS.Signals | null } | undefined>((resolve) => {
    child.once('error', () => resolve(undefined));
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  for (const signal of FORWARDED) process.off(signal, forward);
  if (!outcome) return undefined;
  if (outcome.signal) {
    process.kill(process.pid, outcome.signal);
    return 128 + (constants.signals[outcome.signal] ?? 0);
  }
  return outcome.code ?? 1;
}
