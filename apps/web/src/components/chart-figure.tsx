import type { ReactNode } from 'react';
import { Bars, type BarDatum } from './bars';
import './charts.css';

/**
 * A titled chart with its numbers as a table: the table is what screen readers get, and anyone can
 * open it to read exact values.
 */
export function ChartFigure(props: {
  id: string;
  title: string;
  tableLabel: string;
  columns: [string, ...string[]];
  /** One row per bar; extra cells after the bar's own value are shown in the table only. */
  rows: Array<{ datum: BarDatum; extra?: ReactNode[] }>;
  locale: string;
  currency?: string;
  horizontal?: boolean;
  testId?: string;
}) {
  const { id, title, tableLabel, columns, rows, locale, currency, horizontal, testId } = props;
  return (
    <figure className="chart" aria-labelledby={id} data-testid={testId}>
      <h3 id={id}>{title}</h3>
      <Bars data={rows.map((r) => r.datum)} locale={locale} currency={currency} series={columns[1] ?? title} horizontal={horizontal} />
      <details>
        <summary>{tableLabel}</summary>
        <table>
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>{columns.map((c, i) => <th key={c} scope="col" className={i > 0 ? 'num' : undefined}>{c}</th>)}</tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <th scope="row">{r.datum.label}</th>
                <td className="num">{r.datum.text}</td>
                {r.extra?.map((cell, j) => <td key={j} className="num">{cell}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
