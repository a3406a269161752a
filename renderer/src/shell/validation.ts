/** Limits mirrored from what a project name is used for: titles, folder names, bundle metadata. */
export const PROJECT_NAME_MAX = 80;
export const PROJECT_DESCRIPTION_MAX = 500;

// Control characters would corrupt folder names and one-line CLI output.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Checks a project name the way the host will, so the dialog can say what is wrong before
 * submitting. Returns a message, or null when the name is fine.
 *
 * @example validateProjectName('  ', []) // → 'Give the project a name.'
 */
export function validateProjectName(name: string, existingNames: readonly string[], currentName?: string): string | null {
  const trimmed = name.trim();
  if (!trimmed) return 'Give the project a name.';
  if (trimmed.length > PROJECT_NAME_MAX) return `Keep the name to ${PROJECT_NAME_MAX} characters or fewer (it has ${trimmed.length}).`;
  if (CONTROL.test(name)) return 'The name cannot contain line breaks or control characters.';
  const lower = trimmed.toLocaleLowerCase();
  if (currentName !== undefined && lower === currentName.trim().toLocaleLowerCase()) return null;
  if (existingNames.some((n) => n.trim().toLocaleLowerCase() === lower)) return `A project named “${trimmed}” already exists.`;
  return null;
}

/** Returns a message when the description is too long, else null. */
export function validateProjectDescription(description: string): string | null {
  return description.length > PROJECT_DESCRIPTION_MAX
    ? `Keep the description to ${PROJECT_DESCRIPTION_MAX} characters or fewer (it has ${description.length}).`
    : null;
}
