/** Command-line arguments of `penalized` (see src/cli/main.ts for the usage text). */

export type Command = 'fit' | 'path' | 'cv';
export type ModelName = 'lasso' | 'enet' | 'ridge';

export interface CliArgs {
  command: Command;
  file: string;
  y: string;
  features: string[] | null;
  weight: string | null;
  model: ModelName;
  alpha: number | null;
  alphas: number[] | null;
  l1Ratio: number;
  cv: number;
  nAlphas: number;
  standardize: boolean;
  intercept: boolean;
  json: boolean;
  progress: boolean;
  method: 'aggregate' | 'stream' | null;
}

/** A usage error: printed with the usage hint, exit status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const VALUE_FLAGS = ['--y', '--features', '--weight', '--model', '--alpha', '--alphas', '--l1-ratio', '--cv', '--n-alphas', '--method'] as const;
const BOOL_FLAGS = ['--standardize', '--no-intercept', '--json', '--progress'] as const;

function number(v: string, flag: string, check: (x: number) => boolean, what: string): number {
  const x = Number(v);
  if (v.trim() === '' || !Number.isFinite(x) || !check(x)) throw new UsageError(`${flag} must be ${what}, got '${v}'`);
  return x;
}

function list(v: string, flag: string): string[] {
  const items = v.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw new UsageError(`${flag} must be a comma-separated list of column names, got '${v}'`);
  return items;
}

export function parseArgs(argv: string[]): CliArgs {
  const positional: string[] = [];
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(0, eq) : a;
      if ((VALUE_FLAGS as readonly string[]).includes(name)) {
        const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
        if (v === undefined) throw new UsageError(`${name} needs a value`);
        values.set(name, v);
      } else if ((BOOL_FLAGS as readonly string[]).includes(name) && eq < 0) {
        flags.add(name);
      } else {
        throw new UsageError(`unknown option '${a}'; known options are ${[...VALUE_FLAGS, ...BOOL_FLAGS].join(', ')}`);
      }
    } else if (a.startsWith('-') && a.length > 1) {
      throw new UsageError(`unknown option '${a}'`);
    } else {
      positional.push(a);
    }
  }
  const [command, file, ...rest] = positional;
  if (command === undefined) throw new UsageError('no command given: use fit, path or cv');
  if (command !== 'fit' && command !== 'path' && command !== 'cv') throw new UsageError(`unknown command '${command}': use fit, path or cv`);
  if (file === undefined) throw new UsageError(`${command} needs a data file (.csv or .parquet)`);
  if (rest.length > 0) throw new UsageError(`unexpected argument '${rest[0]}'`);
  const y = values.get('--y');
  if (y === undefined) throw new UsageError('--y COLUMN (the response) is required');
  const model = values.get('--model') ?? 'lasso';
  if (model !== 'lasso' && model !== 'enet' && model !== 'ridge') throw new UsageError(`--model must be lasso, enet or ridge, got '${model}'`);
  if (command === 'path' && model === 'ridge') throw new UsageError('path is for lasso and enet (ridge has no sparse path); use cv --model ridge');
  const method = values.get('--method') ?? null;
  if (method !== null && method !== 'aggregate' && method !== 'stream') throw new UsageError(`--method must be aggregate or stream, got '${method}'`);
  const alphasText = values.get('--alphas');
  return {
    command,
    file,
    y,
    features: values.has('--features') ? list(values.get('--features')!, '--features') : null,
    weight: values.get('--weight') ?? null,
    model,
    alpha: values.has('--alpha') ? number(values.get('--alpha')!, '--alpha', (x) => x >= 0, 'a number ≥ 0') : null,
    alphas: alphasText === undefined ? null : alphasText.split(',').map((s) => number(s, '--alphas', (x) => x > 0, 'a comma-separated list of numbers > 0')),
    l1Ratio: values.has('--l1-ratio') ? number(values.get('--l1-ratio')!, '--l1-ratio', (x) => x >= 0 && x <= 1, 'a number in [0, 1]') : 0.5,
    cv: values.has('--cv') ? number(values.get('--cv')!, '--cv', (x) => Number.isInteger(x) && x >= 2, 'an integer ≥ 2') : 5,
    nAlphas: values.has('--n-alphas') ? number(values.get('--n-alphas')!, '--n-alphas', (x) => Number.isInteger(x) && x >= 1, 'an integer ≥ 1') : 100,
    standardize: flags.has('--standardize'),
    intercept: !flags.has('--no-intercept'),
    json: flags.has('--json'),
    progress: flags.has('--progress'),
    method,
  };
}
