/**
 * A path's coefficients as a sparse matrix, one row per alpha (`logisticPath`'s
 * `sparseCoefs: true`): row k's nonzeros are `data[indptr[k] … indptr[k+1])` at columns
 * `indices[…]`, in increasing column order — scipy.sparse's CSR (the layout of
 * scikit-learn's sparse `coef_`; glmnet returns its path as the transposed
 * dgCMatrix), the form this library takes sparse matrices in. Zeros are
 * left out.
 */
export interface SparseCoefs {
  format: 'csr';
  indptr: Int32Array;
  indices: Int32Array;
  data: Float64Array;
  /** alphas.length */
  rows: number;
  /** p */
  cols: number;
}

/**
 * Coefficient rows kept sparse: row k's nonzeros are idx/val[start[k] … start[k+1]),
 * in increasing column order. Cross-validation's fold paths are written this
 * way: a wide lasso path has a few dozen nonzeros per alpha out of thousands of
 * features, and a dense K×p block (4 MB for 100 alphas × 5000 features) was
 * copied, scanned and copied again into WebAssembly for the held-out scores on
 * every fold. One instance is reused (reset) from path to path; it only grows.
 */
export class SparseRows {
  start = new Int32Array(9);
  idx = new Int32Array(64);
  val = new Float64Array(64);
  rows = 0;
  nnz = 0;

  reset(): void {
    this.rows = 0;
    this.nnz = 0;
  }

  push(j: number, v: number): void {
    if (this.nnz === this.idx.length) {
      const idx = new Int32Array(2 * this.idx.length);
      idx.set(this.idx);
      this.idx = idx;
      const val = new Float64Array(2 * this.val.length);
      val.set(this.val);
      this.val = val;
    }
    this.idx[this.nnz] = j;
    this.val[this.nnz] = v;
    this.nnz++;
  }

  /** Closes the current row (the entries pushed since the last endRow). */
  endRow(): void {
    if (this.rows + 2 > this.start.length) {
      const start = new Int32Array(2 * this.start.length);
      start.set(this.start);
      this.start = start;
    }
    this.start[0] = 0;
    this.start[++this.rows] = this.nnz;
  }

  /** The rows so far as a CSR matrix with `cols` columns (trimmed copies: this instance may be reused). */
  toCsr(cols: number): SparseCoefs {
    const indptr = this.rows === 0 ? new Int32Array(1) : this.start.slice(0, this.rows + 1);
    return { format: 'csr', indptr, indices: this.idx.slice(0, this.nnz), data: this.val.slice(0, this.nnz), rows: this.rows, cols };
  }

  /** The rows of a dense row-major K×p block, zeros (and negative zeros) left out. */
  static fromDense(coefs: Float64Array, K: number, p: number): SparseRows {
    const s = new SparseRows();
    for (let k = 0; k < K; k++) {
      for (let j = 0; j < p; j++) {
        const c = coefs[k * p + j];
        if (c !== 0) s.push(j, c);
      }
      s.endRow();
    }
    return s;
  }
}
