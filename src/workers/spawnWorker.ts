/**
 * One interface over browsers' Web Workers and Node's worker_threads: start
 * the package's worker script, post to it, hear from it, terminate it, and (in
 * Node) let an idle worker not keep the process alive.
 *
 * The script is located with `new URL('./worker.js', import.meta.url)` written
 * out literally inside `new Worker(…)`, the form Vite and webpack 5 recognize
 * and bundle (test/vite.test.ts, test/bundlers.test.ts, default settings;
 * esbuild does not, and takes dist/worker.js as a second entry point named
 * `worker`); without a bundler it is dist/worker.js next to dist/index.js. Node's module is reached through `process.getBuiltinModule`
 * (Node ≥ 20.16) or a dynamic import whose specifier bundlers do not see, so
 * browser builds never try to resolve `node:worker_threads`.
 */
import type { Reply } from './protocol.js';
import { builtin, builtinNow, onNode } from './nodeBuiltin.js';

export interface WorkerHandle {
  post(message: unknown, transfer: Transferable[]): void;
  /** Stops the worker at once, wherever it is (also inside WebAssembly); resolves when it has exited. */
  terminate(): Promise<void>;
  /** Node: whether this worker keeps the process alive (busy: yes; idle: no). No-op in browsers. */
  keepAlive(on: boolean): void;
}

export interface WorkerEvents {
  message(reply: Reply): void;
  /** The worker failed outside a task (its script did not load, it crashed or exited). */
  failure(error: Error): void;
}

type NodeWorker = {
  postMessage(m: unknown, t?: readonly unknown[]): void;
  terminate(): Promise<number>;
  ref(): void;
  unref(): void;
  on(event: string, f: (arg: never) => void): void;
};
type WorkerThreads = { Worker: new (url: URL) => NodeWorker };

/** Node without a Web Worker global (Deno and Bun have one and take the browser path). */
const isNode = onNode && typeof Worker === 'undefined';

let workerThreads: Promise<WorkerThreads> | null = null;

function loadWorkerThreads(): Promise<WorkerThreads> {
  workerThreads ??= builtin<WorkerThreads>('node:worker_threads');
  return workerThreads;
}

/** Starts one worker running dist/worker.js. */
export function spawnWorker(events: WorkerEvents): WorkerHandle {
  return isNode ? spawnNode(events) : spawnBrowser(events);
}

function spawnBrowser(events: WorkerEvents): WorkerHandle {
  const w = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  w.onmessage = (e: MessageEvent) => events.message(e.data as Reply);
  w.onerror = (e: ErrorEvent) => {
    e.preventDefault?.();
    events.failure(new Error(`penalized: the worker failed: ${e.message || 'its script could not be loaded'}`));
  };
  w.onmessageerror = () => events.failure(new Error('penalized: a message from the worker could not be read'));
  return {
    post: (m, t) => w.postMessage(m, t),
    terminate: () => {
      w.terminate();
      return Promise.resolve();
    },
    keepAlive: () => {},
  };
}

/**
 * Node: the worker_threads module may arrive asynchronously (before Node
 * 20.16), so messages posted meanwhile wait in `pending`.
 */
function spawnNode(events: WorkerEvents): WorkerHandle {
  let worker: NodeWorker | null = null;
  let dead = false;
  let alive = false;
  let exited: Promise<void> = Promise.resolve();
  const pending: [unknown, Transferable[]][] = [];
  const started = loadWorkerThreads().then((wt) => {
    if (dead) return;
    // The ignore comment keeps bundlers from copying dist/worker.js as a raw asset for this Node-only branch
    // (webpack emits it unbundled, Vite inlines it): in a browser build only the Web Worker above is used.
    const w = new wt.Worker(new URL(/* webpackIgnore: true */ './worker.js', import.meta.url));
    worker = w;
    exited = new Promise<void>((resolve) => w.on('exit', ((code: number) => {
      resolve();
      if (!dead) events.failure(new Error(`penalized: the worker exited unexpectedly (code ${code})`));
    }) as (arg: never) => void));
    w.on('message', ((m: Reply) => events.message(m)) as (arg: never) => void);
    w.on('error', ((e: Error) => {
      if (!dead) events.failure(new Error(`penalized: the worker failed: ${e.message}`, { cause: e }));
    }) as (arg: never) => void);
    w.on('messageerror', (() => events.failure(new Error('penalized: a message from the worker could not be read'))) as (arg: never) => void);
    if (alive) w.ref();
    else w.unref();
    for (const [m, t] of pending.splice(0)) w.postMessage(m, t);
  }, (e: unknown) => {
    if (!dead) events.failure(new Error(`penalized: node:worker_threads is not available (${(e as Error).message})`, { cause: e }));
  });
  return {
    post(m, t) {
      if (worker) worker.postMessage(m, t);
      else pending.push([m, t]);
    },
    async terminate() {
      dead = true;
      await started;
      if (worker) {
        await worker.terminate();
        await exited;
      }
    },
    keepAlive(on) {
      alive = on;
      if (worker) {
        if (on) worker.ref();
        else worker.unref();
      }
    },
  };
}

/** Default pool size: min(4, cores − 1), at least 1. */
export function defaultPoolSize(): number {
  let cores = 0;
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  if (nav && typeof nav.hardwareConcurrency === 'number') cores = nav.hardwareConcurrency;
  else if (isNode) {
    const os = builtinNow<{ availableParallelism?: () => number; cpus: () => unknown[] }>('node:os');
    if (os) cores = os.availableParallelism ? os.availableParallelism() : os.cpus().length;
  }
  return Math.max(1, Math.min(4, (cores || 2) - 1));
}
