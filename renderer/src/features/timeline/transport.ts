/**
 * Playback: Space plays and pauses the preview (sound included; the timeline's
 * playhead follows it). J/K/L shuttle backwards, stop, forwards without sound
 * (pressing J or L again doubles the speed, up to 4x); the preview follows.
 */
import { END_CAP_PX, projectFrames } from './geometry.js';
import { currentProject, stopPlayback, togglePlayback } from './link.js';
import { followPlayhead, setPlayhead, timelineView } from './viewStore.js';

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
  followPlayhead(project.intro ? END_CAP_PX : 8);
  frameRequest = requestAnimationFrame(tick);
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
  if (timelineView.get().speed !== 0) {
    stop();
    return;
  }
  togglePlayback();
}

/** J (-1) and L (+1): start or speed up in that direction; K stops. */
export function shuttle(direction: -1 | 0 | 1): void {
  stopPlayback();
  if (direction === 0) {
    stop();
    return;
  }
  const { speed } = timelineView.get();
  const same = Math.sign(speed) === direction;
  run(same ? direction * Math.min(MAX_SPEED, Math.abs(speed) * 2) : direction);
}
