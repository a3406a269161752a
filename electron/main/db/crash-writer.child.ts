/**
 * Child process for crash-safety.test.ts: saves mapping revisions in a loop through the real
 * services and prints `committed <projectId> <revision> <hash>` after each save returns, until killed.
 * Usage: node --import tsx crash-writer.child.ts <workspace-dir>
 */
import { newMapping } from '../services/domain';
import { createHostServices } from '../services/create';
import { memoryLogger } from '../log';

const home = process.argv[2];
const host = await createHostServices({ home, host: 'browser', appVersion: 'test', log: memoryLogger(), seed: false });
const h = host.services.handlers;

const projects = await h['projects.list']({});
const project = projects[0] ?? (await h['projects.create']({ name: 'Crash test' }));
const { document, revision: first } = await h['mapping.get']({ projectId: project.id });
let revision = first;
for (let i = 0; ; i++) {
  // Big-ish documents so commits span several pages and WAL frames.
  const doc = { ...newMapping({ id: document.id, namespace: document.namespace, name: `rev ${revision + 1}` }), description: `${i} ${'x'.repeat(20_000 + (i % 7) * 3_000)}` };
  const saved = await h['mapping.save']({ projectId: project.id, document: doc, baseRevision: revision, message: `save ${i}` });
  revision = saved.revision;
  process.stdout.write(`committed ${project.id} ${saved.revision} ${saved.hash}\n`);
}
