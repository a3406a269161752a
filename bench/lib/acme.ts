/** The example mapping, compiled exactly as `mapwright run` compiles and loads it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileMapping, loadCompiled, type CompiledTransform } from '../../mappings/compiler/index';
import { parseMapping, type MappingDocument } from '../../mappings/document/index';
import { getModel, type TargetModel } from '../../mappings/model/index';

export const ACME_DIR = join(import.meta.dirname, '../../mappings/examples/acme-rms');

export function loadAcme(): { doc: MappingDocument; model: TargetModel; code: string; compiled: CompiledTransform } {
  const parsed = parseMapping(readFileSync(join(ACME_DIR, 'mapping.json'), 'utf8'));
  if (!parsed.document) throw new Error(`example mapping does not parse: ${JSON.stringify(parsed.diagnostics)}`);
  const doc = parsed.document;
  const model = getModel(doc.target.modelId, doc.target.modelVersion);
  const { code, diagnostics } = compileMapping(doc, model);
  if (!code) throw new Error(`example mapping does not compile: ${JSON.stringify(diagnostics)}`);
  return { doc, model, code, compiled: loadCompiled(code) };
}
