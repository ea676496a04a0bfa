// Previews by URL, kept in the process for an hour (a miss for ten minutes),
// so a link shared in many chats is fetched once. Bounded: the oldest go first.
import type { LinkPreviewDto } from '../chat/dto';

const HIT_TTL_MS = 60 * 60 * 1000;
const MISS_TTL_MS = 10 * 60 * 1000;
const MAX_ENTRIES = 1000;

export class PreviewCache {
  private readonly entries = new Map<string, { preview: LinkPreviewDto | null; until: number }>();

  get(url: string): LinkPreviewDto | null | undefined {
    const entry = this.entries.get(url);
    if (!entry) return undefined;
    if (entry.until < Date.now()) {
      this.entries.delete(url);
      return undefined;
    }
    return entry.preview;
  }

  set(url: string, preview: LinkPreviewDto | null): void {
    this.entries.delete(url);
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(url, { preview, until: Date.now() + (preview ? HIT_TTL_MS : MISS_TTL_MS) });
  }
}
