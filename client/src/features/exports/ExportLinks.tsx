import { planPdfUrl } from './export-urls';
import styles from './exports.module.css';

interface ExportLinksProps {
  planId: string;
  /** On a stage's page: offer that stage on its own too. */
  stage?: { key: string; title: string };
}

/**
 * Download links for every role: the plan (or a stage) as an accessible PDF. The dashboard offers the actions
 * and the measures as CSV, each under its section.
 */
export function ExportLinks({ planId, stage }: ExportLinksProps) {
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
    </ul>
  );
}
