// A run worker whose behaviour the test picks through task.mode; exercises the protocol handling
// of RunRunner and WorkerLauncher (progress, results, failures, crashes, runaway runs, reuse,
// settling once) without the domain.
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
  } else if (mode === 'answer-twice-then-exit') {
    // Settling exactly once: only the first answer counts, the rest (and the exit) are ignored.
    post({ type: 'done', value: { records: 1 } });
    post({ type: 'failed', error: { code: 'MW6001', message: 'too late' } });
    post({ type: 'done', value: { records: 2 } });
    setImmediate(() => process.exit(4));
  } else if (mode === 'done-then-exit') {
    // Dies while idle, after answering: the runner must not hand it the next run.
    post({ type: 'done', value: { records: threadId } });
    setTimeout(() => process.exit(5), 50);
  } else if (mode === 'done-then-throw') {
    post({ type: 'done', value: { records: threadId } });
    setTimeout(() => {
      throw new Error('idle worker blew up');
    }, 50);
  } else if (mode === 'other-ids') {
    parentPort.postMessage({ id: id + 1000, type: 'done', value: { records: -1 } });
    post({ type: 'progress', read: 1, written: 1, rejected: 0 });
    post({ type: 'done', value: { records: threadId } });
  }
});
