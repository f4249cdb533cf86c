import { describe, expect, it } from 'vitest';
import { FUNCTION_WORDS } from '../../../../electron/core/analysis/entity-text';
import { findFigures } from '../../../../electron/shared/text/figures';

const read = (text: string, lang: string) =>
  findFigures(text, { lang, functionWords: FUNCTION_WORDS }).map((f) => [f.text, f.value, f.qualifier, f.subject]);

/** Sentences from the real pages under tests/fixtures/html-news; the expected values read off them by hand. */
describe('figures in French, Spanish, Portuguese and German', () => {
  it('reads Libération (fr): spaces between thousands, "près de", "millions d’habitants"', () => {
    const text =
      'L’Airbus A350 affrété par les autorités françaises s’est posé peu avant 5h45 avec à son bord 206 passagers, dont 12 enfants et 26 blessés. ' +
      '2 209 Français ont été localisés sains et saufs tandis que 393 n’ont pas encore pu être joints. Environ 400 Français ont demandé à être rapatriés. ' +
      'Le séisme a fait près de 5 500 morts et touche huit des 28 millions d’habitants du pays, ainsi que 25 tonnes de matériel.';
    expect(read(text, 'fr')).toEqual([
      ['206 passagers', 206, null, 'passager'],
      ['12 enfants', 12, null, 'enfant'],
      ['26 blessés', 26, null, 'blessé'],
      ['2 209 Français', 2209, null, 'français'],
      ['Environ 400 Français', 400, 'environ', 'français'],
      ['près de 5 500 morts', 5500, 'près de', 'mort'],
      ['28 millions d’habitants', 28_000_000, null, 'habitant'],
    ]);
  });

  it('reads Le Monde (fr): a vote count, and no figure from "contre" or "(sur 288)"', () => {
    const text = 'Les députés ont adopté à une large majorité (438 contre 86 et 42 abstentions) le projet. Ont voté contre : 10 députés socialistes (sur 288), 35 UMP (sur 198).';
    const figures = read(text, 'fr');
    expect(figures).toEqual(expect.arrayContaining([['42 abstentions', 42, null, 'abstention'], ['10 députés', 10, null, 'député']]));
    expect(figures.map((f) => f[3])).not.toContain('contre');
    expect(figures.some((f) => f[1] === 288 || f[1] === 438 || f[1] === 86)).toBe(false);
  });

  it('reads La Nación (es): "40.000", "10 millones de dólares", and leaves out years, areas and "veces"', () => {
    const text =
      'La Sociedad de Fomento Agrícola denunció en 2014 que los insurrectos causaron daños por 10 millones de dólares. ' +
      'El conflicto se cobró cerca de 40.000 vidas en los años 90 y lleva más de 2000 desde la reanudación de hostilidades en 2015. ' +
      'En Estados Unidos, las reservaciones indígenas ocupan 80.000 kilómetros cuadrados, el 1,3% de la superficie del país (y 400 veces la superficie de Puerto Rico). ' +
      'En Canadá, unas 2300 reservas ocupan 28.000 kilómetros cuadrados.';
    expect(read(text, 'es')).toEqual([
      ['10 millones de dólares', 10_000_000, null, 'dollar'],
      ['cerca de 40.000 vidas', 40_000, 'cerca de', 'vida'],
      ['unas 2300 reservas', 2300, 'unas', 'reserva'],
    ]);
  });

  it('reads scale words of every language: "6,4 millions", "1,5 mil millones", "3 mil", "3 Millionen", "2.000"', () => {
    expect(read('Il a obtenu 6,4 millions de voix.', 'fr')).toEqual([['6,4 millions de voix', 6_400_000, null, 'voix']]);
    expect(read('El plan cuesta 1,5 mil millones de dólares.', 'es')).toEqual([['1,5 mil millones de dólares', 1_500_000_000, null, 'dollar']]);
    expect(read('A polícia prendeu cerca de 1.500 manifestantes e 3 mil pessoas.', 'pt')).toEqual([
      ['cerca de 1.500 manifestantes', 1500, 'cerca de', 'manifestante'],
      ['3 mil pessoas', 3000, null, 'pessoa'],
    ]);
    expect(read('Mehr als 3 Millionen Menschen sind geflohen, rund 2.000 syrische Flüchtlinge am 5. März; der Airbus A320 flog 300 Kilometer.', 'de')).toEqual([
      ['Mehr als 3 Millionen Menschen', 3_000_000, 'mehr als', 'menschen'],
      ['rund 2.000 syrische Flüchtlinge', 2000, 'rund', 'flüchtlinge'],
    ]);
  });

  it('reads no figure from Folha (pt), whose numbers are years', () => {
    expect(read('Tite diz que errou ao levar a taça da Copa Libertadores de 2012, conquistada pelo Corinthians. "Em 2012 eu errei."', 'pt')).toEqual([]);
  });
});
