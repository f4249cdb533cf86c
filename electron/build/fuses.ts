/**
 * The packaging step's fuses: Electron features switched off in the shipped binary
 * itself, where neither the app's code nor an attacker's environment can turn them back
 * on. Run on the Electron binary that is packaged (not on node_modules' copy, which
 * `npm start` runs from a folder, not an asar):
 *
 *   node --import tsx electron/build/fuses.ts "out/Research Workbench-linux-x64/research-workbench"
 */
import { FuseV1Options, FuseVersion, flipFuses, type FuseV1Config } from '@electron/fuses';
import { pathToFileURL } from 'node:url';

export const FUSES = {
  version: FuseVersion.V1,
  // Every fuse is given a value, so a fuse added by a future Electron fails the build until decided.
  strictlyRequireAllFuses: true,
  resetAdHocDarwinSignature: process.platform === 'darwin',
  // ELECTRON_RUN_AS_NODE would turn the app into a plain Node with the user's trust.
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS and --inspect could inject code into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The interface is served from app://, never file://.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  [FuseV1Options.WasmTrapHandlers]: true,
} satisfies FuseV1Config;

/** Flips the fuses of the Electron binary at `electronPath`; returns how many changed. */
export function setFuses(electronPath: string): Promise<number> {
  return flipFuses(electronPath, FUSES);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const target = process.argv[2];
  if (!target) {
    console.error('usage: node --import tsx electron/build/fuses.ts <packaged Electron binary>');
    process.exit(1);
  }
  void setFuses(target).then((n) => console.log(`Set ${n} fuse(s) on ${target}.`));
}
