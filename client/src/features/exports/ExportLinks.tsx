import { actionsCsvUrl, measuresCsvUrl, planPdfUrl } from './export-urls';
import styles from './exports.module.css';

interface ExportLinksProps {
  planId: string;
  /** On a stage's page: offer that stage on its own too. */
  stage?: { key: string; title: string };
  /** Also offer the actions and measures as CSV (the dashboard). */
  withCsv?: boolean;
}

/** Download links for every role: the plan (or a stage) as an accessible PDF, and its tables as CSV. */
export function ExportLinks({ planId, stage, withCsv = false }: ExportLinksProps) {
  return (
    <ul className={styles['export-links']} aria-label="Downloads">
      <li>
        <a className="button button--secondary button--small" href={planPdfUrl(planId)} download>
          Download the whole plan as PDF
        </a>
      </li>
      {stage ? (
        <li>
          <a className="button button--secondary button--small" href={planPdfUrl(planId, stage.key)} download>
            Download this stage as PDF<span className="visually-hidden"> ({stage.title})</span>
          </a>
        </li>
      ) : null}
      {withCsv ? (
        <>
          <li>
            <a className="button button--secondary button--small" href={actionsCsvUrl(planId)} download>
              Download actions as CSV
            </a>
          </li>
          <li>
            <a className="button button--secondary button--small" href={measuresCsvUrl(planId)} download>
              Download measures and readings as CSV
            </a>
          </li>
        </>
      ) : null}
    </ul>
  );
}
