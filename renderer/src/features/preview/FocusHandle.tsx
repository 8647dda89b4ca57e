/**
 * The crop's focus point on the preview: drag it (or use the arrow keys while
 * it has focus) to choose which part of the picture the crop keeps. A drag is
 * one undo step.
 */
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import type { FrameLayout } from '../../../../core/layout.js';
import { setReframe } from '../../../../core/model/edits.js';
import type { Clip } from '../../../../core/model/project.js';
import { useT } from '../../i18n.js';
import { dispatch, projectStore, seal } from '../../project/store.js';
import { useStore } from '../../store.js';

const clamp = (value: number) => Math.min(1, Math.max(0, Math.round(value * 1000) / 1000));

function setFocus(clipId: string, focusX: number, focusY: number): void {
  dispatch((project) => setReframe({ project, clipId, reframe: { mode: 'crop', focusX: clamp(focusX), focusY: clamp(focusY) } }), { key: `focus:${clipId}` });
}

export function FocusHandle({ layout }: { layout: FrameLayout }) {
  const t = useT();
  const clipId = layout.clip?.clipId;
  const clip = useStore(projectStore, (state) => state.project?.timeline.tracks.video.find((item): item is Clip => item.kind === 'clip' && item.id === clipId));
  const drag = useRef<{ x: number; y: number; focusX: number; focusY: number; scale: number } | undefined>(undefined);
  const picture = layout.clip?.picture;
  if (!clip || clip.reframe.mode !== 'crop' || picture?.mode !== 'crop') return null;
  const { focusX, focusY } = clip.reframe;
  const box = picture.box;
  const x = Math.min(layout.frame.width, Math.max(0, box.x + focusX * box.width));
  const y = Math.min(layout.frame.height, Math.max(0, box.y + focusY * box.height));

  const onPointerDown = (event: PointerEvent<HTMLButtonElement>) => {
    const frame = event.currentTarget.parentElement?.getBoundingClientRect();
    if (!frame) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { x: event.clientX, y: event.clientY, focusX, focusY, scale: layout.frame.width / frame.width };
  };
  const onPointerMove = (event: PointerEvent<HTMLButtonElement>) => {
    const start = drag.current;
    if (!start) return;
    const dx = ((event.clientX - start.x) * start.scale) / box.width;
    const dy = ((event.clientY - start.y) * start.scale) / box.height;
    setFocus(clip.id, start.focusX + dx, start.focusY + dy);
  };
  const onPointerUp = () => {
    drag.current = undefined;
    seal();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const step = event.shiftKey ? 0.1 : 0.02;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    event.stopPropagation();
    setFocus(clip.id, focusX + move[0], focusY + move[1]);
  };
  return (
    <button
      type="button"
      className="stage__focus"
      data-testid="focus-point"
      aria-label={t('preview.focusLabel', { x: Math.round(focusX * 100), y: Math.round(focusY * 100) })}
      style={{ left: `${(x / layout.frame.width) * 100}%`, top: `${(y / layout.frame.height) * 100}%` }}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyUp={() => seal()}
      onKeyDown={onKeyDown}
    />
  );
}
