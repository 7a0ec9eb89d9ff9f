/** Hands a generated file to the browser's download (the host writes nothing to disk for it). */
export function saveFile(file: { fileName: string; mimeType: string; content: string }): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file writer the user chose (File System Access API), where the browser has one. */
interface Picker {
  showSaveFilePicker?: (options: { suggestedName: string; types?: Array<{ description: string; accept: Record<string, string[]> }> }) => Promise<{
    createWritable(): Promise<{ write(data: string): Promise<void>; close(): Promise<void>; abort(): Promise<void> }>;
  }>;
}

export interface FileSink {
  write(text: string): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

/**
 * Somewhere to stream a large generated file. Where the browser lets the user pick a file (Chromium,
 * Electron) text goes to disk as it comes, so nothing large stays in memory; elsewhere the pieces
 * are kept as a Blob (which the browser may page to disk) and handed to the download at the end.
 * Null when the user cancelled the picker.
 */
export async function openFileSink(fileName: string, mimeType: string): Promise<FileSink | null> {
  const picker = (window as unknown as Picker).showSaveFilePicker;
  if (picker) {
    try {
      const handle = await picker({ suggestedName: fileName });
      const writable = await handle.createWritable();
      return { write: (text) => writable.write(text), close: () => writable.close(), abort: () => writable.abort() };
    } catch (error) {
      if ((error as Error).name === 'AbortError') return null;
      // No permission or no picker after all: fall back to a download.
    }
  }
  const parts: Blob[] = [];
  return {
    write: async (text) => void parts.push(new Blob([text], { type: mimeType })),
    close: async () => {
      const url = URL.createObjectURL(new Blob(parts, { type: mimeType }));
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      link.rel = 'noopener';
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
    abort: async () => void parts.splice(0),
  };
}
