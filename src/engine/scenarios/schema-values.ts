import * as v from 'valibot';

/** Field types shared by the scenario schema's sections. */

export const int = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  v.pipe(
    v.number(),
    v.integer('expected an integer'),
    v.minValue(min, `expected at least ${min}`),
    v.maxValue(max, `expected at most ${max}`),
  );
export const probability = v.pipe(
  v.number(),
  v.minValue(0, 'expected a probability from 0 to 1'),
  v.maxValue(1, 'expected a probability from 0 to 1'),
);
export const name = v.pipe(
  v.string(),
  v.regex(
    /^[A-Za-z][A-Za-z0-9_.-]{0,31}$/,
    'expected a name: a letter, then letters, digits, _ . - (max 32)',
  ),
);
/** Checks the text with the same parser the engine uses, so the message is the engine's. */
export const parsedBy = (parse: (text: string) => unknown) =>
  v.pipe(
    v.string(),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      try {
        parse(dataset.value);
      } catch (error) {
        addIssue({ message: (error as Error).message });
      }
    }),
  );

export const seconds = (s: number): number => s * 1_000_000;
