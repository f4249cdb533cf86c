// Runs the TypeScript import worker from source (CLI, tests). Bundled builds point the
// workspace at their own compiled worker instead (see OpenWorkspaceOptions.importWorker).
import { register } from 'tsx/esm/api';

register();
await import('./import-worker.ts');
