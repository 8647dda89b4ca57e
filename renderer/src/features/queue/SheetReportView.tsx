import type { SheetReport } from '../../../../core/api/contract.js';
import { baseName } from '../../format.js';
import { useT } from '../../i18n.js';
import { useStore } from '../../store.js';
import { sheetStore, toggleRow } from './sheetStore.js';

/** The row-by-row check: problems by row and column, then the good rows with a tick each. */
export function SheetReportView({ report }: { report: SheetReport }) {
  const t = useT();
  const skipped = useStore(sheetStore, (state) => state.skipped);
  const badRows = new Set(report.issues.map((issue) => issue.row)).size;
  return (
    <div className="sheet__report" data-testid="sheet-report">
      <p className="sheet__summary" role="status" data-testid="sheet-summary">
        {t('sheet.summary', { file: baseName(report.sheet), good: report.accepted.length, bad: badRows })}
      </p>
      {report.issues.length > 0 && (
        <table className="sheet__table sheet__table--issues" data-testid="sheet-issues">
          <caption>{t('sheet.issuesTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sheet.colRow')}</th>
              <th scope="col">{t('sheet.colColumn')}</th>
              <th scope="col">{t('sheet.colProblem')}</th>
            </tr>
          </thead>
          <tbody>
            {report.issues.map((issue, index) => (
              <tr key={`${issue.row}-${issue.code}-${index}`} data-testid="sheet-issue" data-row={issue.row}>
                <td>{issue.row}</td>
                <td>{issue.columnLabel ?? '—'}</td>
                <td>{issue.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.accepted.length > 0 && (
        <table className="sheet__table" data-testid="sheet-rows">
          <caption>{t('sheet.rowsTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sheet.colRender')}</th>
              <th scope="col">{t('sheet.colRow')}</th>
              <th scope="col">{t('sheet.colTitle')}</th>
              <th scope="col">{t('sheet.colOutputs')}</th>
            </tr>
          </thead>
          <tbody>
            {report.accepted.map((row) => (
              <tr key={row.row} data-testid="sheet-row" data-row={row.row}>
                <td>
                  <input type="checkbox" checked={!skipped.includes(row.row)} onChange={() => toggleRow(row.row)} aria-label={t('sheet.renderRow', { row: row.row })} data-testid="sheet-row-render" />
                </td>
                <td>{row.row}</td>
                <td>{row.title}</td>
                <td className="sheet__outputs">{Object.values(row.outputs).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.unknownColumns.length > 0 && <p className="muted">{t('sheet.unknownColumns', { columns: report.unknownColumns.join(', ') })}</p>}
    </div>
  );
}
