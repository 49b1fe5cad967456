// Layout of the elastic-net solver context: a block of f64 slots in linear
// memory that the wrapper fills once per prepared design and the solver reads
// (and partly updates) on every call. Keeping the state in linear memory rather
// than in module globals lets several solvers coexist (e.g. a path whose
// progress callback starts another fit). Pointers are stored as f64, exact
// below 2⁵³. This file is the one definition of the layout: the build
// (scripts/generate-context-layout.mjs) turns every `export const NAME: i32 = N;`
// line below into src/backends/enetContextLayout.generated.ts, which
// src/backends/wasmBackend.ts uses to fill the block; keep that line format.

export const CTX_X: i32 = 0;          // prepared column-major X (n×p)
export const CTX_Y: i32 = 1;          // prepared y (n)
export const CTX_N: i32 = 2;
export const CTX_P: i32 = 3;
export const CTX_W: i32 = 4;          // coefficients (p), warm start in/out
export const CTX_R: i32 = 5;          // residual y − Xw (n), naive mode
export const CTX_G: i32 = 6;          // gradient Xᵀ(y − Xw) (p)
export const CTX_NORM: i32 = 7;       // ||Xⱼ||² (p)
export const CTX_XTY: i32 = 8;        // Xᵀy (p), covariance mode
export const CTX_GRAM: i32 = 9;       // cached Gram columns (p×p), covariance mode
export const CTX_SLOT: i32 = 10;      // i32[p]: Gram column slot of feature j, or −1
export const CTX_LIST: i32 = 11;      // i32[p]: working set
export const CTX_ACTIVE: i32 = 12;    // i32[p]: active set (nonzero coefficients)
export const CTX_INW: i32 = 13;       // i32[p]: 1 when j is in the working set
export const CTX_PF: i32 = 14;        // penalty factors (p), or 0 for all ones
export const CTX_POSITIVE: i32 = 15;  // 1 to constrain w ≥ 0
export const CTX_COV: i32 = 16;       // 1 for covariance updates, 0 for naive
export const CTX_NGRAM: i32 = 17;     // Gram columns cached so far (state)
export const CTX_YNORM2: i32 = 18;    // ||y||²
export const CTX_GRAMMODE: i32 = 19;  // covariance mode's Gram: see GRAM_* below
export const CTX_RREF: i32 = 20;      // naive mode: reference residual (n) of the gradient bounds
export const CTX_GREF: i32 = 21;      // naive mode: Xⱼᵀ R_ref (p)
export const CTX_SPARSE: i32 = 22;    // 1: X is CSC columns, centred/scaled/weighted implicitly (solvers/sparseColumns)
export const CTX_COLPTR: i32 = 23;    // sparse: i32[p+1] column starts
export const CTX_ROWIDX: i32 = 24;    // sparse: i32[nnz] row of each value
export const CTX_VALS: i32 = 25;      // sparse: f64[nnz] raw values of X
export const CTX_SW: i32 = 26;        // sparse: row weights (n), or 0 for all ones
export const CTX_MEAN: i32 = 27;      // sparse: centre mⱼ of each column (p; 0 without an intercept)
export const CTX_SCALE: i32 = 28;     // sparse: scale sⱼ of each column (p)
export const CTX_SHIFT: i32 = 29;     // sparse: c = Σ mⱼ wⱼ/sⱼ (state): the prepared residual is √v ⊙ (R + c)
export const CTX_CENTRED: i32 = 30;   // sparse: 1 with an intercept (a constant column is then zero once centred)
export const CTX_WTOTAL: i32 = 31;    // sparse: V = Σ vᵢ (n without weights), set by enetInit
export const CTX_SHIFTREF: i32 = 32;  // sparse: the shift c of the gradient bounds' reference residual (state)
export const CTX_SLOTS: i32 = 33;     // size of the context block

// Where the covariance mode's Gram matrix comes from.
export const GRAM_LAZY: i32 = 0;      // columns XᵀXⱼ computed from X when feature j first moves (glmnet)
export const GRAM_FULL: i32 = 1;      // all of XᵀX computed from X at init (scikit-learn's precompute)
export const GRAM_GIVEN: i32 = 2;     // full XᵀX, Xᵀy and ||y||² supplied by the caller; X, y, R unused

@inline export function ctxGet(ctx: usize, k: i32): f64 {
  return load<f64>(ctx + (<usize>k << 3));
}

// Pointers are unsigned: `<usize>` of an f64 is an unsigned truncation
// (i32.trunc_sat_f64_u), exact for every address in [0, 2³²), so buffers above
// 2 GiB work; the wrapper stores them as non-negative numbers (`>>> 0`).
@inline export function ctxPtr(ctx: usize, k: i32): usize {
  return <usize>load<f64>(ctx + (<usize>k << 3));
}

@inline export function ctxInt(ctx: usize, k: i32): i32 {
  return <i32>load<f64>(ctx + (<usize>k << 3));
}

@inline export function ctxSet(ctx: usize, k: i32, v: f64): void {
  store<f64>(ctx + (<usize>k << 3), v);
}
