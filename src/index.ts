// The package root. A plain list of re-exports: each area adds its own lines.
export * from './client/index.js';
