/**
 * The worker script (bundled alone as dist/worker.js): loads the WebAssembly
 * core once, then runs the tasks workers/Pool sends, one at a time, answering
 * with progress and warning events and one 'done' (its typed arrays
 * transferred back) or 'error'. Runs as a browser module or classic worker
 * (no import, no top-level await: Vite's default 'iife' worker format takes it)
 * and as a Node worker_threads worker.
 */
import { ready } from '../wasm/wasmCore.js';
import type { Reply, Request } from './protocol.js';
import { buffersOf } from './marshal.js';
import { runTask } from './runTask.js';
import { builtin } from './nodeBuiltin.js';

type Post = (reply: Reply, transfer?: Transferable[]) => void;

/** Progress events closer than this are merged (a 10-fold CV over 100 alphas makes 1000 steps). */
const PROGRESS_STEP = 1 / 500;

function serve(post: Post): (request: Request) => void {
  const loaded = ready();
  let chain: Promise<void> = Promise.resolve();
  const handle = async (request: Request): Promise<void> => {
    const { id, task } = request;
    let last = 0;
    try {
      await loaded;
      const value = runTask(task, {
        progress: (f) => {
          if (f >= last + PROGRESS_STEP || (f >= 1 && last < 1)) {
            last = f;
            post({ id, type: 'progress', fraction: f });
          }
        },
        warning: (message) => post({ id, type: 'warning', message: String(message) }),
      });
      post({ id, type: 'done', value }, [...buffersOf(value)]);
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      const fold = (e as { fold?: unknown } | null)?.fold;
      post({ id, type: 'error', error: { name: err.name, message: err.message, stack: err.stack, ...(typeof fold === 'number' ? { fold } : {}) } });
    }
  };
  return (request) => {
    chain = chain.then(() => handle(request));
  };
}

const scope = globalThis as unknown as {
  WorkerGlobalScope?: unknown;
  postMessage(m: unknown, t?: Transferable[]): void;
  addEventListener(type: 'message', f: (e: MessageEvent) => void): void;
};

if (typeof scope.WorkerGlobalScope !== 'undefined') {
  const onRequest = serve((m, t) => scope.postMessage(m, t ?? []));
  scope.addEventListener('message', (e) => onRequest(e.data as Request));
} else {
  type Port = { postMessage(m: unknown, t?: readonly unknown[]): void; on(ev: 'message', f: (m: Request) => void): void };
  void builtin<{ parentPort: Port }>('node:worker_threads').then(({ parentPort }) => {
    const onRequest = serve((m, t) => parentPort.postMessage(m, t ?? []));
    parentPort.on('message', onRequest);
  });
}
