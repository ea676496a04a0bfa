// Reads a zip the way an export's recipient would (yauzl checks each
// entry's CRC as it reads), and checks an export's manifest against it.
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import yauzl from 'yauzl';

/** Every entry of the zip, by path. */
export async function unzip(zip: Buffer): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const archive = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(zip, { lazyEntries: true }, (err, z) => (err ? reject(err) : resolve(z))),
  );
  await new Promise<void>((resolve, reject) => {
    archive.on('entry', (entry: yauzl.Entry) => {
      archive.openReadStream(entry, (err, stream) => {
        if (err) return reject(err);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('error', reject);
        stream.on('end', () => {
          files.set(entry.fileName, Buffer.concat(chunks));
          archive.readEntry();
        });
      });
    });
    archive.on('end', resolve);
    archive.on('error', reject);
    archive.readEntry();
  });
  return files;
}

/** The export's manifest, after checking it lists every other file with its size and sha256. */
export function verifiedManifest(files: Map<string, Buffer>): any {
  const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
  expect(manifest.formatVersion).toBe(1);
  const listed = manifest.files.map((f: any) => f.path).sort();
  expect(listed).toEqual([...files.keys()].filter((p) => p !== 'manifest.json').sort());
  for (const f of manifest.files) {
    const bytes = files.get(f.path)!;
    expect(bytes.length, f.path).toBe(f.size);
    expect(createHash('sha256').update(bytes).digest('hex'), f.path).toBe(f.sha256);
  }
  return manifest;
}
