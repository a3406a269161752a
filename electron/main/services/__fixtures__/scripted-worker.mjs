// A run worker whose behaviour the test picks through task.mode; exercises RunRunner's protocol
// handling (progress, results, failures, crashes, runaway runs, reuse) without the domain.
import { parentPort, threadId } from 'node:worker_threads';

parentPort.on('message', ({ id, task }) => {
  const post = (m) => parentPort.postMessage({ id, ...m });
  const mode = task.mode;
  if (mode === 'ok') {
    post({ type: 'progress', read: 1, written: 1, rejected: 0 });
    post({ type: 'progress', read: 2, written: 1, rejected: 1 });
    post({ type: 'done', value: { read: 2, written: 1, rejected: 1, records: [], diagnostics: [], elapsedMs: 1 } });
  } else if (mode === 'thread') {
    post({ type: 'done', value: { records: threadId } });
  } else if (mode === 'slow-thread') {
    setTimeout(() => post({ type: 'done', value: { records: threadId } }), 300);
  } else if (mode === 'fail') {
    post({ type: 'failed', error: { code: 'MW6001', message: 'bad record', diagnostics: [] } });
  } else if (mode === 'throw') {
    throw new Error('worker blew up');
  } else if (mode === 'exit') {
    process.exit(3);
  } else if (mode === 'loop') {
    for (;;);
  }
});
