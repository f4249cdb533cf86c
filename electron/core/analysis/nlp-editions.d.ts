/** stopword ships no types: the lists used here are arrays of words. */
declare module 'stopword' {
  export const eng: string[];
  export const fra: string[];
  export const spa: string[];
  export const por: string[];
  export const deu: string[];
  export const ita: string[];
  export const nld: string[];
}
