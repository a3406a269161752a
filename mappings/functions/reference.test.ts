import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from './registry';
import { renderFunctionReference } from './reference';

describe('renderFunctionReference', () => {
  it('documents every function with its signature and examples', () => {
    const md = renderFunctionReference();
    for (const def of Object.values(FUNCTIONS)) {
      expect(md).toContain(`### ${def.name}\n`);
      expect(md).toContain(def.examples[0].call.replace(/\|/g, '\\|'));
    }
    expect(md).toContain('parseDate(text: string, patterns?: any, pivotYear?: integer): string');
  });
});

describe('docs/functions.md', () => {
  it('is the rendered reference (regenerate with MAPWRIGHT_UPDATE_DOCS=1 npx vitest run mappings/functions/reference)', async () => {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const file = new URL('../../docs/functions.md', import.meta.url);
    const md = renderFunctionReference();
    if (process.env.MAPWRIGHT_UPDATE_DOCS) writeFileSync(file, md);
    expect(readFileSync(file, 'utf8')).toBe(md);
  });
});
