import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Reads a committed reference fixture, test/fixtures/<name> (written by scripts/fixtures/*). */
export function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url)), 'utf8')) as T;
}
