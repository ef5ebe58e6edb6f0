/** A weighted score in hundredths of a percent, as people read it. */
export const percent = (score: number | null | undefined) =>
  score === null || score === undefined ? '—' : (score / 100).toFixed(2);
