import { describe, expect, it } from 'vitest';
import {
  isTooSmallForIndonesian,
  modelAdviceText,
  parseWhisperHeader,
  publishedModelBySha1,
  PUBLISHED_WHISPER_MODELS,
  tensorDataBytes,
  whisperModelKind,
  type WhisperHyperParameters,
} from '@core/captions/whisper-model.js';

/** The hyper-parameters of OpenAI's models as whisper.cpp's converter writes them. */
const SMALL: WhisperHyperParameters = { nVocab: 51865, nAudioCtx: 1500, nAudioState: 768, nAudioHead: 12, nAudioLayer: 12, nTextCtx: 448, nTextState: 768, nTextHead: 12, nTextLayer: 12, nMels: 80, ftype: 1 };

function header(params: WhisperHyperParameters, magic = 0x67676d6c): Uint8Array {
  const values = [magic, params.nVocab, params.nAudioCtx, params.nAudioState, params.nAudioHead, params.nAudioLayer, params.nTextCtx, params.nTextState, params.nTextHead, params.nTextLayer, params.nMels, params.ftype];
  const view = new DataView(new ArrayBuffer(values.length * 4));
  values.forEach((value, i) => view.setUint32(i * 4, value >>> 0, true));
  return new Uint8Array(view.buffer);
}

describe('parseWhisperHeader', () => {
  it('reads the magic and the eleven hyper-parameters', () => {
    expect(parseWhisperHeader(header(SMALL))).toEqual(SMALL);
  });

  it('says no to another magic, a short file, or numbers no whisper model has', () => {
    expect(parseWhisperHeader(header(SMALL, 0x46554747))).toBeUndefined(); // GGUF
    expect(parseWhisperHeader(header(SMALL).subarray(0, 40))).toBeUndefined();
    expect(parseWhisperHeader(header({ ...SMALL, nMels: 3 }))).toBeUndefined();
    expect(parseWhisperHeader(header({ ...SMALL, nVocab: 7 }))).toBeUndefined();
  });
});

describe('whisperModelKind', () => {
  it('names the models as whisper.cpp does', () => {
    expect(whisperModelKind(SMALL)).toEqual({ size: 'small', multilingual: true, weights: 'f16', label: 'small' });
    expect(whisperModelKind({ ...SMALL, nAudioState: 384, nVocab: 51864 }).label).toBe('tiny.en');
    expect(whisperModelKind({ ...SMALL, nAudioState: 512, ftype: 2009 }).label).toBe('base-q5_1');
    const largeV3 = { ...SMALL, nAudioState: 1280, nTextState: 1280, nAudioLayer: 32, nTextLayer: 32, nMels: 128, nVocab: 51866 };
    expect(whisperModelKind(largeV3).label).toBe('large-v3');
    expect(whisperModelKind({ ...largeV3, nTextLayer: 4 })).toMatchObject({ size: 'large-v3-turbo', label: 'large-v3-turbo' });
    expect(whisperModelKind({ ...largeV3, nMels: 80, nVocab: 51865, ftype: 2008 }).label).toBe('large-q5_0');
  });

  it('warns about tiny and base for Indonesian, not about small and larger', () => {
    expect(isTooSmallForIndonesian('tiny')).toBe(true);
    expect(isTooSmallForIndonesian('base')).toBe(true);
    for (const size of ['small', 'medium', 'large', 'large-v3-turbo'] as const) expect(isTooSmallForIndonesian(size)).toBe(false);
  });
});

describe('published checksums', () => {
  it('finds a model by the SHA-1 whisper.cpp lists, in any case, and nothing else', () => {
    expect(publishedModelBySha1('55356645c2b361a969dfd0ef2c5a50d530afd8d5')).toBe('small');
    expect(publishedModelBySha1('4AF2B29D7EC73D781377BFD1758CA957A807E941')).toBe('large-v3-turbo');
    expect(publishedModelBySha1('0000000000000000000000000000000000000000')).toBeUndefined();
    expect(new Set(PUBLISHED_WHISPER_MODELS.map((m) => m.sha1)).size).toBe(PUBLISHED_WHISPER_MODELS.length);
    for (const model of PUBLISHED_WHISPER_MODELS) expect(model.sha1).toMatch(/^[0-9a-f]{40}$/);
  });
});

describe('tensorDataBytes', () => {
  it('counts bytes per ggml type, and refuses unknown types and broken block counts', () => {
    expect(tensorDataBytes({ type: 0, elements: 10 })).toBe(40);
    expect(tensorDataBytes({ type: 1, elements: 10 })).toBe(20);
    expect(tensorDataBytes({ type: 8, elements: 64 })).toBe(68); // q8_0: 34 bytes per 32
    expect(tensorDataBytes({ type: 6, elements: 32 })).toBe(22); // q5_0
    expect(tensorDataBytes({ type: 8, elements: 33 })).toBeUndefined();
    expect(tensorDataBytes({ type: 99, elements: 32 })).toBeUndefined();
  });
});

describe('modelAdviceText', () => {
  it('says what happened, then what to get and where to put it, in both languages', () => {
    const text = modelAdviceText({ id: 'Rusak.', en: 'Broken.' });
    expect(text.id).toMatch(/^Rusak\. Salin berkas model ggml-small\.bin/);
    expect(text.id).toContain('KLIPKOTA_WHISPER_MODEL');
    expect(text.en).toMatch(/^Broken\. Copy the model file ggml-small\.bin/);
    expect(text.en).toContain('Settings > Auto-caption model');
  });
});
