import type { z } from 'zod';

/** One method of the API: what it takes, what it gives, and what it is for. */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** What the method does, with an example input; shown in the contract's documentation. */
  doc: string;
}

export const method = <I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> => spec;
