// The two Node built-ins vite.config.ts uses, typed here rather than through @types/node,
// which would put every Node global into the browser code's type checking.
declare module "node:crypto" {
  interface Hash {
    update(data: Uint8Array | string): Hash;
    digest(encoding: "base64url" | "hex"): string;
  }
  export function createHash(algorithm: string): Hash;
}

declare module "node:fs" {
  export function existsSync(path: URL | string): boolean;
  export function readFileSync(path: URL | string): Uint8Array;
}
