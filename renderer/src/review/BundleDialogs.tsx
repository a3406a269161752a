import type { ProjectSummary } from '../../../electron/shared/api';
import { ExportDialog } from '../export/ExportDialog';
import { OpenBundleDialog } from './OpenBundleDialog';
import { useBundleUi } from './store';

/** The export and "Review a bundle…" dialogs, mounted once by the shell. */
export function BundleDialogs({ projects }: { projects: readonly ProjectSummary[] }) {
  const { pickerOpen, exportProjectId, setPicker, setExport } = useBundleUi();
  const project = projects.find((p) => p.id === exportProjectId);
  return (
    <>
      {pickerOpen && <OpenBundleDialog onClose={() => setPicker(false)} />}
      {project && <ExportDialog projectId={project.id} projectName={project.name} onClose={() => setExport(null)} />}
    </>
  );
}
