/**
 * Seeding through the browser host's HTTP API: a new project that starts from the built-in
 * example's mapping (specs then change it and save it with `mapping.save`).
 */
import type { ApiMethodName, ApiResponse, Result } from '../electron/shared/api';
import type { MappingDocument } from '../mappings/document/types';
import type { RunningHost } from './host';

function must<M extends ApiMethodName>(method: M, r: Result<ApiResponse<M>>): ApiResponse<M> {
  if (!r.ok) throw new Error(`${method} failed: ${r.error.message}`);
  return r.value;
}

export interface ExampleSeed {
  /** The built-in example project's id (its samples and tests stay there). */
  exampleId: string;
  /** The example's mapping document. */
  example: MappingDocument;
  /** The new, empty project and its first revision (its document id is what a save keeps). */
  projectId: string;
  base: { document: MappingDocument; revision: number };
}

/** Creates project `name` and reads the built-in example's mapping, to be saved into it. */
export async function newProjectFromExample(host: RunningHost, name: string): Promise<ExampleSeed> {
  const example = must('projects.list', await host.call('projects.list', {})).find((p) => p.isExample);
  if (!example) throw new Error('the built-in example project is not in the workspace (was it seeded?)');
  const exampleDoc = must('mapping.get', await host.call('mapping.get', { projectId: example.id }));
  const created = must('projects.create', await host.call('projects.create', { name }));
  const base = must('mapping.get', await host.call('mapping.get', { projectId: created.id }));
  return { exampleId: example.id, example: exampleDoc.document, projectId: created.id, base: { document: base.document, revision: base.revision } };
}
