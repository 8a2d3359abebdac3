/**
 * Draws on the next animation frame, once however many changes asked for it,
 * and lets callers wait for that frame (`drawn`).
 */

export interface FrameScheduler {
  /** Ask for a frame; several asks before it is drawn make one frame. */
  request(): void;
  /** Resolves after the next frame is drawn (at once when none is waiting). */
  drawn(): Promise<void>;
}

export function createFrameScheduler(draw: () => void): FrameScheduler {
  let requested = false;
  let waiters: (() => void)[] = [];
  const run = () => {
    requested = false;
    draw();
    const done = waiters;
    waiters = [];
    for (const resolve of done) resolve();
  };
  return {
    request() {
      if (requested) return;
      requested = true;
      if (typeof requestAnimationFrame === "function") requestAnimationFrame(run);
      else setTimeout(run, 16);
    },
    drawn() {
      if (!requested) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
  };
}
