/**
 * Small target models for compiler, interpreter and runtime tests: "mini" (a POLE-like model with
 * Person, Event, Vehicle and Link, code lists and a crosswalk) and "flat" (no entities). Loaded
 * through the real `loadTargetModel`, so tests exercise the same model shape as production.
 */
import { loadTargetModel, type TargetModel } from '../model/index';
import flatSchema from './__fixtures__/models/flat.schema.json';
import codeLists from './__fixtures__/models/mini.code-lists.json';
import crosswalks from './__fixtures__/models/mini.crosswalks.json';
import miniSchema from './__fixtures__/models/mini.schema.json';

let mini: TargetModel | undefined;
let flat: TargetModel | undefined;

function load(schema: unknown, options: Parameters<typeof loadTargetModel>[1]): TargetModel {
  const { model, diagnostics } = loadTargetModel(schema, options);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(`Test model does not load: ${errors.map((d) => d.message).join('; ')}`);
  return model;
}

/** The mini POLE-like test model. */
export function miniModel(): TargetModel {
  return (mini ??= load(miniSchema, { codeLists: codeLists as never, crosswalks: crosswalks as never }));
}

/** The flat test model (root fields only). */
export function flatModel(): TargetModel {
  return (flat ??= load(flatSchema, { id: 'flat', version: '1.0.0' }));
}

/** Looks a test model up by the id a document pins. */
export function testModel(id: string): TargetModel {
  if (id === 'mini') return miniModel();
  if (id === 'flat') return flatModel();
  throw new Error(`No test model "${id}"`);
}
