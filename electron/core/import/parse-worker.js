// Runs the TypeScript parse worker from source (CLI, tests); see import-worker.js.
import { register } from 'tsx/esm/api';

register();
await import('./parse-worker.ts');
