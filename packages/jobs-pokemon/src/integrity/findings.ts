/** One kind of integrity problem: how many, and some ids to look at. */
export interface IntegrityFinding {
  /** How many rows (or groups) are affected. */
  count: number;
  /** Up to 10 example ids (or `set/number` keys). */
  samples: string[];
  /** `error`: the catalogue is wrong; `warning`: unusual but possibly legitimate. */
  severity: 'error' | 'warning';
  /** What this finding means. */
  description: string;
}

/** Result of `validate-data-integrity`. */
export interface IntegrityReport {
  /** No `error` finding with a non-zero count. */
  clean: boolean;
  /** Findings by name (every check is listed, zero counts included). */
  findings: Record<string, IntegrityFinding>;
  /** Rows examined. */
  counts: { sets: number; cards: number };
  /** Wall time, ms. */
  durationMs: number;
}
