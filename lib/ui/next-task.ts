/**
 * Resolves in a new task, after the browser had a chance to handle input and paint. A message to
 * oneself, not setTimeout: nested timeouts are clamped to 4 ms each, which would stretch work cut
 * into a hundred slices by 0.4 s.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}

/** Resolves after the next frame was painted: a task queued from a frame callback runs after it. */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}
