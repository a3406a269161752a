import { create } from 'zustand';
import { useShellStore } from '../shell/store';

const HASH_PREFIX = '#/review/';

/** The opened bundle id in a URL hash (`#/review/<id>`), if any. */
export function reviewIdFromHash(hash: string): string | null {
  if (!hash.startsWith(HASH_PREFIX)) return null;
  return decodeURIComponent(hash.slice(HASH_PREFIX.length)) || null;
}

interface BundleUiState {
  /** The bundle shown in review mode (mirrored in the URL hash so reload and back work). */
  reviewId: string | null;
  /** The "Review a bundle…" picker is open. */
  pickerOpen: boolean;
  /** Project the export dialog is open for. */
  exportProjectId: string | null;
  openReview(id: string | null): void;
  setPicker(open: boolean): void;
  setExport(projectId: string | null): void;
}

/** UI state of export and review mode (server data lives in React Query). */
export const useBundleUi = create<BundleUiState>((set) => ({
  reviewId: typeof window === 'undefined' ? null : reviewIdFromHash(window.location.hash),
  pickerOpen: false,
  exportProjectId: null,
  openReview: (id) => {
    set({ reviewId: id, pickerOpen: false });
    if (id) useShellStore.setState({ openProjectId: null });
    if (typeof window === 'undefined') return;
    const hash = id ? `${HASH_PREFIX}${encodeURIComponent(id)}` : '';
    if (window.location.hash !== hash)
      window.history.pushState(null, '', `${window.location.pathname}${window.location.search}${hash}`);
  },
  setPicker: (open) => set({ pickerOpen: open }),
  setExport: (projectId) => set({ exportProjectId: projectId }),
}));

/** Reads a File as base64 without the data-URL prefix. */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onerror = () => reject(r.error ?? new Error('The file could not be read.'));
    r.onload = () => {
      const s = String(r.result);
      resolve(s.slice(s.indexOf(',') + 1));
    };
    r.readAsDataURL(file);
  });
}

/** Offers text as a file download (review records are small JSON). */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export const formatBytes = (n: number): string =>
  n < 1024 ? `${n} bytes` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;

/** "27 Nov 2026" (and the time when asked), in the user's locale, from an ISO string. */
export function formatDate(iso: string | undefined, withTime = false): string {
  if (!iso) return 'an unknown date';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
  });
}

// Opening a project leaves review mode (the hash now names the project).
useShellStore.subscribe((s, prev) => {
  if (s.openProjectId && s.openProjectId !== prev.openProjectId) useBundleUi.setState({ reviewId: null });
});
