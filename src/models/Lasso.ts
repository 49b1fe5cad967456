import { ElasticNet, enetOptionSpec, restoreEnet, type ElasticNetOptions } from './ElasticNet.js';
import type { OptionSpec } from './options.js';

export type LassoOptions = Omit<ElasticNetOptions, 'l1Ratio'>;

const { l1Ratio: _drop, ...lassoSpec } = enetOptionSpec;

/**
 * The lasso: scikit-learn's objective (1/2n)||y − Xw − b||² + alpha·||w||₁,
 * solved by the elastic-net coordinate descent with l1Ratio = 1.
 */
export class Lasso extends ElasticNet {
  constructor(options: LassoOptions = {}) {
    super(options);
  }

  protected optionSpec(): OptionSpec {
    return lassoSpec;
  }

  protected get typeName(): string {
    return 'Lasso';
  }

  protected get l1Ratio(): number {
    return 1;
  }

  static fromJSON(json: unknown): Lasso {
    return restoreEnet(json, 'Lasso', (o) => new Lasso(o));
  }
}
