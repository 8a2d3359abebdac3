/**
 * User actions that change what is drawn (open, close, expand, unstack, pick
 * a member, reveal) run one after another: each starts from the state and
 * scene the one before it drew, so an action asked for while another is in
 * flight is not lost, and its promise resolves when its own result is drawn.
 */

export interface ActionQueue {
  /** Run `action` once every action queued before it has settled; resolves (or rejects) as it does. */
  run<T>(action: () => Promise<T> | T): Promise<T>;
  /** Actions queued or running. */
  readonly size: number;
}

export function createActionQueue(): ActionQueue {
  let tail: Promise<unknown> = Promise.resolve();
  let size = 0;
  return {
    run<T>(action: () => Promise<T> | T): Promise<T> {
      size += 1;
      const result = tail.then(action);
      // The next action waits for this one to settle, whichever way.
      tail = result.then(
        () => void (size -= 1),
        () => void (size -= 1),
      );
      return result;
    },
    get size() {
      return size;
    },
  };
}
