/**
 * Running mappings: the engine object compiled transforms import, the streaming runner with
 * reconciliation, join indexes and reject lines. File-to-file runs are in `run.node.ts`.
 */
export { ENGINE, ENGINE_SPECIFIER, type Engine } from './engine';
export { RUN, RUN_CODES } from './codes';
export { runMapping, OutputRejected, buildJoinIndex, createJoinIndexBuilder, type RunOptions, type RunCounts, type RejectLine, type Transform, type OutputValidator, type JoinIndexBuilder } from './run';
export type { JoinIndex } from './helpers';
