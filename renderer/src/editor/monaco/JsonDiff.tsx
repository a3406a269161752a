import { useEffect, useRef, useState } from 'react';
import { loadMonaco } from './load-monaco';
import { useColorMode } from '../use-color-mode';

/** Side-by-side Monaco diff of two JSON texts (expected left, actual right), read-only. */
export function JsonDiff({ expected, actual }: { expected: string; actual: string }) {
  const host = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const mode = useColorMode();
  useEffect(() => {
    let dispose: (() => void) | undefined;
    let cancelled = false;
    loadMonaco()
      .then((monaco) => {
        if (cancelled || !host.current) return;
        const original = monaco.editor.createModel(expected, 'plaintext');
        const modified = monaco.editor.createModel(actual, 'plaintext');
        const diff = monaco.editor.createDiffEditor(host.current, {
          readOnly: true,
          originalEditable: false,
          automaticLayout: true,
          renderSideBySide: true,
          useInlineViewWhenSpaceIsLimited: false,
          // Fold the unchanged parts of long output documents so the differences are what shows.
          hideUnchangedRegions: { enabled: true, contextLineCount: 3, minimumLineCount: 3, revealLineCount: 20 },
          minimap: { enabled: false },
          fontSize: 12,
          scrollBeyondLastLine: false,
          theme: mode === 'dark' ? 'vs-dark' : 'vs',
        });
        diff.setModel({ original, modified });
        // Bring the first difference into view: failures are usually deep in a long document.
        const shown = diff.onDidUpdateDiff(() => {
          const first = diff.getLineChanges()?.[0];
          if (!first) return;
          diff.getModifiedEditor().revealLineInCenter(Math.max(1, first.modifiedStartLineNumber));
          diff.getOriginalEditor().revealLineInCenter(Math.max(1, first.originalStartLineNumber));
          shown.dispose();
        });
        dispose = () => {
          shown.dispose();
          diff.dispose();
          original.dispose();
          modified.dispose();
        };
      })
      .catch((err: unknown) => setFailed(err instanceof Error ? err.message : String(err)));
    return () => {
      cancelled = true;
      dispose?.();
    };
  }, [expected, actual, mode]);
  if (failed) return <p className="mw-error-line">The diff view could not load: {failed}</p>;
  return (
    <div className="mw-diff" data-testid="test-diff">
      <div className="mw-diff-legend">
        <span>Expected</span>
        <span>Actual</span>
      </div>
      <div ref={host} className="mw-diff-host" />
    </div>
  );
}
