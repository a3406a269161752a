// Placeholder until the mapping workbench (issue 5) lands: the shell mounts this for an open project.
export interface MappingEditorProps {
  projectId: string;
}

export function MappingEditor({ projectId }: MappingEditorProps) {
  return (
    <div className="editor-placeholder" data-testid="mapping-editor" data-project-id={projectId}>
      The mapping canvas opens here.
    </div>
  );
}
