/**
 * Hands a text file to the browser's downloads, from an extension page. An anchor with `download`
 * needs no `downloads` permission and works in Chromium and Firefox alike.
 */
export function downloadText(doc: Document, fileName: string, text: string, type = 'text/plain;charset=utf-8'): void {
  downloadBlob(doc, fileName, new Blob([text], { type }));
}

/** Hands a Blob (a file built in parts, say) to the browser's downloads, as downloadText does. */
export function downloadBlob(doc: Document, fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const anchor = doc.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.rel = 'noopener';
  doc.body.append(anchor);
  anchor.click();
  anchor.remove();
  // The download has its own reference to the blob; ours can go once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `papershelf-2026-11-27.bib`: the local calendar day, as the user reads it. */
export function datedFileName(extension: string, now: Date = new Date()): string {
  const day = [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((part) => String(part).padStart(2, '0')).join('-');
  return `papershelf-${day}.${extension}`;
}
