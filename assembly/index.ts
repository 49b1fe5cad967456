// Entry point of the WASM core: the exports the TypeScript wrapper calls.
// Every function works on raw byte pointers into linear memory; buffers come
// from `allocF64` (TLSF via the `minimal` runtime, so `freeBuffer` really
// returns memory) and are owned by the wrapper, which allocates each fit's
// workspace once and frees it afterwards. No export allocates, so no JS view
// of memory can be invalidated by a growth in the middle of a solve.

export { standardizeDesign } from "./preprocess/standardize";
export { enetInit, enetSolve, enetL1Max } from "./solvers/enetSolver";
export { gramStats, gramSideStats, foldGram } from "./preprocess/foldGram";
export { heldOutMse } from "./kernels/heldOutMse";
export { heldOutLogistic } from "./kernels/heldOutLogistic";
export { transposeRows } from "./preprocess/transposeRows";
export { scanValues } from "./kernels/scanValues";
export { nonzeroColumns } from "./kernels/nonzeroColumns";
import { CTX_SLOTS } from "./solvers/enetContext";
export { ridgePrimal, ridgeDual, ridgePrimalMinNorm, ridgeDualMinNorm, ridgePrimalGram, ridgeDualGram } from "./solvers/ridge";
export { choleskyFactor, choleskySolve } from "./linalg/cholesky";
export { gramColumns, gramColumnRange, gramRows } from "./kernels/gram";
export { symmetricEigen } from "./linalg/symmetricEigen";
export { sparseStandardize } from "./preprocess/sparseStandardize";
export { sparseRidge } from "./solvers/sparseRidge";
export { sparseRidgeCG } from "./solvers/sparseRidgeCG";
export { sparseRidgeLooCovariance } from "./solvers/sparseRidgeLoo";
export { ridgeLooGram, ridgeLooCovariance, ridgeLooMse, ridgeLooTarget } from "./solvers/ridgeLoo";

/** Allocates room for `count` f64 values (16-byte aligned). */
export function allocF64(count: i32): usize {
  return heap.alloc(<usize>count << 3);
}

/** Frees a buffer returned by allocF64. */
export function freeBuffer(ptr: usize): void {
  heap.free(ptr);
}

/** Size of the solver context block, checked by the wrapper against its copy of the layout. */
export function enetContextSlots(): i32 {
  return CTX_SLOTS;
}

// Transcendentals whose JS twins (src/math/) give every engine the same bits.
export { exp10 } from "./math/exp10";
export { log10 } from "./math/log10";
export { centerScaleColumns } from "./preprocess/standardize";
export { logisticInit, logisticSolve, logisticL1Max } from "./solvers/logisticSolver";
export { exp as mathExp } from "./math/exp";
export { log as mathLog } from "./math/log";
export { log1p as mathLog1p } from "./math/log1p";
export { sigmoid as mathSigmoid } from "./math/sigmoid";
import { LCTX_SLOTS } from "./solvers/logisticContext";

/** Size of the logistic solver's context block, checked by the wrapper against its copy of the layout. */
export function logisticContextSlots(): i32 {
  return LCTX_SLOTS;
}
// The logistic screen's integer dot product, exported for its twin test (test/dot16.test.ts).
export { dot16Exact } from "./kernels/dot16";
