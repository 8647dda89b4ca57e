/** The captions panel's last piece of news (imported, saved), read out politely. */
import { createStore } from '../../store.js';

export const captionsNotice = createStore({ text: '', at: 0 });
