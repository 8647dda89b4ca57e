/** The captions panel's last piece of news (imported, saved), read out politely in the language shown. */
import { createStore } from '../../store.js';
import type { CaptionsTextKey } from './texts.js';

export const captionsNotice = createStore({ key: undefined as CaptionsTextKey | undefined, values: {} as Record<string, string | number> });
