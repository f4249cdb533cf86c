import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprints } from '../../../../electron/core/analysis/passages';
import { SEEDS } from '../../../helpers';

const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

/**
 * Workspaces analysed by earlier versions keep their fingerprints in passage_fingerprints, and
 * a new document finds what it shares with them only if its own are hashed the same way. These
 * values were taken from the analysis as it stood before fingerprints were hashed without
 * building each word (ANALYSIS_VERSION 4).
 */
describe('fingerprints', () => {
  it('are the ones stored by earlier versions, for the seeds', () => {
    const got = ['000_b5a15aa75334c99d.txt', '001_5401790a290c0953.txt', '002_b41b1559b9cab310.txt', '003_07c546ca077d7fd8.txt', '004_8c048177815bf7d1.txt'].map((f) => {
      const fps = fingerprints(readFileSync(join(SEEDS, f), 'utf8'));
      return [fps.length, digest(fps)];
    });
    expect(got).toEqual([
      [242, '5efe90b686ca0cdf'],
      [188, '42b2ab5066dc809d'],
      [98, 'be2aeed9c317b875'],
      [119, 'daf1edc67816e621'],
      [240, '0282d2df09286a6f'],
    ]);
  });

  it('are the ones stored by earlier versions, for words with accents, other scripts, marks and symbols', () => {
    const words = (
      'Guaidó ＡＢＣ NICOLÁS “¡No!” 2019: Wagner Ёлка Путин 北京 👍🏽 cafe\u0301 naïve Straße ǅemal \u0301lead ﬁnance x²³ Ⅻ ' +
      'İstanbul ΣΑΣ x\u{1D400}y e\uE000f mercenaries'
    ).split(' ');
    let text = '';
    let a = 7;
    for (let i = 0; i < 2000; i++) {
      a = (Math.imul(a, 1664525) + 1013904223) >>> 0;
      text += words[a % words.length] + (a % 5 === 0 ? '. ' : ' ');
    }
    const fps = fingerprints(text);
    expect(fps).toHaveLength(485);
    expect(createHash('sha256').update(JSON.stringify(fps)).digest('hex')).toBe('7c0ac203b6ebde9ea3c6e08498ca958621d246eaba963ad2934ee5495c624c1d');
    // Each span starts and ends on a whole word of the text as written.
    const word = /[\p{L}\p{N}\p{Co}\p{M}]/u;
    for (const fp of fps) {
      expect(word.test(text[fp.start]!) && word.test(text[fp.end - 1]!)).toBe(true);
      expect(fp.start === 0 || !word.test(text[fp.start - 1]!)).toBe(true);
      expect(fp.end === text.length || !word.test(text[fp.end]!)).toBe(true);
    }
  });
});
