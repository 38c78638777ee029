/** Daylight-saving options for fixed-time schedules. Interval-like schedules run at every real matching instant regardless. */
export interface DstOptions {
  /** A slot inside a spring-forward gap: run once at the jump, or skip it. @default 'run-at-jump' */
  gap?: 'run-at-jump' | 'skip';
  /** A slot inside the repeated autumn hour: run at its first occurrence only, or at both. @default 'first' */
  repeat?: 'first' | 'both';
}
