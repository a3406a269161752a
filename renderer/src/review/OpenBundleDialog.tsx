import { useRef, useState } from 'react';
import { describeError } from '../api/errors';
import { useApiMutation } from '../api/hooks';
import { Dialog } from '../shell/Dialog';
import { fileToBase64, formatBytes, useBundleUi } from './store';
import './review.css';

/** "Review a bundle…": pick or drop a `.mwb`; it is stored in the workspace and opened read-only. */
export function OpenBundleDialog({ onClose }: { onClose(): void }) {
  const openReview = useBundleUi((s) => s.openReview);
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [dragging, setDragging] = useState(false);
  const [reading, setReading] = useState(false);
  const open = useApiMutation('bundles.open', { meta: { toast: false }, onSuccess: (r) => openReview(r.reviewId) });

  async function submit(f: File | null = file) {
    if (!f) return;
    setReading(true);
    try {
      open.mutate({ name: f.name, contentBase64: await fileToBase64(f) });
    } finally {
      setReading(false);
    }
  }

  return (
    <Dialog
      title="Review a bundle"
      description="Open a mapping bundle (.mwb) someone sent you. Mapwright checks every file against the bundle's manifest and its signatures; nothing in it runs until you ask."
      onClose={onClose}
      testId="open-bundle-dialog"
      onSubmit={() => void submit()}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="button button-primary"
            disabled={!file || open.isPending || reading}
            data-testid="open-bundle-submit"
          >
            {open.isPending || reading ? 'Checking…' : 'Open for review'}
          </button>
        </>
      }
    >
      <div
        className={`drop-zone${dragging ? ' drop-zone-active' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          const f = e.dataTransfer.files[0];
          if (f) {
            setFile(f);
            void submit(f);
          }
        }}
      >
        <p>Drop a .mwb file here, or</p>
        <button type="button" className="button" onClick={() => input.current?.click()}>
          Choose a file…
        </button>
        <input
          ref={input}
          type="file"
          accept=".mwb,application/zip"
          hidden
          data-testid="open-bundle-file"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        {file && (
          <p className="muted" data-testid="open-bundle-chosen">
            {file.name} — {formatBytes(file.size)}
          </p>
        )}
      </div>
      {open.isError && (
        <p className="status-line status-bad" role="alert">
          {describeError(open.error).message}
        </p>
      )}
    </Dialog>
  );
}
