import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** Changing this resets the boundary (e.g. the open project id). */
  resetKey: unknown;
  fallback(error: Error, reset: () => void): ReactNode;
  children: ReactNode;
}

/**
 * Keeps a crash in one area (the editor) from blanking the whole window: the shell, project list
 * and dialogs stay usable, and the error is shown where the area was. React only offers error
 * boundaries as class components.
 */
export class ErrorBoundary extends Component<Props, { error: Error | null; key: unknown }> {
  override state = { error: null as Error | null, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: { error: Error | null; key: unknown }) {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('Mapwright: an area of the window crashed', error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    return error ? this.props.fallback(error, () => this.setState({ error: null })) : this.props.children;
  }
}
