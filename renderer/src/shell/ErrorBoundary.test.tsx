import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from './ErrorBoundary';

afterEach(cleanup);

function Boom({ fail }: { fail: boolean }) {
  if (fail) throw new Error('canvas exploded');
  return <p>editor works</p>;
}

describe('ErrorBoundary', () => {
  it('shows the fallback with the error and resets when the key changes', () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const fallback = (e: Error) => <p>crashed: {e.message}</p>;
    const { rerender } = render(
      <ErrorBoundary resetKey="p1" fallback={fallback}>
        <Boom fail />
      </ErrorBoundary>,
    );
    expect(screen.getByText('crashed: canvas exploded')).toBeTruthy();
    rerender(
      <ErrorBoundary resetKey="p2" fallback={fallback}>
        <Boom fail={false} />
      </ErrorBoundary>,
    );
    expect(screen.getByText('editor works')).toBeTruthy();
    quiet.mockRestore();
  });
});
