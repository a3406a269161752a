import { expect, type Locator, type Page } from '@playwright/test';

/** The mapping workbench: canvas, palette, inspector and bottom panels, through data-testids. */
export class EditorPage {
  readonly editor: Locator;
  readonly canvas: Locator;
  readonly palette: Locator;
  readonly status: Locator;
  readonly saveState: Locator;

  constructor(readonly page: Page) {
    this.editor = page.getByTestId('mapping-editor');
    this.canvas = page.getByTestId('canvas');
    this.palette = page.getByTestId('palette');
    this.status = page.getByTestId('editor-status');
    this.saveState = page.getByTestId('save-state');
  }

  node(id: string): Locator {
    return this.page.getByTestId(`node-${id}`);
  }

  edge(id: string): Locator {
    return this.page.getByTestId(`rf__edge-${id}`);
  }

  /** Field row inside a node, filtered into view with the node's own search box. */
  async fieldRow(nodeId: string, side: 'source' | 'target', path: string): Promise<Locator> {
    const node = this.node(nodeId);
    const leaf = path.split('.').pop()!.replace(/\[\]$/, '');
    await node.getByRole('searchbox').fill(leaf);
    const row = node.getByTestId(`${side}-field-${path}`);
    await expect(row).toBeVisible();
    return row;
  }

  /** Drags from a source field's handle to a target field's handle, like a user would. */
  async connect(sourceNode: string, sourcePath: string, targetNode: string, targetPath: string): Promise<void> {
    const from = (await this.fieldRow(sourceNode, 'source', sourcePath)).locator('.react-flow__handle');
    const to = (await this.fieldRow(targetNode, 'target', targetPath)).locator('.react-flow__handle');
    const a = (await from.boundingBox())!;
    const b = (await to.boundingBox())!;
    await this.page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 8 });
    await this.page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
    await this.page.mouse.up();
  }

  /** Drags a node by its header by a screen offset. */
  async dragNode(id: string, dx: number, dy: number): Promise<void> {
    const head = this.node(id).locator('.mw-node-head');
    const box = (await head.boundingBox())!;
    const x = box.x + box.width / 2 + 20;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    await this.page.mouse.move(x + dx / 2, y + dy / 2, { steps: 6 });
    await this.page.mouse.move(x + dx, y + dy, { steps: 6 });
    await this.page.mouse.up();
  }

  /** Clicks a connection at a point of its drawn path that no node covers (edges lie under nodes). */
  async clickEdge(id: string): Promise<void> {
    const point = await this.edge(id)
      .locator('path.react-flow__edge-path')
      .evaluate((p: SVGPathElement, edgeId: string) => {
        const m = p.getScreenCTM()!;
        const len = p.getTotalLength();
        for (const f of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9]) {
          const q = p.getPointAtLength(len * f);
          const x = q.x * m.a + q.y * m.c + m.e;
          const y = q.x * m.b + q.y * m.d + m.f;
          if (document.elementFromPoint(x, y)?.closest('.react-flow__edge')?.getAttribute('data-id') === edgeId) return { x, y };
        }
        return null;
      }, id);
    expect(point, `connection ${id} is hidden under nodes`).not.toBeNull();
    await this.page.mouse.click(point!.x, point!.y);
    await expect(this.edge(id)).toHaveClass(/selected/);
  }

  async waitSaved(): Promise<void> {
    await expect(this.saveState).toHaveAttribute('data-state', 'saved', { timeout: 15_000 });
  }

  /** Node positions as the canvas draws them (flow coordinates from the transform). */
  async positions(): Promise<Record<string, string>> {
    return this.canvas.locator('.react-flow__node').evaluateAll((els) =>
      Object.fromEntries(els.map((e) => [e.getAttribute('data-id') ?? '', (e as HTMLElement).style.transform])),
    );
  }
}
