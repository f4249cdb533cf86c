// Runs the TypeScript analysis worker from source (CLI, tests); see import/import-worker.js.
import { register } from 'tsx/esm/api';

register();
await import('./analysis-worker.ts');
