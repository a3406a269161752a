import type { ApiEventName, ApiEvents } from '../../shared/api';

export type EventListener = <E extends ApiEventName>(event: E, payload: ApiEvents[E]) => void;

/** Fan-out of host events to every connected window (IPC) or SSE stream. */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends ApiEventName>(event: E, payload: ApiEvents[E]): void {
    for (const l of this.listeners) {
      try {
        l(event, payload);
      } catch {
        // One broken subscriber (a closed stream) must not stop the others.
      }
    }
  }
}
