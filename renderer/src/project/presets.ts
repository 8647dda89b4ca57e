/** The preset the preview shows for each aspect, and the platforms whose safe zones can be shown. */
import { getPreset, type Preset } from '../../../core/presets.js';
import type { Aspect, Guide } from './view.js';

export function previewPreset(aspect: Aspect): Preset {
  return getPreset(aspect === '9:16' ? 'tiktok' : 'youtube');
}

export function guidesFor(aspect: Aspect): Guide[] {
  return aspect === '9:16' ? ['none', 'tiktok', 'reels', 'shorts'] : ['none', 'youtube'];
}
