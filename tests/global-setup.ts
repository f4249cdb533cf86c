// Tests run the real `workbench` command, which is the CLI compiled to out/cli: build it
// from the source under test first (well under a second), so a test never runs a stale build.
// @ts-expect-error -- a plain ES module of the build, without type declarations
import { buildCli } from '../electron/build/build-cli.mjs';

export default async function setup(): Promise<void> {
  await buildCli();
}
