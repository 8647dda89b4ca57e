/**
 * Playback of the playhead: Space plays and pauses, J/K/L shuttle backwards,
 * stop, forwards (pressing J or L again doubles the speed, up to 4x). The
 * playhead moves in whole frames; the preview follows the playhead.
 */
import { END_CAP_PX, projectFrames } from './geometry.js';
import { currentProject } from './link.js';
import { setPlayhead, timelineView } from './viewStore.js';

const MAX_SPEED = 4;
let frameRequest: number | undefined;
let lastTime: number | undefined;
let position = 0;

function tick(time: number): void {
  const { speed, playhead } = timelineView.get();
  const project = currentProject();
  if (!project || speed === 0) {
    stop();
    return;
  }
  const length = projectFrames(project);
  if (lastTime === undefined || Math.round(position) !== playhead) position = playhead;
  const elapsed = lastTime === undefined ? 0 : (time - lastTime) / 1000;
  lastTime = time;
  position += elapsed * speed * project.fps;
  if (position >= length || position <= 0) {
    setPlayhead(position, length);
    stop();
    return;
  }
  setPlayhead(position, length);
  followPlayhead(project.intro);
  frameRequest = requestAnimationFrame(tick);
}

/** While playing, page the view along when the playhead reaches an edge. */
function followPlayhead(intro: boolean): void {
  const { playhead, zoom, scrollX, width } = timelineView.get();
  const x = (intro ? END_CAP_PX : 8) + playhead * zoom;
  if (x > scrollX + width - 24 || x < scrollX) timelineView.set({ scrollX: Math.max(0, x - 48) });
}

function run(speed: number): void {
  timelineView.set({ speed });
  if (speed === 0) {
    stop();
    return;
  }
  if (frameRequest === undefined) {
    lastTime = undefined;
    frameRequest = requestAnimationFrame(tick);
  }
}

export function stop(): void {
  if (frameRequest !== undefined) cancelAnimationFrame(frameRequest);
  frameRequest = undefined;
  lastTime = undefined;
  if (timelineView.get().speed !== 0) timelineView.set({ speed: 0 });
}

export function togglePlay(): void {
  const project = currentProject();
  if (!project) return;
  const { speed, playhead } = timelineView.get();
  if (speed !== 0) {
    stop();
    return;
  }
  // at the end, play from the start
  if (playhead >= projectFrames(project)) setPlayhead(0, projectFrames(project));
  run(1);
}

/** J (-1) and L (+1): start or speed up in that direction; K stops. */
export function shuttle(direction: -1 | 0 | 1): void {
  if (direction === 0) {
    stop();
    return;
  }
  const { speed } = timelineView.get();
  const same = Math.sign(speed) === direction;
  run(same ? direction * Math.min(MAX_SPEED, Math.abs(speed) * 2) : direction);
}
