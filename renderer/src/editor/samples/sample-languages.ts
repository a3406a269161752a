/**
 * Monaco languages for samples, registered once: XML from Monaco's own definitions, and a small
 * Monarch JSON tokenizer ("mapwright-json") for JSON and NDJSON. Monaco's JSON language would run
 * its language service, which flags every NDJSON file (several top-level values) as broken and
 * duplicates the reader's own markers; the readers are the authority on what a run accepts.
 */
import type * as Monaco from 'monaco-editor/editor/editor.api';
import { loadMonaco } from '../monaco/load-monaco';

let ready: Promise<typeof Monaco> | null = null;

export function loadSampleMonaco(): Promise<typeof Monaco> {
  ready ??= (async () => {
    const [monaco] = await Promise.all([loadMonaco(), import('monaco-editor/languages/definitions/xml/register')]);
    if (!monaco.languages.getLanguages().some((l) => l.id === 'mapwright-json')) {
      monaco.languages.register({ id: 'mapwright-json', aliases: ['JSON / NDJSON sample'] });
      monaco.languages.setLanguageConfiguration('mapwright-json', {
        brackets: [
          ['{', '}'],
          ['[', ']'],
        ],
        autoClosingPairs: [
          { open: '{', close: '}' },
          { open: '[', close: ']' },
          { open: '"', close: '"', notIn: ['string'] },
        ],
      });
      monaco.languages.setMonarchTokensProvider('mapwright-json', {
        tokenizer: {
          root: [
            [/"(?:[^"\\]|\\.)*"(?=\s*:)/, 'type'],
            [/"(?:[^"\\]|\\.)*"/, 'string'],
            [/-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/, 'number'],
            [/\b(?:true|false|null)\b/, 'keyword'],
            [/[{}[\]]/, '@brackets'],
            [/[,:]/, 'delimiter'],
          ],
        },
      });
    }
    return monaco;
  })();
  return ready;
}
