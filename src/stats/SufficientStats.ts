import { checkMatrix, checkVector, describeBad, type MatrixInput } from '../io/matrix.js';
import { checkMagnitudes } from '../io/trainingData.js';
import { backendName, parseOptions, type BackendName, type OptionSpec } from '../models/options.js';
import { chunkMoments } from '../backends/chunkMoments.js';
import { copyMoments, emptyMoments, mergeAll, mergeMoments, type Moments } from './moments.js';

export interface SufficientStatsOptions {
  /** Number of feature columns p. */
  nFeatures: number;
  /** Number of cross-validation folds k: each added row carries a fold label 0…k−1. Default 1 (no folds). */
  nFolds?: number;
  /** Optional names of the features (kept in toJSON; used by the SQL and DuckDB readers and the CLI). */
  featureNames?: string[] | null;
  /** Backend whose kernels compute each chunk's moments. Default 'wasm' (await ready() first). */
  backend?: BackendName;
}

export interface AddOptions {
  /** Non-negative weight per row (scikit-learn's sampleWeight). */
  sampleWeight?: ArrayLike<number> | null;
  /** Fold label 0…nFolds−1 per row; required when nFolds > 1. */
  foldIds?: ArrayLike<number> | null;
}

interface ResolvedOptions {
  nFeatures: number;
  nFolds: number;
  featureNames: string[] | null;
  backend: BackendName;
}

const OWNER = 'SufficientStats';

const spec: OptionSpec = {
  nFeatures: { default: undefined, check: positiveInt },
  nFolds: { default: 1, check: positiveInt },
  featureNames: { default: null, check: (v, n, o) => {
    if (v === null) return null;
    if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) throw new TypeError(`${o}: option '${n}' must be an array of strings`);
    return v.slice();
  } },
  backend: { default: 'wasm', check: backendName },
};

function positiveInt(v: unknown, name: string, owner: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) {
    throw new TypeError(`${owner}: option '${name}' must be an integer ≥ 1, got ${v === undefined ? 'nothing' : String(v)}`);
  }
  return v;
}

/**
 * The sufficient statistics of least-squares fits, mergeable: per fold, the
 * row count n, the weight sum W = Σwᵢ, the weighted means of the columns and
 * of y, and their co-moment matrix Σwᵢ(zᵢ − z̄)(zᵢ − z̄)ᵀ over zᵢ = [xᵢ, yᵢ]
 * (which holds XᵀWX, XᵀWy and yᵀWy of the centred data). Memory is
 * O(k·p²) whatever the number of rows.
 *
 * Each chunk's moments are computed about the chunk's own means by the core's
 * kernels, then merged by the pairwise update of Chan, Golub & LeVeque (1979),
 * so columns around 1e6 with unit spread give the same answers as centred
 * data (raw sums XᵀX would cancel catastrophically).
 *
 * Fit from them with `fitStats` on Lasso, ElasticNet, Ridge, LassoCV,
 * ElasticNetCV, RidgeCV (K-fold over the recorded folds) or with
 * lassoPath/enetPath.
 */
export class SufficientStats {
  readonly nFeatures: number;
  readonly nFolds: number;
  readonly featureNames: string[] | null;
  readonly backend: BackendName;
  /** Whether any chunk came with sample weights. */
  weighted = false;
  private folds: Moments[];

  constructor(options: SufficientStatsOptions) {
    const o = parseOptions<ResolvedOptions>(OWNER, spec, options);
    if (o.nFeatures === undefined) throw new TypeError(`${OWNER}: option 'nFeatures' (the number of feature columns) is required`);
    if (o.featureNames && o.featureNames.length !== o.nFeatures) {
      throw new RangeError(`${OWNER}: option 'featureNames' has ${o.featureNames.length} names, but nFeatures is ${o.nFeatures}`);
    }
    this.nFeatures = o.nFeatures;
    this.nFolds = o.nFolds;
    this.featureNames = o.featureNames;
    this.backend = o.backend;
    this.folds = Array.from({ length: o.nFolds }, () => emptyMoments(o.nFeatures + 1));
  }

  /** Rows added so far (all folds). */
  get count(): number {
    let n = 0;
    for (const f of this.folds) n += f.count;
    return n;
  }

  /** Sum of the weights added so far (the row count without weights). */
  get weightSum(): number {
    let w = 0;
    for (const f of this.folds) w += f.weight;
    return w;
  }

  /**
   * Adds a chunk of rows: X (n×p, any MatrixInput), y, and optionally a weight
   * and a fold label per row. Everything is validated first; a chunk that
   * fails leaves the statistics unchanged. Returns this.
   */
  add(X: MatrixInput, y: ArrayLike<number>, options: AddOptions = {}): this {
    const where = `${OWNER}.add`;
    if (options === null || typeof options !== 'object') throw new TypeError(`${where}: options must be an object`);
    const p = this.nFeatures;
    const M = checkMatrix(X, 'X', (_rows, cols) => {
      if (cols !== p) throw new RangeError(`${where}: X has ${cols} columns, but these statistics have nFeatures = ${p}`);
    });
    const n = M.rows;
    const yy = checkVector(y, n, 'y');
    checkMagnitudes(M, yy, where);
    let sw: Float64Array | null = null;
    if (options.sampleWeight != null) {
      const a = checkVector(options.sampleWeight, n, 'sampleWeight');
      sw = Float64Array.from(a);
      for (let i = 0; i < n; i++) if (sw[i] < 0) throw new RangeError(`${where}: sampleWeight must be ≥ 0; sampleWeight[${i}] is ${sw[i]}`);
    }
    const ids = this.checkFoldIds(options.foldIds, n, where);

    const pieces: Moments[][] = Array.from({ length: this.nFolds }, () => []);
    if (ids === null) {
      pieces[0].push(chunkMoments(this.backend, M, yy, sw, null));
    } else {
      const sizes = new Int32Array(this.nFolds);
      for (let i = 0; i < n; i++) sizes[ids[i]]++;
      const rows = Array.from(sizes, (s) => new Int32Array(s));
      const at = new Int32Array(this.nFolds);
      for (let i = 0; i < n; i++) rows[ids[i]][at[ids[i]]++] = i;
      for (let f = 0; f < this.nFolds; f++) if (sizes[f] > 0) pieces[f].push(chunkMoments(this.backend, M, yy, sw, rows[f]));
    }
    this.commit(pieces, sw !== null, where);
    return this;
  }

  /** Adds another SufficientStats of the same nFeatures and nFolds (e.g. from another worker or machine). Returns this. */
  merge(other: SufficientStats): this {
    const where = `${OWNER}.merge`;
    if (!(other instanceof SufficientStats)) throw new TypeError(`${where}: expected a SufficientStats, got ${describeBad(other)}`);
    if (other.nFeatures !== this.nFeatures) {
      throw new RangeError(`${where}: the other statistics have nFeatures = ${other.nFeatures}, these have ${this.nFeatures}`);
    }
    if (other.nFolds !== this.nFolds) {
      throw new RangeError(`${where}: the other statistics have nFolds = ${other.nFolds}, these have ${this.nFolds}`);
    }
    this.commit(other.folds.map((m) => [m]), other.weighted, where);
    return this;
  }

  /**
   * Adds already-reduced moments to fold `fold` (used by the SQL and DuckDB
   * readers, which get the sums from a database). Validated like a chunk.
   */
  addMoments(fold: number, m: Moments, weighted: boolean, where = `${OWNER}.addMoments`): this {
    const q = this.nFeatures + 1;
    if (!Number.isInteger(fold) || fold < 0 || fold >= this.nFolds) {
      throw new RangeError(`${where}: fold ${fold} is out of range 0…${this.nFolds - 1}`);
    }
    if (m.mean.length !== q || m.C.length !== q * q) throw new RangeError(`${where}: moments of ${m.mean.length - 1} features, expected ${this.nFeatures}`);
    const pieces: Moments[][] = Array.from({ length: this.nFolds }, () => []);
    pieces[fold].push(m);
    this.commit(pieces, weighted, where);
    return this;
  }

  /** Merges the pieces into copies, checks them, then replaces the state (so a failure changes nothing). */
  private commit(pieces: Moments[][], weighted: boolean, where: string): void {
    const next = this.folds.map((f, k) => {
      if (pieces[k].length === 0) return f;
      const m = copyMoments(f);
      mergeMoments(m, mergeAll(pieces[k], this.nFeatures + 1));
      return m;
    });
    for (let k = 0; k < next.length; k++) {
      const m = next[k];
      const ok = Number.isFinite(m.weight) && m.mean.every(Number.isFinite) && m.C.every(Number.isFinite);
      if (!ok) {
        throw new RangeError(`${where}: the sums of fold ${k} overflowed double precision; rescale the data or the weights (e.g. divide by a power of 10)`);
      }
    }
    this.folds = next;
    if (weighted) this.weighted = true;
  }

  private checkFoldIds(foldIds: unknown, n: number, where: string): Int32Array | null {
    const k = this.nFolds;
    if (foldIds == null) {
      if (k > 1) throw new TypeError(`${where}: these statistics have nFolds = ${k}, so every chunk needs foldIds (a fold label 0…${k - 1} per row)`);
      return null;
    }
    const a = checkVector(foldIds, n, 'foldIds');
    const ids = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const v = a[i];
      if (!Number.isInteger(v) || v < 0 || v >= k) {
        throw new RangeError(`${where}: foldIds[${i}] is ${v}; fold labels must be integers 0…${k - 1} (nFolds = ${k})`);
      }
      ids[i] = v;
    }
    return ids;
  }

  /** The moments of fold f (a copy). */
  foldMoments(f: number): Moments {
    if (!Number.isInteger(f) || f < 0 || f >= this.nFolds) throw new RangeError(`${OWNER}: fold ${f} is out of range 0…${this.nFolds - 1}`);
    return copyMoments(this.folds[f]);
  }

  /** The moments of all rows, or of all rows outside fold `exclude` (a cross-validation training part). */
  moments(exclude = -1): Moments {
    return mergeAll(this.folds.filter((_, k) => k !== exclude), this.nFeatures + 1);
  }

  /** Plain data: the per-fold counts, weight sums, means and the upper triangles of the co-moments. */
  toJSON(): SufficientStatsJSON {
    const q = this.nFeatures + 1;
    return {
      type: OWNER,
      version: 1,
      nFeatures: this.nFeatures,
      nFolds: this.nFolds,
      featureNames: this.featureNames ? this.featureNames.slice() : null,
      weighted: this.weighted,
      folds: this.folds.map((m) => {
        const tri: number[] = [];
        for (let j = 0; j < q; j++) for (let k = j; k < q; k++) tri.push(m.C[j * q + k]);
        return { count: m.count, weight: m.weight, mean: Array.from(m.mean), comoment: tri };
      }),
    };
  }

  static fromJSON(json: unknown, options: { backend?: BackendName } = {}): SufficientStats {
    const where = `${OWNER}.fromJSON`;
    let o = json;
    if (typeof o === 'string') {
      try {
        o = JSON.parse(o);
      } catch (e) {
        throw new TypeError(`${where}: the string is not valid JSON (${(e as Error).message})`);
      }
    }
    if (o === null || typeof o !== 'object') throw new TypeError(`${where}: expected an object produced by SufficientStats.toJSON()`);
    const j = o as Partial<SufficientStatsJSON>;
    if (j.type !== OWNER) throw new TypeError(`${where}: this JSON is not a SufficientStats (type ${String(j.type)})`);
    if (j.version !== 1) throw new TypeError(`${where}: unsupported format version ${String(j.version)} (expected 1)`);
    const s = new SufficientStats({
      nFeatures: j.nFeatures as number, nFolds: j.nFolds as number, featureNames: j.featureNames ?? null, backend: options.backend,
    });
    const q = s.nFeatures + 1;
    if (!Array.isArray(j.folds) || j.folds.length !== s.nFolds) throw new TypeError(`${where}: "folds" must be an array of ${s.nFolds} entries`);
    const num = (v: unknown, what: string): number => {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError(`${where}: ${what} is not a finite number`);
      return v;
    };
    s.folds = j.folds.map((f, k) => {
      const at = `folds[${k}]`;
      if (f === null || typeof f !== 'object') throw new TypeError(`${where}: ${at} must be an object`);
      const count = num(f.count, `${at}.count`);
      const weight = num(f.weight, `${at}.weight`);
      if (!Number.isSafeInteger(count) || count < 0 || weight < 0) throw new RangeError(`${where}: ${at} has a negative or fractional count or weight`);
      if (!Array.isArray(f.mean) || f.mean.length !== q) throw new TypeError(`${where}: ${at}.mean must hold ${q} numbers`);
      if (!Array.isArray(f.comoment) || f.comoment.length !== (q * (q + 1)) / 2) throw new TypeError(`${where}: ${at}.comoment must hold ${(q * (q + 1)) / 2} numbers`);
      const m: Moments = { count, weight, mean: Float64Array.from(f.mean, (v, i) => num(v, `${at}.mean[${i}]`)), C: new Float64Array(q * q) };
      let t = 0;
      for (let a = 0; a < q; a++) {
        for (let b = a; b < q; b++) {
          const v = num(f.comoment[t], `${at}.comoment[${t}]`);
          t++;
          m.C[a * q + b] = v;
          m.C[b * q + a] = v;
        }
      }
      return m;
    });
    s.weighted = j.weighted === true;
    return s;
  }
}

export interface SufficientStatsJSON {
  type: 'SufficientStats';
  version: 1;
  nFeatures: number;
  nFolds: number;
  featureNames: string[] | null;
  weighted: boolean;
  folds: { count: number; weight: number; mean: number[]; comoment: number[] }[];
}
