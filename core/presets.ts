/**
 * Export presets: what an output file must be for a platform. Numbers come from
 * platforms.ts; this file only shapes them into encoder settings.
 */
import { badInput } from './errors.js';
import { LOUDNESS, PLATFORMS, type Aspect, type PlatformSpec } from './platforms.js';

export type PresetId = keyof typeof PLATFORMS;
export const PRESET_IDS = Object.keys(PLATFORMS) as PresetId[];

export interface Preset extends PlatformSpec {
  id: PresetId;
  video: {
    codec: 'libx264';
    profile: 'high';
    pixelFormat: 'yuv420p';
    /** x264 speed preset */
    speed: 'ultrafast' | 'superfast' | 'veryfast' | 'faster' | 'fast' | 'medium';
    crf: number;
    /** two consecutive B-frames, as YouTube recommends */
    bFrames: 2;
    colour: { primaries: 'bt709'; transfer: 'bt709'; matrix: 'bt709'; range: 'tv' };
  };
  audio: { codec: 'aac'; sampleRate: 48000; channels: 2; bitrateKbps: number };
  loudness: typeof LOUDNESS;
}

/** A checked preset id; an unknown name (own keys only: `'toString' in PLATFORMS` is true) is refused. */
export function presetId(id: string): PresetId {
  if (!Object.hasOwn(PLATFORMS, id)) {
    throw badInput('preset-unknown', {
      id: `Preset "${id}" tidak dikenal. Pilih salah satu: ${PRESET_IDS.join(', ')}.`,
      en: `Unknown preset "${id}". Choose one of: ${PRESET_IDS.join(', ')}.`,
    });
  }
  return id as PresetId;
}

/** The typed Preset for an id: resolved once per export, by the engine's renderProject. */
export function getPreset(id: string): Preset {
  const checked = presetId(id);
  const spec = PLATFORMS[checked];
  return {
    ...spec,
    id: checked,
    video: {
      codec: 'libx264',
      profile: 'high',
      pixelFormat: 'yuv420p',
      speed: 'veryfast',
      crf: 21,
      bFrames: 2,
      colour: { primaries: 'bt709', transfer: 'bt709', matrix: 'bt709', range: 'tv' },
    },
    audio: { codec: 'aac', sampleRate: 48000, channels: 2, bitrateKbps: spec.audioBitrateKbps },
    loudness: LOUDNESS,
  };
}

/** Parse "tiktok,youtube" into checked preset ids (each once), rejecting unknown names. */
export function parsePresetIds(list: string): PresetId[] {
  const ids = list
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter(Boolean);
  if (ids.length === 0) {
    throw badInput('preset-missing', {
      id: `Pilih minimal satu preset: ${PRESET_IDS.join(', ')}.`,
      en: `Choose at least one preset: ${PRESET_IDS.join(', ')}.`,
    });
  }
  return [...new Set(ids)].map(presetId);
}

/** Parse "tiktok,youtube" into presets, rejecting unknown names. */
export function parsePresetList(list: string): Preset[] {
  return parsePresetIds(list).map(getPreset);
}

export function aspectOf(preset: { width: number; height: number }): Aspect {
  return preset.height > preset.width ? '9:16' : '16:9';
}

/** Closed GOP of half the frame rate (YouTube's recommendation). */
export function gopSize(fps: number): number {
  return Math.max(1, Math.round(fps / 2));
}
