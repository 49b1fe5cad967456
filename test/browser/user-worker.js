// A plain module worker written as a user would, with no bundler and no
// import map: it imports the package by URL and fits synchronously.
import { ready, lassoPath, Lasso } from '/deep/sub/path/node_modules/penalized/dist/index.js';
import { bits } from '/test/browser/bits.js';

self.onmessage = async (e) => {
  const { X, y } = e.data;
  await ready();
  self.postMessage({ path: bits(lassoPath(X, y)), lasso: bits(new Lasso({ alpha: 0.1 }).fit(X, y)) });
};
