import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Splitter } from './Splitter';
import { useShellStore } from './store';
import { LAYOUT_STORAGE_KEY } from './panel-layout';

afterEach(cleanup);
beforeEach(() => {
  window.localStorage.clear();
  window.innerWidth = 1440;
  window.innerHeight = 900;
  useShellStore.setState({ inspectorWidth: 300, bottomHeight: 188, inspectorVisible: true, bottomVisible: true });
});

function renderInGrid(panel: 'inspector' | 'bottom') {
  render(
    <div className="app" data-testid="grid">
      <aside id="p">
        <Splitter panel={panel} controls="p" label={`Resize ${panel}`} />
      </aside>
    </div>,
  );
  return { splitter: screen.getByRole('separator', { name: `Resize ${panel}` }), grid: screen.getByTestId('grid') };
}

describe('Splitter', () => {
  it('is a focusable separator that reports its size and sets the grid variable', () => {
    const { splitter, grid } = renderInGrid('inspector');
    expect(splitter.getAttribute('aria-valuenow')).toBe('300');
    expect(splitter.getAttribute('aria-valuemin')).toBe('220');
    expect(splitter.getAttribute('aria-valuemax')).toBe('864');
    expect(splitter.getAttribute('aria-controls')).toBe('p');
    expect(splitter.getAttribute('aria-orientation')).toBe('vertical');
    expect(splitter.tabIndex).toBe(0);
    expect(grid.style.getPropertyValue('--inspector-w')).toBe('300px');
  });

  it('arrow keys resize, the size is remembered, Enter hides the panel', () => {
    const { splitter, grid } = renderInGrid('inspector');
    fireEvent.keyDown(splitter, { key: 'ArrowLeft' });
    fireEvent.keyDown(splitter, { key: 'ArrowLeft', shiftKey: true });
    expect(splitter.getAttribute('aria-valuenow')).toBe('380');
    expect(grid.style.getPropertyValue('--inspector-w')).toBe('380px');
    expect(JSON.parse(window.localStorage.getItem(LAYOUT_STORAGE_KEY)!)).toMatchObject({ inspectorWidth: 380 });
    fireEvent.keyDown(splitter, { key: 'Home' });
    expect(splitter.getAttribute('aria-valuenow')).toBe('220');
    fireEvent.keyDown(splitter, { key: 'Enter' });
    expect(useShellStore.getState().inspectorVisible).toBe(false);
    expect(JSON.parse(window.localStorage.getItem(LAYOUT_STORAGE_KEY)!)).toMatchObject({ inspectorVisible: false });
  });

  it('dragging the bottom splitter up makes the panel taller, clamped to the window', () => {
    const { splitter, grid } = renderInGrid('bottom');
    // jsdom has no pointer capture; the component only needs it to exist.
    splitter.setPointerCapture = () => {};
    fireEvent.pointerDown(splitter, { button: 0, pointerId: 1, clientX: 500, clientY: 700 });
    fireEvent.pointerMove(splitter, { pointerId: 1, clientX: 500, clientY: 600 });
    expect(splitter.getAttribute('aria-valuenow')).toBe('288');
    expect(grid.style.getPropertyValue('--bottom-h')).toBe('288px');
    fireEvent.pointerMove(splitter, { pointerId: 1, clientX: 500, clientY: -2000 });
    expect(splitter.getAttribute('aria-valuenow')).toBe('630');
    fireEvent.pointerUp(splitter, { pointerId: 1 });
    fireEvent.pointerMove(splitter, { pointerId: 1, clientX: 500, clientY: 900 });
    expect(splitter.getAttribute('aria-valuenow')).toBe('630');
  });

  it('removes its variable when the panel goes away, so the stylesheet default applies', () => {
    const { grid } = renderInGrid('bottom');
    expect(grid.style.getPropertyValue('--bottom-h')).toBe('188px');
    cleanup();
    expect(grid.style.getPropertyValue('--bottom-h')).toBe('');
  });
});
