// Runs the TypeScript session worker from source (tests, tsx). Built shells point the host at
// their own compiled worker instead (out/main, out/cli).
import { register } from 'tsx/esm/api';

register();
await import('./session-worker.ts');
