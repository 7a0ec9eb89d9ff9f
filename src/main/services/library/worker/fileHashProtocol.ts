export interface HashRequest {
  id: number;
  path: string;
}

/** size and mtime are those the file had while it was read; a file that changed meanwhile is an error. */
export type HashResponse =
  | { id: number; sha256: string; size: number; mtimeMs: number }
  | { id: number; error: string };
