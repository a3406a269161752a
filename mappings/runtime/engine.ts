/**
 * The engine object compiled transforms import as `ENGINE` from the specifier `mapwright-engine`:
 * function implementations (`fn`), expression run-time guards (`rt`) and the mapping helpers.
 * Pure and standalone — bundles embed it as `engine.mjs` and run it with plain `node` — so it must
 * never import Node built-ins, the diagnostics catalogue or anything with docs/metadata.
 */
import { EXPR_RUNTIME } from '../expr/runtime';
import { FUNCTION_IMPLS } from '../functions/impl/index';
import * as helpers from './helpers';
import { locate, rejectAt } from './located';

export const ENGINE = Object.freeze({
  fn: FUNCTION_IMPLS,
  rt: EXPR_RUNTIME,
  ...helpers,
  locate,
  rejectAt,
});

export type Engine = typeof ENGINE;

/** The module specifier compiled transforms import the engine from. */
export const ENGINE_SPECIFIER = 'mapwright-engine';
