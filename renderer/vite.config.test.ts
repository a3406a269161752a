// @vitest-environment node
// (the build config runs in Node; jsdom's URL class is not one fileURLToPath accepts)
import { describe, expect, it } from 'vitest';
import type { HtmlTagDescriptor, IndexHtmlTransformHook } from 'vite';
// eslint-disable-next-line no-restricted-imports -- the test checks the build config against the hosts' CSP builder
import { buildCsp } from '../electron/main/csp';
import { cspMeta, RENDERER_CSP } from './vite.config';

describe('the built page CSP <meta>', () => {
  it('is the header policy from buildCsp, minus header-only directives', () => {
    expect(RENDERER_CSP).toBe(buildCsp({ meta: true }));
    // Same sources for every directive both carry: the intersection is the header policy itself.
    const directives = (csp: string) => new Map(csp.split('; ').map((d) => [d.split(' ')[0], d]));
    const header = directives(buildCsp());
    for (const [name, directive] of directives(RENDERER_CSP)) expect(directive).toBe(header.get(name));
    expect([...header.keys()].filter((k) => !directives(RENDERER_CSP).has(k))).toEqual(['frame-ancestors']);
  });

  it('is what the build plugin writes into index.html', () => {
    const plugin = cspMeta();
    expect(plugin.apply).toBe('build');
    const hook = plugin.transformIndexHtml as { handler: IndexHtmlTransformHook };
    const tags = hook.handler.call({} as never, '<html></html>', {
      path: '/index.html',
      filename: 'index.html',
    }) as HtmlTagDescriptor[];
    expect(tags).toEqual([
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: buildCsp({ meta: true }) },
        injectTo: 'head-prepend',
      },
    ]);
  });
});
