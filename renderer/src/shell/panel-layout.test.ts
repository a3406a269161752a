import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUT, LAYOUT_STORAGE_KEY, clampSize, panelLimits, readLayout, sizeForDrag, sizeForKey, writeLayout } from './panel-layout';

const win = { width: 1440, height: 900 };

describe('panel limits', () => {
  it('keeps the canvas at least 40% of the window and the panel usable', () => {
    expect(panelLimits('inspector', win)).toEqual({ min: 220, max: 864 });
    expect(panelLimits('bottom', win)).toEqual({ min: 96, max: 630 });
    // A narrow window: the canvas keeps 360 px, the panel keeps its minimum.
    expect(panelLimits('inspector', { width: 500, height: 400 })).toEqual({ min: 220, max: 220 });
    expect(panelLimits('bottom', { width: 500, height: 250 })).toEqual({ min: 96, max: 96 });
  });

  it('clamps and rounds; a non-number becomes the minimum', () => {
    const l = { min: 100, max: 400 };
    expect(clampSize(50, l)).toBe(100);
    expect(clampSize(512.6, l)).toBe(400);
    expect(clampSize(250.4, l)).toBe(250);
    expect(clampSize(Number.NaN, l)).toBe(100);
  });
});

describe('keyboard and drag', () => {
  const l = { min: 220, max: 864 };
  it('arrow keys grow the panel towards the canvas, Shift for big steps, Home/End to the limits', () => {
    expect(sizeForKey('inspector', 'ArrowLeft', false, 300, l)).toBe(316);
    expect(sizeForKey('inspector', 'ArrowRight', true, 300, l)).toBe(236);
    expect(sizeForKey('inspector', 'ArrowRight', true, 230, l)).toBe(220);
    expect(sizeForKey('bottom', 'ArrowUp', false, 188, { min: 96, max: 630 })).toBe(204);
    expect(sizeForKey('bottom', 'ArrowDown', false, 188, { min: 96, max: 630 })).toBe(172);
    expect(sizeForKey('inspector', 'Home', false, 300, l)).toBe(220);
    expect(sizeForKey('inspector', 'End', false, 300, l)).toBe(864);
    // Keys of the other orientation and anything else are not the splitter's.
    expect(sizeForKey('inspector', 'ArrowUp', false, 300, l)).toBeNull();
    expect(sizeForKey('bottom', 'ArrowLeft', false, 188, l)).toBeNull();
    expect(sizeForKey('inspector', 'a', false, 300, l)).toBeNull();
  });

  it('a drag grows the panel by the distance moved towards the canvas', () => {
    expect(sizeForDrag('inspector', 300, { x: 1000, y: 5 }, { x: 900, y: 50 }, l)).toBe(400);
    expect(sizeForDrag('inspector', 300, { x: 1000, y: 5 }, { x: 1300, y: 5 }, l)).toBe(220);
    expect(sizeForDrag('bottom', 188, { x: 0, y: 700 }, { x: 80, y: 600 }, { min: 96, max: 630 })).toBe(288);
  });
});

describe('remembered layout', () => {
  function memory(initial?: string) {
    const data = new Map<string, string>(initial === undefined ? [] : [[LAYOUT_STORAGE_KEY, initial]]);
    return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
  }

  it('round-trips and falls back field by field', () => {
    const m = memory();
    expect(readLayout(m)).toEqual(DEFAULT_LAYOUT);
    writeLayout(m, { inspectorWidth: 420, bottomHeight: 250, inspectorVisible: false, bottomVisible: true, paletteVisible: false });
    expect(readLayout(m)).toEqual({ inspectorWidth: 420, bottomHeight: 250, inspectorVisible: false, bottomVisible: true, paletteVisible: false });
    // A layout remembered before the palette could be hidden shows it.
    expect(readLayout(memory('{"inspectorWidth": 400, "bottomHeight": 200, "inspectorVisible": true, "bottomVisible": true}')).paletteVisible).toBe(true);
    expect(readLayout(memory('{"inspectorWidth": -3, "bottomHeight": "big", "bottomVisible": false}'))).toEqual({ ...DEFAULT_LAYOUT, bottomVisible: false });
    expect(readLayout(memory('not json'))).toEqual(DEFAULT_LAYOUT);
    expect(readLayout(memory('[1,2]'))).toEqual(DEFAULT_LAYOUT);
    expect(readLayout(null)).toEqual(DEFAULT_LAYOUT);
  });

  it('a storage that refuses to write loses only the memory', () => {
    const refusing = { setItem: () => { throw new Error('QuotaExceededError'); } };
    expect(() => writeLayout(refusing, DEFAULT_LAYOUT)).not.toThrow();
  });
});
