/** Where a progress bar may draw: a writable stream that says whether it is a terminal. */
export interface ProgressStream {
  isTTY?: boolean | undefined;
  write(text: string): unknown;
}

export interface ProgressUpdate {
  file: string;
  bytesRead: number;
  totalBytes: number;
}

export const PROGRESS_MIN_BYTES = 1 << 20;

/**
 * A one-line progress bar for CSV files of over ~1 MB, drawn only when the stream is a terminal:
 * piped or redirected stderr stays clean for scripts and CI logs.
 */
export function createProgressBar(stream: ProgressStream, width = 30): (update: ProgressUpdate) => void {
  return ({ file, bytesRead, totalBytes }) => {
    if (stream.isTTY !== true || totalBytes < PROGRESS_MIN_BYTES) return;
    const done = bytesRead >= totalBytes;
    const percent = done ? 100 : (bytesRead * 100 - ((bytesRead * 100) % totalBytes)) / totalBytes;
    const filled = (percent * width - ((percent * width) % 100)) / 100;
    stream.write(`\r${file} [${"#".repeat(filled)}${" ".repeat(width - filled)}] ${percent}%${done ? "\n" : ""}`);
  };
}
