import { describe, expect, it } from 'vitest';
import { cleanFileName, FILE_NAME_MAX, withExtension } from './file-name';

describe('cleanFileName', () => {
  it('keeps the name after any folder, Windows or Unix', () => {
    expect(cleanFileName('C:\\Users\\ann\\Desktop\\holiday.jpg')).toBe('holiday.jpg');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('notes from Ann.pdf')).toBe('notes from Ann.pdf');
  });

  it('drops control characters and bidirectional overrides, keeps any script', () => {
    expect(cleanFileName('photo\u202Egpj.exe')).toBe('photogpj.exe');
    expect(cleanFileName('a\u0000b\u0007c\u009f.txt')).toBe('abc.txt');
    expect(cleanFileName('привет 👋.txt')).toBe('привет 👋.txt');
    expect(cleanFileName('x\ud800y.txt')).toBe('xy.txt');
  });

  it('falls back to "file" when nothing is left', () => {
    for (const raw of [undefined, '', '   ', '/', 'dir/', '\u202E', '..', '.'])
      expect(cleanFileName(raw)).toBe('file');
  });

  it(`caps the name at ${FILE_NAME_MAX} characters and keeps a short extension`, () => {
    const long = `${'é'.repeat(500)}.jpeg`;
    const cleaned = cleanFileName(long);
    expect([...cleaned]).toHaveLength(FILE_NAME_MAX);
    expect(cleaned.endsWith('.jpeg')).toBe(true);
    expect([...cleanFileName('😀'.repeat(300))]).toHaveLength(FILE_NAME_MAX);
  });
});

describe('withExtension', () => {
  it('gives the name the extension of the served bytes', () => {
    expect(withExtension('IMG_0001.HEIC', 'image/webp')).toBe('IMG_0001.webp');
    expect(withExtension('voice.webm', 'audio/mp4')).toBe('voice.m4a');
    expect(withExtension('photo.JPG', 'image/jpeg')).toBe('photo.JPG');
    expect(withExtension('file', 'image/png')).toBe('file.png');
    expect(withExtension('report.pdf', 'application/pdf')).toBe('report.pdf');
  });
});
