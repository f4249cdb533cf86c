#!/usr/bin/env node
// The `workbench` command. The CLI is TypeScript run through tsx, so it works straight
// after `npm install`, with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv);
