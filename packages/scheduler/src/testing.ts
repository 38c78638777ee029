/**
 * `@pokemon/scheduler/testing`: a fake clock and helpers to unit-test jobs and
 * schedules deterministically, and the store contract suite.
 *
 * @packageDocumentation
 */

// --- fake clock (owner: engine workstream)

// --- store contract suite (owner: stores workstream)
