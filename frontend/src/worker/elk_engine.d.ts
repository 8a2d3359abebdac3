// elkjs ships no usable types for its engine module (elk-worker.d.ts declares only a
// type alias): a CommonJS module whose Worker runs ELK in the calling thread.
declare module "elkjs/lib/elk-worker.min.js" {
  export const Worker: new (url?: string) => globalThis.Worker;
}
