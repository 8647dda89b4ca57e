/**
 * One caption in the list: its times (a button that puts the playhead on it)
 * and its words, edited in place; the selected one shows its tools. Typing is one undo step per word; Enter or
 * Escape ends the editing. The field keeps what is typed (a space at the end,
 * a line break) while the project stores the words cleaned.
 */
import { useEffect, useRef, useState } from 'react';
import { CAPTION_TEXT_LIMIT } from '@core/model/captions.js';
import type { CaptionSegment } from '@core/model/project.js';
import { formatTimecode } from '@core/timecode.js';
import { captionFrameAtPlayhead, captionShows, goToCaption } from '../../project/captions.js';
import { selectCaption } from '../../project/view.js';
import { endTyping, typeCaptionText } from './actions.js';
import { CaptionTools } from './CaptionTools.js';
import { useCaptionsT } from './texts.js';

const clean = (text: string) => text.replace(/\s+/g, ' ').trim();

export function CaptionRow(props: { caption: CaptionSegment; index: number; fps: number; selected: boolean }) {
  const t = useCaptionsT();
  const { caption, fps } = props;
  const [draft, setDraft] = useState(caption.text);
  const row = useRef<HTMLLIElement>(null);
  // an undo, a split or a merge changed the words: show them (not while they are what is being typed)
  useEffect(() => {
    setDraft((current) => (clean(current) === caption.text ? current : caption.text));
  }, [caption.text]);
  useEffect(() => {
    if (props.selected) row.current?.scrollIntoView({ block: 'nearest' });
  }, [props.selected]);
  const start = formatTimecode(caption.start, fps);
  const end = formatTimecode(caption.start + caption.duration, fps);
  const number = props.index + 1;
  const shows = captionShows(caption);
  const near = draft.length > CAPTION_TEXT_LIMIT * 0.8;
  return (
    <li
      ref={row}
      className={`caption-row${props.selected ? ' caption-row--on' : ''}${shows ? '' : ' caption-row--hidden'}`}
      data-testid="caption-row"
      data-caption-id={caption.id}
      data-selected={props.selected}
      aria-current={props.selected ? 'true' : undefined}
    >
      <button
        type="button"
        className="caption-row__time"
        data-testid="caption-seek"
        aria-label={t('captions.rowLabel', { index: number, start, end })}
        onClick={() => goToCaption(caption)}
      >
        <span className="caption-row__number">{number}</span>
        <span data-testid="caption-start">{start}</span>
        <span aria-hidden="true">→</span>
        <span data-testid="caption-end">{end}</span>
      </button>
      <textarea
        className="caption-row__text"
        data-testid="caption-text"
        aria-label={t('captions.textLabel', { index: number })}
        rows={2}
        maxLength={CAPTION_TEXT_LIMIT}
        spellCheck={false}
        value={draft}
        onFocus={() => {
          selectCaption(caption.id);
          // the playhead stays where it is when it is already inside (to split there)
          const at = captionFrameAtPlayhead();
          if (at < caption.start || at >= caption.start + caption.duration) goToCaption(caption);
        }}
        onChange={(event) => {
          setDraft(event.target.value);
          typeCaptionText(caption.id, event.target.value);
        }}
        onBlur={() => {
          endTyping();
          setDraft(caption.text);
        }}
        onKeyDown={(event) => {
          if ((event.key === 'Enter' && !event.shiftKey) || event.key === 'Escape') {
            event.preventDefault();
            event.currentTarget.blur();
          }
        }}
      />
      {props.selected && <CaptionTools fps={fps} />}
      {(near || !shows) && (
        <p className="caption-row__note" data-testid="caption-note">
          {near ? t('captions.count', { count: draft.length, limit: CAPTION_TEXT_LIMIT }) : t('captions.afterEnd')}
        </p>
      )}
    </li>
  );
}
