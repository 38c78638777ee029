/**
 * Live updates: the server's event stream (resumed by the browser with Last-Event-ID); while it
 * is down, a poll every few seconds. Subscribers are told "something changed" and re-read.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { consoleUrl } from './api.ts';

type Listener = (event: { type: string; data: Record<string, unknown> }) => void;
const listeners = new Set<Listener>();
let source: EventSource | undefined;
let connected = false;
const statusListeners = new Set<(connected: boolean) => void>();
const POLL_MS = 3000;
let pollTimer: number | undefined;

function setConnected(value: boolean): void {
  connected = value;
  for (const listener of statusListeners) listener(value);
  if (value && pollTimer !== undefined) {
    clearInterval(pollTimer);
    pollTimer = undefined;
  } else if (!value && pollTimer === undefined) {
    pollTimer = setInterval(() => emit('poll', {}), POLL_MS) as unknown as number;
  }
}

function emit(type: string, data: Record<string, unknown>): void {
  for (const listener of listeners) listener({ type, data });
}

/** Opens the stream once (after sign-in). */
export function startLive(): void {
  if (source) return;
  source = new EventSource(consoleUrl('api/events'), { withCredentials: true });
  source.addEventListener('hello', () => setConnected(true));
  for (const type of ['run', 'job', 'progress', 'resync']) {
    source.addEventListener(type, (event) => emit(type, JSON.parse((event as MessageEvent<string>).data)));
  }
  source.onerror = () => {
    setConnected(false);
    // The browser reconnects by itself (sending Last-Event-ID) unless the server refused it.
    if (source?.readyState === EventSource.CLOSED) {
      source = undefined;
      setTimeout(startLive, POLL_MS);
    }
  };
}

/** Calls `refresh` (debounced) whenever the live stream or the fallback poll says something changed. */
export function useLiveRefresh(
  refresh: () => void,
  filter: (event: { type: string; data: Record<string, unknown> }) => boolean = () => true,
): void {
  const saved = useRef(refresh);
  saved.current = refresh;
  const savedFilter = useRef(filter);
  savedFilter.current = filter;
  useEffect(() => {
    let timer: number | undefined;
    const listener: Listener = (event) => {
      if (event.type !== 'poll' && event.type !== 'resync' && !savedFilter.current(event)) return;
      if (timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        saved.current();
      }, 80) as unknown as number;
    };
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, []);
}

/** Whether the stream is up (else the console polls). */
export function useLiveStatus(): boolean {
  const [value, setValue] = useState(connected);
  useEffect(() => {
    statusListeners.add(setValue);
    return () => {
      statusListeners.delete(setValue);
    };
  }, []);
  return value;
}

/** Calls `listener` at once for every live event (no debounce): for views that show a change before re-reading. */
export function useLiveEvent(listener: Listener): void {
  const saved = useRef(listener);
  saved.current = listener;
  useEffect(() => {
    const each: Listener = (event) => saved.current(event);
    listeners.add(each);
    return () => {
      listeners.delete(each);
    };
  }, []);
}
