/**
 * SharedArrayBuffers a pool reuses from call to call (X for the workers, the
 * shared Gram matrix, the fold counter). A fresh buffer of tens of MB costs
 * a page fault per 4 KiB page when first written, often more than the copy
 * itself (measured in bench/parallel.js); a buffer kept from the last call is
 * already mapped. A buffer goes back to the free list only once every worker
 * that used it is done with it: never after an abort or a failure (a
 * terminated worker may still be running for a moment).
 */

/** Buffers kept for reuse at most (the largest are kept). */
const KEEP = 4;

export interface ScratchLease {
  take(bytes: number): SharedArrayBuffer;
  release(): void;
}

export class SharedScratch {
  private free: SharedArrayBuffer[] = [];

  /** A shared buffer of at least `bytes` bytes (contents unspecified). */
  take(bytes: number): SharedArrayBuffer {
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const b = this.free[i];
      if (b.byteLength >= bytes && (best < 0 || b.byteLength < this.free[best].byteLength)) best = i;
    }
    if (best >= 0) return this.free.splice(best, 1)[0];
    return new SharedArrayBuffer(bytes);
  }

  /** Returns buffers for later calls. */
  give(...buffers: SharedArrayBuffer[]): void {
    this.free.push(...buffers);
    if (this.free.length > KEEP) {
      this.free.sort((a, b) => b.byteLength - a.byteLength);
      this.free.length = KEEP;
    }
  }

  /** Buffers for one call: `take` them, then `release()` them all once every worker is done with them (never after an abort or failure). */
  lease(): ScratchLease {
    const taken: SharedArrayBuffer[] = [];
    return {
      take: (bytes) => {
        const b = this.take(bytes);
        taken.push(b);
        return b;
      },
      release: () => this.give(...taken.splice(0)),
    };
  }

  /** Forgets every buffer (the pool was closed). */
  clear(): void {
    this.free = [];
  }
}
