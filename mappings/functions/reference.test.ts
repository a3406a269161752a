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
