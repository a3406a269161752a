/**
 * Child process for crash.reliability.test.ts: saves mapping revisions and samples in a loop
 * through the real services and prints `rev <projectId> <revision> <hash>` or
 * `sample <id> <sha256>` after each save returns, until killed.
 * Usage: node --import tsx workspace-writer.child.ts <workspace-dir>
 */
import { newMapping } from '../services/domain';
import { createHostServices } from '../services/create';
import { sha256 } from '../services/hash';
import { memoryLogger } from '../log';

const home = process.argv[2];
const host = await createHostServices({ home, host: 'browser', appVersion: 'test', log: memoryLogger(), seed: false });
const h = host.services.handlers;

const projects = await h['projects.list']({});
const project = projects[0] ?? (await h['projects.create']({ name: 'Crash test' }));
const { document, revision: first } = await h['mapping.get']({ projectId: project.id });
let revision = first;
for (let i = 0; ; i++) {
  if (i % 3 === 2) {
    // Samples vary in size so commits span from one page to many WAL frames.
    const content = `id,text\n${Array.from({ length: 50 + (i % 11) * 400 }, (_, k) => `${k},row ${i}-${k}`).join('\n')}\n`;
    const s = await h['samples.add']({ projectId: project.id, sourceId: 's-1', name: `s${i}.csv`, format: 'csv', content });
    process.stdout.write(`sample ${s.id} ${sha256(content)}\n`);
  } else {
    const doc = { ...newMapping({ id: document.id, namespace: document.namespace, name: `rev ${revision + 1}` }), description: `${i} ${'x'.repeat(5_000 + (i % 7) * 9_000)}` };
    const saved = await h['mapping.save']({ projectId: project.id, document: doc, baseRevision: revision, message: `save ${i}` });
    revision = saved.revision;
    process.stdout.write(`rev ${project.id} ${saved.revision} ${saved.hash}\n`);
  }
}
