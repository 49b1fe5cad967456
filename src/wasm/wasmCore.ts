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

/**
 * The raw exports of assembly/index.ts. Pointers are unsigned byte offsets
 * (usize); a wasm i32 comes back to JS signed, so every pointer a function
 * returns goes through `>>> 0` (see WasmScope.alloc). Passing one in needs
 * nothing: JS → i32 conversion wraps modulo 2³².
 */
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
  enetL1Max(ctx: number): number;
  scanValues(x: number, count: number, out: number): number;
  nonzeroColumns(x: number, n: number, idx: number): number;
  transposeRows(src: number, rows: number, p: number, dst: number, n: number, r0: number): void;
  heldOutMse(XT: number, yT: number, swT: number, nT: number, p: number, coefs: number, intercepts: number, K: number, pred: number, mse: number): void;
  heldOutLogistic(XT: number, yT: number, wT: number, nT: number, start: number, idx: number, val: number, intercepts: number, K: number, scoring: number, s: number, out: number): void;
  gramStats(Z: number, u: number, n: number, p: number, sw: number, G: number, c: number, sz: number, stats: number): void;
  gramSideStats(Z: number, u: number, n: number, p: number, sw: number, G: number, c: number, sz: number, stats: number): void;
  gramColumnRange(X: number, n: number, p: number, j0: number, j1: number, G: number): void;
  foldGram(
    Z: number, u: number, n: number, p: number, sw: number, G: number, c: number, sz: number, stats: number,
    test: number, nT: number, constant: number, fitIntercept: number, standardize: number,
    T: number, GT: number, GS: number, xtyS: number, shift: number, scale: number, out: number,
  ): void;
  ridgePrimal(X: number, y: number, n: number, p: number, k: number, alpha: number, pf: number, G: number, diag: number, w: number): number;
  ridgeDual(X: number, y: number, n: number, p: number, k: number, alpha: number, K: number, a: number, diag: number, w: number): number;
  ridgePrimalMinNorm(X: number, y: number, n: number, p: number, k: number, alpha: number, pf: number, G: number, b: number, d: number, e: number, work: number, w: number): number;
  sparseStandardize(colPtr: number, rowIdx: number, vals: number, y: number, sw: number, n: number, p: number, fitIntercept: number, standardize: number, xMean: number, xScale: number): number;
  sparseRidge(colPtr: number, rowIdx: number, vals: number, sw: number, n: number, p: number, centred: number, mean: number, scale: number, Y: number, k: number, alpha: number, pf: number, tmp: number, colSum: number, G: number, diag: number, e: number, work: number, B: number, W: number, out: number): void;
  sparseRidgeLooCovariance(
    colPtr: number, rowIdx: number, vals: number, sw: number, n: number, p: number, centred: number, mean: number, scale: number,
    y: number, yw: number, tmp: number, colSum: number, G: number, Z: number, lam: number, z: number, lev: number, B: number, e: number, work: number,
  ): number;
  sparseRidgeCG(colPtr: number, rowIdx: number, vals: number, sw: number, n: number, p: number, centred: number, mean: number, scale: number, Y: number, k: number, alpha: number, pf: number, tol: number, maxIter: number, q: number, z: number, r: number, d: number, Ad: number, diag: number, scaleInv: number, meanS: number, W: number, out: number): void;
  ridgeDualMinNorm(X: number, y: number, n: number, p: number, k: number, alpha: number, K: number, a: number, d: number, e: number, work: number, w: number): number;
  gramColumns(X: number, n: number, p: number, G: number): void;
  gramRows(X: number, n: number, p: number, K: number): void;
  ridgePrimalGram(X: number, y: number, n: number, p: number, k: number, alpha: number, pf: number, G0: number, G: number, diag: number, w: number): number;
  ridgeDualGram(X: number, y: number, n: number, p: number, k: number, alpha: number, K0: number, K: number, a: number, diag: number, w: number): number;
  symmetricEigen(A: number, m: number, d: number, e: number, work: number): number;
  ridgeLooGram(
    X: number, y: number, sw: number, n: number, p: number, fitIntercept: number,
    K: number, Q: number, lam: number, z: number, e: number, work: number,
  ): number;
  ridgeLooCovariance(
    X: number, y: number, sw: number, n: number, p: number, fitIntercept: number,
    G: number, Z: number, lam: number, z: number, lev: number, e: number, work: number,
  ): number;
  ridgeLooTarget(Q: number, y: number, n: number, m: number, lam: number, z: number): void;
  ridgeLooMse(
    n: number, m: number, gramForm: number, Q: number, lam: number, z: number, y: number, lev: number,
    alpha: number, w: number, t: number, c: number, g: number,
  ): number;
  choleskyFactor(A: number, m: number, diag: number): number;
  choleskySolve(L: number, m: number, b: number): void;
  centerScaleColumns(
    X: number, y: number, sw: number, n: number, p: number,
    fitIntercept: number, standardize: number, xMean: number, xScale: number,
  ): number;
  logisticInit(ctx: number): number;
  logisticSolve(ctx: number, l1Reg: number, l2Reg: number, l1Prev: number, maxIter: number, tol: number, result: number): void;
  logisticL1Max(ctx: number): number;
  logisticContextSlots(): number;
  mathExp(x: number): number;
  mathLog(x: number): number;
  mathLog1p(x: number): number;
  mathSigmoid(x: number): number;
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
      const result = await instantiate<Record<string, unknown>>(compiled, coreImports());
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

/** Bumped whenever the instance is replaced, so scopes of a discarded instance do not touch the new one's counters. */
let generation = 0;
/** Buffers (and their bytes) allocated through WasmScope and not yet freed, in the current instance. */
let liveBuffers = 0;
let liveBytes = 0;

/**
 * Replaces the instance with a fresh one after a trap (the allocator's state is
 * not trusted after an abort). Instantiation from the already compiled module
 * is synchronous where the platform allows it; otherwise the next `ready()`
 * does it.
 */
function resetCore(): void {
  core = null;
  loading = null;
  generation++;
  liveBuffers = 0;
  liveBytes = 0;
  if (!compiled) return;
  try {
    core = instantiateSync<Record<string, unknown>>(compiled, coreImports()).exports as unknown as CoreExports;
  } catch {
    core = null; // e.g. a browser main thread refusing synchronous instantiation
  }
}

/**
 * Linear memory never shrinks, so after a large fit an instance would keep its
 * peak size for the life of the page (a browser tab holding gigabytes; mobile
 * browsers refuse to grow memory long before 4 GiB). When the outermost
 * computation returns and the memory has grown past this size, the instance is
 * dropped and a fresh one is made from the compiled module (cheap: no
 * recompilation), so the old memory can be garbage-collected. Smaller
 * memories are kept and reused, which keeps repeated fits fast.
 */
export const MEMORY_RELEASE_BYTES = 256 * 2 ** 20;

/** WasmScope.run calls in progress (nested when a callback starts another fit). */
let depth = 0;
/** The largest linear memory any instance reached (before a release dropped it). */
let peakMemoryBytes = 0;

/** Gives the memory back when nothing runs and it has grown past MEMORY_RELEASE_BYTES. */
function releaseLargeMemory(): void {
  if (core) peakMemoryBytes = Math.max(peakMemoryBytes, core.memory.buffer.byteLength);
  if (depth > 0 || !core || !compiled || core.memory.buffer.byteLength <= MEMORY_RELEASE_BYTES) return;
  let fresh: CoreExports;
  try {
    fresh = instantiateSync<Record<string, unknown>>(compiled, coreImports()).exports as unknown as CoreExports;
  } catch {
    return; // synchronous instantiation refused (a browser main thread): keep the instance rather than lose it
  }
  core = fresh;
  generation++;
  liveBuffers = 0;
  liveBytes = 0;
}

/**
 * Thrown by the core's `env.abort` import (an AssemblyScript abort). Its own
 * class, so that a crash of the core is recognised by type — never by
 * message: a user's Error('abort: …') thrown from a callback is the user's.
 */
export class CoreAbort extends Error {
  constructor(_msg: number, _file: number, line: number, column: number) {
    super(`abort inside the WebAssembly core at line ${line}, column ${column}`);
    this.name = 'CoreAbort';
  }
}

/** The imports of every instance: our abort instead of the loader's plain Error. */
function coreImports(): Record<string, Record<string, unknown>> {
  return {
    env: {
      abort: (msg: number, file: number, line: number, column: number) => {
        throw new CoreAbort(msg, file, line, column);
      },
    },
  };
}

/** True for errors that mean the WASM instance itself failed (a trap or an abort), not the caller's input: by type only. */
function isTrap(e: unknown): boolean {
  return e instanceof WebAssembly.RuntimeError || e instanceof CoreAbort;
}

/**
 * A set of buffers for one computation. Allocate everything first, then take
 * views; `run` frees every buffer afterwards, also when the body throws.
 */
export class WasmScope {
  readonly core: CoreExports;
  private readonly ptrs: number[] = [];
  private bytes = 0;
  private readonly generation = generation;
  private broken = false;

  private constructor(core: CoreExports) {
    this.core = core;
  }

  /**
   * Runs `body` with a scope and frees all its buffers afterwards. `plannedF64`
   * is the number of f64 values the body will allocate, checked up front
   * against the 32-bit memory limit so a too-large problem fails before any
   * work with a clear RangeError. After a trap inside WebAssembly the instance
   * is replaced, so the library keeps working.
   */
  static run<T>(plannedF64: number[], body: (scope: WasmScope) => T): T {
    const c = getCore();
    checkWasmCapacity(plannedF64);
    const scope = new WasmScope(c);
    let trapped = false;
    depth++;
    try {
      return body(scope);
    } catch (e) {
      trapped = scope.broken || isTrap(e);
      if (trapped && !scope.broken) {
        throw new Error(`penalized: the WebAssembly core failed (${(e as Error).message}); it has been reset and can be used again`, { cause: e });
      }
      throw e;
    } finally {
      if (trapped) {
        if (scope.generation === generation) resetCore();
      } else if (scope.generation === generation) {
        for (const p of scope.ptrs) c.freeBuffer(p);
        liveBuffers -= scope.ptrs.length;
        liveBytes -= scope.bytes;
      }
      depth--;
      releaseLargeMemory();
    }
  }

  /** Allocates `count` f64 values and returns the byte pointer. */
  alloc(count: number): number {
    const bytes = Math.max(count, 1) * 8;
    checkAllocation(bytes);
    let p: number;
    try {
      // Pointers are unsigned 32-bit byte offsets, but a wasm i32 result reaches
      // JS as a signed number: one at or above 2 GiB would come back negative.
      p = this.core.allocF64(Math.max(count, 1)) >>> 0;
    } catch (e) {
      if (!isTrap(e)) throw e;
      // TLSF traps when memory.grow fails: the host refused to give more memory.
      this.broken = true;
      throw new RangeError(
        `penalized: out of WebAssembly memory: the host refused to grow linear memory for ${formatBytes(bytes)} more ` +
          `(${formatBytes(liveBytes)} in use); the core has been reset and can be used again; use backend: 'js' or a smaller problem`,
        { cause: e },
      );
    }
    this.ptrs.push(p);
    this.bytes += bytes;
    liveBuffers++;
    liveBytes += bytes;
    return p;
  }

  /** A fresh view of `count` f64 at `ptr`; do not keep it across an `alloc`. */
  view(ptr: number, count: number): Float64Array {
    return new Float64Array(this.core.memory.buffer, ptr, count);
  }

  /** A fresh Int32Array view of `count` i32 at `ptr` (allocate ⌈count/2⌉ f64 for it); same lifetime rule as `view`. */
  viewI32(ptr: number, count: number): Int32Array {
    return new Int32Array(this.core.memory.buffer, ptr, count);
  }

  /**
   * Current size of the linear memory in bytes. It only grows while an
   * instance lives (freed memory is reused), but an instance whose memory grew
   * past MEMORY_RELEASE_BYTES is replaced by a fresh one after the fit.
   */
  static memoryBytes(): number {
    return core ? core.memory.buffer.byteLength : 0;
  }

  /** The largest size linear memory reached so far, in bytes (also across instances replaced after large fits). */
  static peakMemoryBytes(): number {
    return Math.max(peakMemoryBytes, WasmScope.memoryBytes());
  }

  /** Buffers allocated through scopes and not freed yet (0 between fits; for leak tests). */
  static liveAllocations(): { buffers: number; bytes: number } {
    return { buffers: liveBuffers, bytes: liveBytes };
  }
}

/**
 * Throws a RangeError, before anything is allocated or read, when buffers of
 * the given numbers of f64 values cannot fit in 32-bit WASM memory: one of
 * them is larger than the allocator's largest block, or together with what is
 * in use they exceed 4 GiB. Also throws when the core is not loaded yet.
 * Freed memory is reused, so the limit counts live buffers, not the (never
 * shrinking) size of the memory.
 */
export function checkWasmCapacity(plannedF64: readonly number[]): void {
  getCore();
  let total = 0;
  for (const count of plannedF64) {
    const bytes = Math.max(count, 1) * 8;
    checkAllocation(bytes, 0);
    total += bytes;
  }
  checkAllocation(0, total, plannedF64.length);
}

/** Per-buffer allocator overhead (TLSF header and 16-byte alignment), rounded up generously. */
const BLOCK_OVERHEAD = 64;
/** Room kept for the core's static data and allocator bookkeeping. */
const RESERVED_BYTES = 2 ** 20;

function checkAllocation(bytes: number, total = bytes, buffers = 1): void {
  if (bytes > MAX_BLOCK_BYTES) {
    throw new RangeError(
      `problem too large for the WebAssembly backend: one buffer needs ${formatBytes(bytes)} (${bytes} bytes), more than the 1 GiB ` +
        `(${MAX_BLOCK_BYTES} bytes) a 32-bit WASM allocation can hold; use backend: 'js' or fewer rows/columns`,
    );
  }
  if (liveBytes + total + buffers * BLOCK_OVERHEAD + RESERVED_BYTES > MAX_MEMORY_BYTES) {
    throw new RangeError(
      `problem too large for the WebAssembly backend: it needs ${formatBytes(total)} of linear memory${liveBytes > 0 ? ` besides ${formatBytes(liveBytes)} in use` : ''} ` +
        `and 32-bit WASM memory is limited to 4 GiB (${MAX_MEMORY_BYTES} bytes, with ${RESERVED_BYTES} reserved); use backend: 'js' or fewer rows/columns`,
    );
  }
}

function formatBytes(b: number): string {
  if (b >= 2 ** 30 - 2 ** 20) return `${(b / 2 ** 30).toFixed(2)} GiB`;
  if (b >= 2 ** 20) return `${(b / 2 ** 20).toFixed(1)} MiB`;
  return `${b} bytes`;
}

/**
 * Scans a Float64Array for the input checks with the core's SIMD kernel
 * (kernels/scanValues), chunk by chunk through a 1 MiB staging buffer: the
 * index of the first non-finite value (or −1), and the largest |v| with its
 * first index — exactly what a left-to-right loop finds. Returns null when the
 * core is not loaded (callers then scan in JS).
 */
export function scanFloat64Wasm(data: Float64Array): { bad: number; big: number; at: number } | null {
  if (!core || data.length === 0) return null;
  const chunk = Math.min(data.length, 1 << 17);
  return WasmScope.run([chunk, 2], (scope) => {
    const pBuf = scope.alloc(chunk);
    const pOut = scope.alloc(2);
    let big = 0;
    let at = 0;
    for (let k0 = 0; k0 < data.length; k0 += chunk) {
      const k1 = Math.min(data.length, k0 + chunk);
      scope.view(pBuf, k1 - k0).set(data.subarray(k0, k1));
      const bad = scope.core.scanValues(pBuf, k1 - k0, pOut);
      if (bad >= 0) return { bad: k0 + bad, big, at };
      const out = scope.view(pOut, 2);
      if (out[0] > big) {
        big = out[0];
        at = k0 + out[1];
      }
    }
    return { bad: -1, big, at };
  });
}

