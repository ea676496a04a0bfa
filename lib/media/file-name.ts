/** Longest name kept, in characters; a longer one keeps its extension. */
export const FILE_NAME_MAX = 200;
const EXTENSION_MAX = 16;

/**
 * The name an upload is shown and downloaded with: the part after any
 * folder, without control characters or bidirectional overrides (which
 * make `photo\u202Egpj.exe` read as `photoexe.jpg`), at most FILE_NAME_MAX
 * characters; "file" when nothing is left.
 */
export function cleanFileName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[/\\]/).at(-1) ?? '';
  const cleaned = base
    .normalize('NFC')
    // C0 and C1 controls, DEL, bidi marks, overrides and isolates, lone surrogates.
    .replace(/[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|\p{Cs}/gu, '')
    .trim();
  if (cleaned === '' || cleaned === '.' || cleaned === '..') return 'file';
  const chars = [...cleaned];
  if (chars.length <= FILE_NAME_MAX) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 ? [...cleaned.slice(dot)] : [];
  if (extension.length > 1 && extension.length <= EXTENSION_MAX) {
    const stem = [...cleaned.slice(0, dot)];
    return (
      stem
        .slice(0, FILE_NAME_MAX - extension.length)
        .join('')
        .trimEnd() + extension.join('')
    );
  }
  return chars.slice(0, FILE_NAME_MAX).join('').trimEnd();
}

const EXTENSIONS: Record<string, string[]> = {
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
  'image/webp': ['.webp'],
  'image/gif': ['.gif'],
  'image/avif': ['.avif'],
  'audio/mp4': ['.m4a', '.mp4'],
};

/**
 * The name with an extension that says what the served bytes are: a HEIC
 * photo served as WebP, or a WebM recording served as M4A, is not
 * downloaded under its old extension.
 */
export function withExtension(name: string, mime: string): string {
  const wanted = EXTENSIONS[mime];
  const dot = name.lastIndexOf('.');
  const current = dot > 0 ? name.slice(dot).toLowerCase() : '';
  if (!wanted || wanted.includes(current)) return name;
  const stem = dot > 0 && current.length <= 6 ? name.slice(0, dot) : name;
  return cleanFileName(`${stem}${wanted[0]}`);
}
