/** What a sparse design does not offer (callers choose other routes for sparse X; reaching this is a bug). */
export function noSparse(what: string): never {
  throw new Error(`penalized: internal error: ${what} is not available for a sparse X`);
}
