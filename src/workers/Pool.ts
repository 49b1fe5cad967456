/**
 * A pool of workers running the package's worker script (workers/worker):
 * tasks queue until a worker is free; each worker runs one task at a time.
 *
 * - Abort: a queued task is dropped; a running one has its worker terminated
 *   at once (it may be deep inside WebAssembly, where it reads no message) and
 *   a fresh worker is started in its place, so the pool keeps working. The
 *   promise rejects at once with the signal's reason — a DOMException named
 *   'AbortError' for a plain `controller.abort()`, fetch's convention.
 * - Progress: fractions from the worker are passed on clamped to [0, 1] and
 *   never decreasing; the last call is exactly 1, made when the task succeeds.
 * - Node: a worker keeps the process alive only while it runs a task, so an
 *   idle pool (the default pool included) never holds a script open.
 */
import type { Reply, Request, Task } from './protocol.js';
import { defaultPoolSize, spawnWorker, type WorkerHandle } from './spawnWorker.js';
import { SharedScratch } from './sharedScratch.js';

export interface PoolOptions {
  /** Number of workers (started on demand). Default min(4, cores − 1), at least 1. */
  size?: number;
}

/** What a caller can ask of one task. */
export interface TaskOptions {
  signal?: AbortSignal | null;
  onProgress?: ((fraction: number) => void) | null;
  onWarning?: ((message: string) => void) | null;
}

interface Job {
  id: number;
  task: Task;
  transfer: Transferable[];
  options: TaskOptions;
  progress: number;
  /** First exception thrown by the caller's onWarning; the task still completes, then rejects with it. */
  hookError: unknown;
  settle(error: unknown, value?: unknown): void;
}

interface Slot {
  handle: WorkerHandle;
  job: Job | null;
}

let nextId = 1;

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/** Rebuilds an error thrown in the worker with its class (TypeError, RangeError, …) and message. */
function rebuildError(e: { name: string; message: string; stack?: string; unit?: number }): Error {
  const Ctor = e.name === 'TypeError' || e.name === 'NotFittedError' ? TypeError : e.name === 'RangeError' ? RangeError : Error;
  const err = new Ctor(e.message);
  if (err.name !== e.name) Object.defineProperty(err, 'name', { value: e.name, configurable: true, writable: true });
  // Which (fold, l1Ratio) unit a cross-validation worker was on (workers/sharedFolds); read and removed by workers/parallelCV.
  if (e.unit !== undefined) Object.defineProperty(err, 'unit', { value: e.unit, configurable: true, writable: true });
  return err;
}

export class Pool {
  /** Largest number of workers this pool runs at once. */
  readonly size: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  /** Terminations under way (close() waits for them). */
  private readonly exits = new Set<Promise<void>>();
  private closed = false;
  /** Shared buffers reused by this pool's calls (workers/sharedScratch); dropped by close(). @internal */
  readonly scratch = new SharedScratch();

  constructor(options: PoolOptions = {}) {
    if (options === null || typeof options !== 'object') throw new TypeError(`createPool: options must be an object, got ${options === null ? 'null' : typeof options}`);
    const size = options.size ?? defaultPoolSize();
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > 256) {
      throw new RangeError(`createPool: option 'size' must be an integer from 1 to 256, got ${String(size)}`);
    }
    this.size = size;
  }

  /** Workers currently started (busy or idle); 0 after close(). */
  get workerCount(): number {
    return this.slots.length;
  }

  /** Whether close() was called. */
  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Runs one task on the next free worker. `transfer` lists buffers the
   * message gives away (copies made for this task, never the caller's arrays).
   */
  run<T>(task: Task, transfer: Transferable[], options: TaskOptions = {}): Promise<T> {
    if (this.closed) return Promise.reject(new Error('penalized: this pool was closed; create another with createPool()'));
    const signal = options.signal ?? null;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    return new Promise<T>((resolve, reject) => {
      let onAbort: (() => void) | null = null;
      const job: Job = {
        id: nextId++,
        task,
        transfer,
        options,
        progress: 0,
        hookError: undefined,
        settle: (error, value) => {
          if (onAbort) signal!.removeEventListener('abort', onAbort);
          if (error !== undefined) reject(error);
          else resolve(value as T);
        },
      };
      if (signal) {
        onAbort = () => this.abort(job, abortReason(signal));
        signal.addEventListener('abort', onAbort, { once: true });
      }
      this.queue.push(job);
      this.dispatch();
    });
  }

  /** Terminates every worker; tasks still queued or running reject with an AbortError. Resolves once all workers have exited. */
  async close(): Promise<void> {
    this.closed = true;
    this.scratch.clear();
    const reason = new DOMException('penalized: the pool was closed', 'AbortError');
    for (const job of this.queue.splice(0)) job.settle(reason);
    for (const slot of this.slots.splice(0)) {
      if (slot.job) slot.job.settle(reason);
      slot.job = null;
      this.track(slot.handle.terminate());
    }
    await Promise.all([...this.exits]);
  }

  private track(exit: Promise<void>): void {
    const p = exit.catch(() => {}).finally(() => this.exits.delete(p));
    this.exits.add(p);
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.job === null);
      if (!slot) {
        if (this.slots.length >= this.size) return;
        slot = this.spawn();
      }
      const job = this.queue.shift()!;
      slot.job = job;
      slot.handle.keepAlive(true);
      const request: Request = { id: job.id, task: job.task };
      try {
        slot.handle.post(request, job.transfer);
      } catch (e) {
        // Something in the task could not be cloned (a DataCloneError): the caller's input, not the worker.
        slot.job = null;
        slot.handle.keepAlive(false);
        job.settle(new TypeError(`penalized: the input cannot be sent to a worker (${(e as Error).message})`, { cause: e }));
      }
    }
  }

  private spawn(): Slot {
    const slot: Slot = { handle: null as unknown as WorkerHandle, job: null };
    slot.handle = spawnWorker({
      message: (reply) => this.onReply(slot, reply),
      failure: (error) => this.onFailure(slot, error),
    });
    slot.handle.keepAlive(false);
    this.slots.push(slot);
    return slot;
  }

  private onReply(slot: Slot, reply: Reply): void {
    const job = slot.job;
    if (!job || job.id !== reply.id) return; // a late message of a task already settled
    switch (reply.type) {
      case 'progress': {
        const f = Math.min(1, Math.max(0, reply.fraction));
        // 1 is reported once, when the result is in hand.
        if (f > job.progress && f < 1) {
          job.progress = f;
          job.options.onProgress?.(f);
        }
        return;
      }
      case 'warning':
        try {
          job.options.onWarning?.(reply.message);
        } catch (e) {
          if (job.hookError === undefined) job.hookError = e;
        }
        return;
      case 'done':
      case 'error':
        slot.job = null;
        slot.handle.keepAlive(false);
        if (reply.type === 'error') job.settle(rebuildError(reply.error));
        else {
          try {
            job.options.onProgress?.(1);
          } catch (e) {
            if (job.hookError === undefined) job.hookError = e;
          }
          if (job.hookError !== undefined) job.settle(job.hookError);
          else job.settle(undefined, reply.value);
        }
        this.dispatch();
    }
  }

  private onFailure(slot: Slot, error: Error): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    const job = slot.job;
    slot.job = null;
    this.track(slot.handle.terminate());
    job?.settle(error);
    this.dispatch();
  }

  private abort(job: Job, reason: unknown): void {
    const q = this.queue.indexOf(job);
    if (q >= 0) {
      this.queue.splice(q, 1);
      job.settle(reason);
      return;
    }
    const slot = this.slots.find((s) => s.job === job);
    if (!slot) return; // already settled
    // The worker may be deep inside WebAssembly: stop it and start a fresh one.
    this.slots.splice(this.slots.indexOf(slot), 1);
    slot.job = null;
    this.track(slot.handle.terminate());
    job.settle(reason);
    if (!this.closed) {
      if (this.queue.length > 0) this.dispatch();
      else this.spawn(); // ready for the next call (idle: keeps no process alive)
    }
  }
}

/** A pool of workers for fitAsync, lassoPathAsync and enetPathAsync (`pool` option). Close it when done. */
export function createPool(options: PoolOptions = {}): Pool {
  return new Pool(options);
}

let shared: Pool | null = null;

/** The pool used when a call passes none: made on first use, never keeps Node alive while idle. */
export function defaultPool(): Pool {
  if (!shared || shared.isClosed) shared = new Pool();
  return shared;
}
