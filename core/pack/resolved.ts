/**
 * A pack as the compiler and the preview use it: the checked manifest plus the
 * facts about its files that the engine read (absolute paths, graphic sizes,
 * bumper media). Pure data, so the compiler stays pure.
 */
import type { MediaInfo } from '../media.js';
import type { PackManifest } from './manifest.js';

export type PackTrust = 'verified' | 'unsigned' | 'untrusted' | 'tampered';

export interface ResolvedPack {
  manifest: PackManifest;
  /** absolute folder the pack's files are in */
  root: string;
  /** pack path -> absolute path, for every file the manifest names */
  files: Record<string, string>;
  /** pack path -> intrinsic size (SVG viewBox, image pixels) of every graphic */
  graphicSizes: Record<string, { width: number; height: number }>;
  /** pack path -> probe result of each video bumper */
  bumperMedia: Record<string, MediaInfo>;
  trust: PackTrust;
  /** the issuer's key fingerprint when signed */
  signer?: string;
}
