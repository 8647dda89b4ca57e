/**
 * The selected caption's tools, shown in its row: split at the playhead, merge
 * with the next, delete, and nudge it (or its start or end) by a frame or a
 * tenth of a second. Shifting every caption at once is the panel's (ShiftAll).
 */
import { useState } from 'react';
import { deleteWorkingCaption, mergeWorkingCaption, nudgeWorkingCaption, shiftAllBySeconds, splitWorkingCaption, type NudgeEdge } from './actions.js';
import { useCaptionsT } from './texts.js';

export function CaptionTools(props: { fps: number }) {
  const t = useCaptionsT();
  const [edge, setEdge] = useState<NudgeEdge>('both');
  const tenth = Math.max(1, Math.round(props.fps / 10));
  const steps: Array<{ frames: number; label: string; testId: string }> = [
    { frames: -tenth, label: '−0,1s', testId: 'caption-nudge-back-tenth' },
    { frames: -1, label: '−1f', testId: 'caption-nudge-back-frame' },
    { frames: 1, label: '+1f', testId: 'caption-nudge-forward-frame' },
    { frames: tenth, label: '+0,1s', testId: 'caption-nudge-forward-tenth' },
  ];
  return (
    <div className="captions__timing">
      <div className="captions__row" role="toolbar" aria-label={t('captions.title')}>
        <button type="button" className="button button--secondary button--small" onClick={splitWorkingCaption} title={t('captions.splitLabel')} aria-label={t('captions.splitLabel')} data-testid="caption-split">
          {t('captions.split')}
        </button>
        <button type="button" className="button button--secondary button--small" onClick={mergeWorkingCaption} title={t('captions.mergeLabel')} aria-label={t('captions.mergeLabel')} data-testid="caption-merge">
          {t('captions.merge')}
        </button>
        <button type="button" className="button button--danger button--small" onClick={deleteWorkingCaption} title={t('captions.deleteLabel')} aria-label={t('captions.deleteLabel')} data-testid="caption-delete">
          {t('captions.delete')}
        </button>
      </div>
      <div className="captions__row" role="group" aria-label={t('captions.nudge')}>
        <select className="captions__edge" value={edge} onChange={(event) => setEdge(event.target.value as NudgeEdge)} aria-label={t('captions.edge')} data-testid="caption-nudge-edge">
          <option value="both">{t('captions.edgeBoth')}</option>
          <option value="start">{t('captions.edgeStart')}</option>
          <option value="end">{t('captions.edgeEnd')}</option>
        </select>
        {steps.map((step) => (
          <button
            key={step.testId}
            type="button"
            className="button button--ghost button--small captions__nudge"
            aria-label={t('captions.nudgeBy', { amount: step.label })}
            title={t('captions.nudgeBy', { amount: step.label })}
            onClick={() => nudgeWorkingCaption({ frames: step.frames, edge })}
            data-testid={step.testId}
          >
            {step.label}
          </button>
        ))}
      </div>
    </div>
  );
}

/** Shift every caption by a number of seconds (a whole file out of sync): one undo step. */
export function ShiftAll() {
  const t = useCaptionsT();
  const [shift, setShift] = useState('');
  return (
    <form
      className="captions__row captions__shift-all"
      onSubmit={(event) => {
        event.preventDefault();
        if (shiftAllBySeconds(shift)) setShift('');
      }}
    >
      <input
        className="captions__shift"
        type="text"
        inputMode="decimal"
        value={shift}
        placeholder="0,5"
        aria-label={t('captions.shiftAll')}
        title={t('captions.shiftAll')}
        onChange={(event) => setShift(event.target.value)}
        data-testid="caption-shift-seconds"
      />
      <button type="submit" className="button button--ghost button--small" disabled={shift.trim() === ''} data-testid="caption-shift-all">
        {t('captions.shiftAllAction')}
      </button>
    </form>
  );
}
