/**
 * Hard limits for packs, checked before anything is inflated or parsed and again
 * while it is. A real pack (a few SVG cards, fonts, a logo, perhaps a short video
 * bumper) fits easily; a zip bomb or a poster-sized image does not.
 */
export interface PackLimits {
  /** files (and folders) in a pack or entries in a .klippack */
  maxEntries: number;
  /** uncompressed bytes of any one file */
  maxEntryBytes: number;
  /** uncompressed bytes of all files together */
  maxTotalBytes: number;
  /** size of the .klippack file itself */
  maxArchiveBytes: number;
  /** pack.json and signature.json */
  maxManifestBytes: number;
  maxSvgBytes: number;
  maxFontBytes: number;
  /** width and height of a PNG/JPEG image, pixels */
  maxImageSide: number;
  /** folder depth inside the pack */
  maxDepth: number;
}

export const PACK_LIMITS: PackLimits = {
  maxEntries: 400,
  maxEntryBytes: 64 * 1024 * 1024,
  maxTotalBytes: 160 * 1024 * 1024,
  maxArchiveBytes: 160 * 1024 * 1024,
  maxManifestBytes: 256 * 1024,
  maxSvgBytes: 2 * 1024 * 1024,
  maxFontBytes: 16 * 1024 * 1024,
  maxImageSide: 8192,
  maxDepth: 8,
};

/** File types a pack may hold: data only, never code. */
export const ALLOWED_EXTENSIONS: Record<string, 'manifest' | 'svg' | 'image' | 'font' | 'video' | 'text'> = {
  '.json': 'manifest',
  '.svg': 'svg',
  '.png': 'image',
  '.jpg': 'image',
  '.jpeg': 'image',
  '.ttf': 'font',
  '.otf': 'font',
  '.mp4': 'video',
  '.mov': 'video',
  '.webm': 'video',
  '.txt': 'text',
  '.md': 'text',
};

export const MANIFEST_FILE = 'pack.json';
export const SIGNATURE_FILE = 'signature.json';

export function mib(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;
}
