import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FUSES } from '../../../electron/build/fuses';
import { ROOT } from '../../helpers';

describe('the fuses set in the packaging step', () => {
  it('turn off RunAsNode and NODE_OPTIONS, and turn on cookie encryption, asar integrity and asar-only loading', () => {
    expect(FUSES.version).toBe(FuseVersion.V1);
    expect(FUSES[FuseV1Options.RunAsNode]).toBe(false);
    expect(FUSES[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(FUSES[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(FUSES[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(FUSES[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(FUSES[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
  });

  it('decide every fuse this Electron knows, so a new one cannot slip through undecided', () => {
    expect(FUSES.strictlyRequireAllFuses).toBe(true);
    const known = Object.values(FuseV1Options).filter((v) => typeof v === 'number');
    for (const fuse of known) expect(typeof FUSES[fuse as FuseV1Options], FuseV1Options[fuse as FuseV1Options]).toBe('boolean');
  });

  it('run in the packaging script, on a supported Electron', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string>; devDependencies: Record<string, string> };
    expect(pkg.scripts['package:fuses']).toContain('electron/build/fuses.ts');
    expect(Number(/\d+/.exec(pkg.devDependencies.electron!)![0])).toBeGreaterThanOrEqual(45);
  });
});
