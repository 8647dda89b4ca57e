/**
 * Platform numbers for presets and checks, in one dated data table so they can be
 * updated without touching code. Sources: ../shared/PLATFORMS.md (YouTube upload
 * recommendations, TikTok ads spec and guides, Meta's Reels guidance), as of
 * 2026-11-30.
 */

export type Aspect = '9:16' | '16:9';

export interface SafeZone {
  /** pixels of a 1080x1920 (or 1920x1080) frame to keep text out of */
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export interface PlatformSpec {
  id: string;
  label: string;
  aspect: Aspect;
  width: number;
  height: number;
  /** default frame rate of the export */
  fps: number;
  /** the longest video the platform accepts for this use, in seconds */
  maxDurationSeconds: number;
  minDurationSeconds: number;
  /** target video bitrate (VBR) and cap, kbit/s */
  videoBitrateKbps: number;
  videoMaxrateKbps: number;
  audioBitrateKbps: number;
  /** largest file accepted, bytes (undefined: no practical limit) */
  maxFileBytes?: number;
  safeZone: SafeZone;
}

export const PLATFORMS: Record<'tiktok' | 'youtube' | 'shorts' | 'reels', PlatformSpec> = {
  tiktok: {
    id: 'tiktok',
    label: 'TikTok',
    aspect: '9:16',
    width: 1080,
    height: 1920,
    fps: 30,
    maxDurationSeconds: 600,
    minDurationSeconds: 3,
    videoBitrateKbps: 6000,
    videoMaxrateKbps: 8000,
    audioBitrateKbps: 192,
    maxFileBytes: 500 * 1024 * 1024,
    safeZone: { top: 250, bottom: 460, left: 60, right: 180 },
  },
  youtube: {
    id: 'youtube',
    label: 'YouTube',
    aspect: '16:9',
    width: 1920,
    height: 1080,
    fps: 30,
    maxDurationSeconds: 15 * 60,
    minDurationSeconds: 1,
    videoBitrateKbps: 8000,
    videoMaxrateKbps: 12000,
    audioBitrateKbps: 384,
    safeZone: { top: 54, bottom: 54, left: 96, right: 96 },
  },
  shorts: {
    id: 'shorts',
    label: 'YouTube Shorts',
    aspect: '9:16',
    width: 1080,
    height: 1920,
    fps: 30,
    maxDurationSeconds: 180,
    minDurationSeconds: 1,
    videoBitrateKbps: 8000,
    videoMaxrateKbps: 12000,
    audioBitrateKbps: 384,
    safeZone: { top: 250, bottom: 480, left: 60, right: 190 },
  },
  reels: {
    id: 'reels',
    label: 'Instagram Reels',
    aspect: '9:16',
    width: 1080,
    height: 1920,
    fps: 30,
    maxDurationSeconds: 180,
    minDurationSeconds: 3,
    videoBitrateKbps: 6000,
    videoMaxrateKbps: 8000,
    audioBitrateKbps: 192,
    safeZone: { top: 269, bottom: 672, left: 65, right: 65 },
  },
};

/** Loudness target for social video (common practice; no official platform figure). */
export const LOUDNESS = { integratedLufs: -14, truePeakDb: -1, loudnessRange: 11 } as const;
