/**
 * Reaches a Node built-in module without naming it where bundlers look:
 * `process.getBuiltinModule` (Node ≥ 20.16) synchronously, else a dynamic
 * import of a computed specifier, so browser builds never try to resolve
 * `node:*`. Only called on Node.
 */
type NodeProcess = { versions?: { node?: string }; getBuiltinModule?: (id: string) => unknown };

const nodeProcess = (globalThis as { process?: NodeProcess }).process;

/** True on Node (also inside a worker_threads worker), false in browsers and browser-like workers. */
export const onNode = typeof nodeProcess?.versions?.node === 'string';

/** The built-in module now, or undefined when it can only be imported asynchronously. */
export function builtinNow<T>(id: string): T | undefined {
  return nodeProcess?.getBuiltinModule?.(id) as T | undefined;
}

export function builtin<T>(id: string): Promise<T> {
  const now = builtinNow<T>(id);
  if (now) return Promise.resolve(now);
  const specifier = String(id);
  return import(/* @vite-ignore */ /* webpackIgnore: true */ specifier) as Promise<T>;
}
