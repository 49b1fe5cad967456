/**
 * The worker's side of a task: the very synchronous code the main thread
 * would run (`new Model(options).fit(X, y, w)`, `lassoPath(X, y, options)`),
 * with the option callbacks replaced by events sent back.
 */
import { Lasso } from '../models/Lasso.js';
import { ElasticNet } from '../models/ElasticNet.js';
import { Ridge } from '../models/Ridge.js';
import { ElasticNetCV, LassoCV } from '../selection/ElasticNetCV.js';
import { RidgeCV } from '../selection/RidgeCV.js';
import { LogisticRegression } from '../models/LogisticRegression.js';
import { enetPath, lassoPath } from '../paths/enetPath.js';
import type { Task } from './protocol.js';
import { fittedFields } from './marshal.js';
import { foldQueueOf } from './sharedFolds.js';
import { PeerFailed } from './sharedGram.js';
import { refitFromShare } from './sharedRefit.js';
import { ridgeRefitFromShare } from './sharedRidgeRefit.js';

type ModelClass = new (options: Record<string, unknown>) => object;

/** Models by typeName; a model class added to the package is added here. */
const MODELS: Record<string, ModelClass> = {
  Lasso: Lasso as unknown as ModelClass,
  ElasticNet: ElasticNet as unknown as ModelClass,
  Ridge: Ridge as unknown as ModelClass,
  LassoCV: LassoCV as unknown as ModelClass,
  ElasticNetCV: ElasticNetCV as unknown as ModelClass,
  RidgeCV: RidgeCV as unknown as ModelClass,
  LogisticRegression: LogisticRegression as unknown as ModelClass,
};

export interface TaskEvents {
  progress(fraction: number): void;
  warning(message: string): void;
}

function withHooks(options: Record<string, unknown>, hooks: string[], events: TaskEvents): Record<string, unknown> {
  const o = { ...options };
  for (const h of hooks) {
    if (h === 'onProgress') o[h] = (f: number) => events.progress(f);
    else if (h === 'onWarning') o[h] = (m: string) => events.warning(m);
  }
  return o;
}

/** Runs a task; returns its result (plain data and typed arrays). */
export function runTask(task: Task, events: TaskEvents): unknown {
  if (task.kind === 'fit') {
    const Model = MODELS[task.model];
    if (!Model) throw new TypeError(`penalized: fitAsync does not know the model '${task.model}'`);
    const model = new Model(withHooks(task.options, task.hooks, events));
    (model as unknown as { fit(X: unknown, y: unknown, w: unknown): unknown }).fit(task.X, task.y, task.sampleWeight);
    return fittedFields(model);
  }
  if (task.kind === 'folds') {
    const Model = MODELS[task.model];
    if (!Model) throw new TypeError(`penalized: fitAsync does not know the model '${task.model}'`);
    const model = new Model(withHooks(task.options, task.hooks, events));
    if (!(model instanceof ElasticNetCV) && !(model instanceof RidgeCV)) throw new TypeError(`penalized: ${task.model} has no folds to split`);
    const queue = task.share ? foldQueueOf(task.share) : null;
    const progress = task.hooks.includes('onProgress') ? events.progress : null;
    const sw = task.sampleWeight as ArrayLike<number> | null;
    try {
      if (model instanceof RidgeCV) {
        // The refits (workers/sharedRidgeRefit) inside foldErrors' `then`, on the data it validated.
        const { msePath, k, refits } = model.foldErrors(task.X, task.y as ArrayLike<number>, sw, queue ?? task.only, progress, (errors) => {
          const share = task.share;
          return { ...errors, refits: share ? ridgeRefitFromShare(share, errors, (onWarning) => new Model({ ...withHooks(task.options, task.hooks, events), onWarning }) as RidgeCV) : [] };
        });
        // The units computed here: f·nAlphas + a (fold f at alpha a).
        const K = model.params.alphas.length;
        return { msePath, k, units: queue ? queue.units : task.only.flatMap((f) => Array.from({ length: K }, (_, a) => f * K + a)), refits };
      }
      // The refits (workers/sharedRefit) inside foldErrors' `then`: on the full data's design still in the core.
      const { grids, paths, foldWeight, k, refits } = model.foldErrors(
        task.X, task.y as ArrayLike<number>, sw, queue ?? task.only, progress, 0,
        (errors) => {
          const share = task.share;
          return { ...errors, refits: share ? refitFromShare(share, errors, (onWarning) => new Model({ ...withHooks(task.options, task.hooks, events), onWarning }) as ElasticNetCV) : [] };
        },
      );
      // The units computed here: f·grids + g (fold f on grid g).
      const units = queue ? queue.units : task.only.flatMap((f) => grids.map((_, g) => f * grids.length + g));
      return { grids, paths, foldWeight, k, units, refits };
    } catch (e) {
      if (queue) {
        queue.fail();
        // The unit this worker was on (−1: before any), so the caller reports the first failure in fit's order.
        if (e !== null && typeof e === 'object' && !(e instanceof PeerFailed)) (e as { unit?: number }).unit = queue.current;
      }
      throw e;
    }
  }
  const options = withHooks(task.options, task.hooks, events);
  return task.path === 'lassoPath' ? lassoPath(task.X, task.y as ArrayLike<number>, options) : enetPath(task.X, task.y as ArrayLike<number>, options);
}
