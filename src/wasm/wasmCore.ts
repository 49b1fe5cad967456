/**
 * The one module that loads the WebAssembly core and handles its memory.
 *
 * Everything that touches `@assemblyscript/loader`, `WebAssembly.*` or the
 * linear memory lives here, so the (deprecated upstream) loader can be swapped
 * without touching solvers or models.
 *
 * Memory rules:
 *  - buffers are allocated with the core's TLSF allocator (`allocF64`) and
 *    freed with `freeBuffer`; a fit allocates its whole workspace up front and
 *    frees it in `finally`, so repeated fits reuse the same memory;
 *  - a Float64Array view of linear memory is created on demand (`view`) and
 *    never kept across an allocation, because `memory.grow` detaches the old
 *    ArrayBuffer.
 */
import { instantiate, instantiateSync } from '@assemblyscript/loader';
import { wasmBase64 } from './wasmBinary.generated.js';

/** The raw exports of assembly/index.ts (pointers are byte offsets). */
export interface CoreExports {
  memory: WebAssembly.Memory;
  allocF64(count: number): number;
  freeBuffer(ptr: number): void;
  standardizeDesign(
    X: number, y: number, sw: number, n: number, p: number,
    fitIntercept: number, standardize: number, xMean: number, xScale: number,
  ): number;
  enetInit(ctx: number): number;
  enetSolve(ctx: number, l1Reg: number, l2Reg: number, l1Prev: number, maxIter: number, tol: number, result: number): void;
  enetContextSlots(): number;
  ridgePrimal(X: number, y: number, n: number, p: number, alpha: number, G: number, diag: number, w: number): number;
  ridgeDual(X: number, y: number, n: number, p: number, alpha: number, K: number, a: number, diag: number, w: number): number;
  symmetricEigen(A: number, m: number, d: number, e: number, work: number): number;
}

/** Largest block the TLSF allocator hands out (AssemblyScript's BLOCK_MAXSIZE is 2³⁰ bytes minus headers). */
const MAX_BLOCK_BYTES = 2 ** 30 - 64;
/** 32-bit linear memory: 4 GiB at most (asconfig maximumMemory = 65536 pages). */
const MAX_MEMORY_BYTES = 2 ** 32;

let compiled: WebAssembly.Module | null = null;
let core: CoreExports | null = null;
let loading: Promise<void> | null = null;

function decodeBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Compiles and instantiates the WASM core once; later calls return at once. */
export function ready(): Promise<void> {
  if (core) return Promise.resolve();
  if (!loading) {
    loading = (async () => {
      const bytes = decodeBase64(wasmBase64);
      compiled = await WebAssembly.compile(bytes as BufferSource);
      const result = await instantiate<Record<string, unknown>>(compiled, {});
      core = result.exports as unknown as CoreExports;
    })().catch((e: unknown) => {
      loading = null;
      throw e;
    });
  }
  return loading;
}

/** True once `ready()` has resolved. */
export function isReady(): boolean {
  return core !== null;
}

/** The instantiated core; throws a clear error when `ready()` was not awaited. */
export function getCore(): CoreExports {
  if (!core) {
    throw new Error("penalized: the WebAssembly core is not loaded yet; call `await ready()` before fitting with backend 'wasm' (or pass backend: 'js')");
  }
  return core;
}

/**
 * Replaces the instance with a fresh one after a trap (the allocator's state is
 * not trusted after an abort). Instantiation from the already compiled module
 * is synchronous where the platform allows it; otherwise the next `ready()`
 * does it.
 */
function resetCore(): void {
  core = null;
  loading = null;
  if (!compiled) return;
  try {
    core = instantiateSync<Record<string, unknown>>(compiled, {}).exports as unknown as CoreExports;
  } catch {
    core = null; // e.g. a browser main thread refusing synchronous instantiation
  }
}

/**
 * A set of buffers for one computation. Allocate everything first, then take
 * views; `run` frees every buffer afterwards, also when the body throws.
 */
export class WasmScope {
  readonly core: CoreExports;
  private readonly ptrs: number[] = [];

  private constructor(core: CoreExports) {
    this.core = core;
  }

  /**
   * Runs `body` with a scope and frees all its buffers afterwards. `plannedF64`
   * is the number of f64 values the body will allocate, checked up front
   * against the 32-bit memory limit so a too-large problem fails before any
   * work with a clear RangeError.
   */
  static run<T>(plannedF64: number[], body: (scope: WasmScope) => T): T {
    const c = getCore();
    let total = 0;
    for (const count of plannedF64) {
      checkAllocation(count * 8, c);
      total += count * 8;
    }
    checkAllocation(0, c, total);
    const scope = new WasmScope(c);
    let trapped = false;
    try {
      return body(scope);
    } catch (e) {
      trapped = e instanceof WebAssembly.RuntimeError || (e instanceof Error && /abort|unreachable|memory/i.test(e.message) && !(e instanceof RangeError) && !(e instanceof TypeError));
      if (trapped) {
        throw new Error(`penalized: the WebAssembly core failed (${(e as Error).message}); it has been reset and can be used again`, { cause: e });
      }
      throw e;
    } finally {
      if (trapped) resetCore();
      else for (const p of scope.ptrs) c.freeBuffer(p);
    }
  }

  /** Allocates `count` f64 values and returns the byte pointer. */
  alloc(count: number): number {
    checkAllocation(count * 8, this.core);
    const p = this.core.allocF64(Math.max(count, 1));
    this.ptrs.push(p);
    return p;
  }

  /** A fresh view of `count` f64 at `ptr`; do not keep it across an `alloc`. */
  view(ptr: number, count: number): Float64Array {
    return new Float64Array(this.core.memory.buffer, ptr, count);
  }

  /** Current size of the linear memory in bytes. */
  static memoryBytes(): number {
    return core ? core.memory.buffer.byteLength : 0;
  }
}

/** Throws a RangeError when a buffer of `bytes` (or a total of `total`) cannot fit in 32-bit linear memory. */
function checkAllocation(bytes: number, c: CoreExports, total = bytes): void {
  if (bytes > MAX_BLOCK_BYTES) {
    throw new RangeError(
      `problem too large for the WebAssembly backend: one buffer needs ${formatBytes(bytes)}, more than the ${formatBytes(MAX_BLOCK_BYTES)} a 32-bit WASM allocation can hold; use backend: 'js' or fewer rows/columns`,
    );
  }
  if (total + c.memory.buffer.byteLength > MAX_MEMORY_BYTES) {
    throw new RangeError(
      `problem too large for the WebAssembly backend: it needs ${formatBytes(total)} more linear memory and 32-bit WASM memory is limited to 4 GiB; use backend: 'js' or fewer rows/columns`,
    );
  }
}

function formatBytes(b: number): string {
  if (b >= 2 ** 30) return `${(b / 2 ** 30).toFixed(2)} GiB`;
  if (b >= 2 ** 20) return `${(b / 2 ** 20).toFixed(1)} MiB`;
  return `${b} bytes`;
}
