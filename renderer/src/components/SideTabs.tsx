/**
 * The right column's panels as tabs (the inspector, the captions): one shown
 * at a time, so the column fits a 1366x768 screen. Arrow keys move between
 * the tabs, as in a WAI-ARIA tab list.
 */
import type { ReactNode } from 'react';
import { showSidePanel, viewStore, type SidePanel } from '../project/view.js';
import { useStore } from '../store.js';
import './side-tabs.css';

export function SideTabs(props: { tabs: Array<{ id: SidePanel; label: string; panel: ReactNode }> }) {
  const side = useStore(viewStore, (state) => state.side);
  const current = props.tabs.find((tab) => tab.id === side) ?? props.tabs[0]!;
  const move = (by: number) => {
    const index = props.tabs.findIndex((tab) => tab.id === current.id);
    const next = props.tabs[(index + by + props.tabs.length) % props.tabs.length]!;
    showSidePanel(next.id);
    document.getElementById(`side-tab-${next.id}`)?.focus();
  };
  return (
    <>
      <div className="side-tabs" role="tablist">
        {props.tabs.map((tab) => (
          <button
            key={tab.id}
            id={`side-tab-${tab.id}`}
            type="button"
            role="tab"
            className="side-tabs__tab"
            aria-selected={tab.id === current.id}
            aria-controls={`side-panel-${tab.id}`}
            tabIndex={tab.id === current.id ? 0 : -1}
            onClick={() => showSidePanel(tab.id)}
            onKeyDown={(event) => {
              if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
              event.preventDefault();
              event.stopPropagation();
              move(event.key === 'ArrowRight' ? 1 : -1);
            }}
            data-testid={`side-tab-${tab.id}`}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div id={`side-panel-${current.id}`} role="tabpanel" aria-labelledby={`side-tab-${current.id}`} className="side-tabs__panel">
        {current.panel}
      </div>
    </>
  );
}
