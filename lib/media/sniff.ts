import { fileTypeFromFile } from 'file-type';

/**
 * The type the file's bytes say it is (its signature, read by file-type), or
 * undefined when they match no known format (text, SVG, HTML and other
 * markup included).
 */
export async function sniffMime(path: string): Promise<string | undefined> {
  return (await fileTypeFromFile(path))?.mime;
}
