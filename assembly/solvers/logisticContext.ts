// Layout of the penalized logistic regression solver's context: a block of f64
// slots in linear memory that the wrapper (src/backends/logisticWasm.ts) fills
// once per prepared design and the solver reads and updates on every call —
// its own block, apart from the elastic-net context, so the two solvers'
// layouts evolve independently. The wrapper's copy is generated from this
// file at build time (scripts/generate-context-layout.mjs → src/backends/
// logisticContextLayout.generated.ts). Pointers are stored as f64 (exact below 2⁵³);
// i32 arrays take ⌈p/2⌉ f64 slots of room.

export const LCTX_X: i32 = 0;          // prepared column-major X (n×p): centred (with an intercept), scaled (standardize)
export const LCTX_Y: i32 = 1;          // labels as 0/1 (n)
export const LCTX_SW: i32 = 2;         // sample weights (n), summing to n (ones without weights)
export const LCTX_N: i32 = 3;
export const LCTX_P: i32 = 4;
export const LCTX_BETA: i32 = 5;       // coefficients (p), warm start in/out
export const LCTX_B0: i32 = 6;         // intercept (a value, not a pointer), warm start in/out
export const LCTX_ETA: i32 = 7;        // linear predictor b0 + Xβ (n)
export const LCTX_M: i32 = 8;          // misfit probability mᵢ = |yᵢ − pᵢ| = σ(−ỹᵢηᵢ), ỹ = 2y − 1 (n)
export const LCTX_V: i32 = 9;          // IRLS weights wᵢpᵢ(1 − pᵢ), floored (n)
export const LCTX_R: i32 = 10;         // working residual of the quadratic model; wᵢ(yᵢ − pᵢ) at the current point (n)
export const LCTX_G: i32 = 11;         // gradient Xᵀ(w∘(y − p)) at the current point (p)
export const LCTX_H: i32 = 12;         // coordinate curvatures Σᵢ vᵢxᵢⱼ² of the working set (p)
export const LCTX_BOLD: i32 = 13;      // coefficients before the current Newton step (p)
export const LCTX_LIST: i32 = 14;      // i32[p]: working set
export const LCTX_INW: i32 = 15;       // i32[p]: 1 when j is in the working set
export const LCTX_ACTIVE: i32 = 16;    // i32[p]: nonzero coefficients of the working set
export const LCTX_PF: i32 = 17;        // penalty factors (p), or 0 for all ones
export const LCTX_POSITIVE: i32 = 18;  // 1 to constrain β ≥ 0
export const LCTX_INTERCEPT: i32 = 19; // 1 to fit the (unpenalized) intercept
export const LCTX_NULLLOSS: i32 = 20;  // Σwᵢℓᵢ of the null model (intercept only, or η = 0): the scale of tol
export const LCTX_LOSS: i32 = 21;      // Σwᵢℓᵢ at the current point
export const LCTX_XWY: i32 = 22;       // Xᵀ(w∘y) (p)
export const LCTX_NORM: i32 = 23;      // ||Xⱼ||² (p); 0 marks a constant column (never moves)
export const LCTX_WSUM: i32 = 24;      // Σwᵢ
export const LCTX_WY: i32 = 25;        // Σwᵢyᵢ
export const LCTX_RPREV: i32 = 26;     // working residual before the latest sweep (n)
export const LCTX_BPREV: i32 = 27;     // coefficients before the latest sweep (p; the swept features' entries)
export const LCTX_XABS: i32 = 28;      // Σᵢ|xᵢⱼ| (p): the column 1-norms of the screening bounds
export const LCTX_SLACK: i32 = 29;     // bound on |gⱼ − xⱼᵀr| (p): 0 when gⱼ is exact, else gⱼ is the integer screen's estimate
export const LCTX_X16: i32 = 30;       // i16[n·p]: X column-major, each column divided by XSCALE16 and truncated (⌈n·p/4⌉ f64 of room)
export const LCTX_XSCALE16: i32 = 31;  // the power of two each column of X16 was divided by (p)
export const LCTX_R16: i32 = 32;       // i16[n]: r divided by a power of two and truncated, for the screen (⌈n/4⌉ f64 of room)
export const LCTX_XWYMAX: i32 = 33;    // maxⱼ |Xⱼᵀ(w∘y)|/pfⱼ over the penalized features (a value)
export const LCTX_OUTMAX: i32 = 34;    // after a screen or the strong rule: max (|gⱼ| + slackⱼ)/pfⱼ over the features left outside the working set (a value; ∞ if one has pfⱼ = 0)
export const LCTX_CAND: i32 = 35;      // i32[p]: after a screen, the features the next strong rule may need (the working set and every bound ≥ pfⱼ·LCTX_CANDTHR), increasing j
export const LCTX_NCAND: i32 = 36;     // how many (a value)
export const LCTX_CANDTHR: i32 = 37;   // the threshold they were chosen with (a value; ∞: no list)
export const LCTX_CANDMAX: i32 = 38;   // max (|gⱼ| + slackⱼ)/pfⱼ over the features left out of the list (a value)
export const LCTX_SLOTS: i32 = 39;     // size of the context block
