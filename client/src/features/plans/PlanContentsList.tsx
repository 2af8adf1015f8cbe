import { countOf } from '@planner/shared/format';
import type { PlanContents } from '@planner/shared/plan';

/** Everything deleting the plan removes, with counts, in the words of the pages. */
export function PlanContentsList({ contents }: { contents: PlanContents }) {
  const lines = [
    `the answers to ${countOf(contents.answeredQuestions, 'key question')}`,
    `${countOf(contents.ownQuestions, 'question')} your district added`,
    `${countOf(contents.actions, 'high-impact action')}, with their status, owners, due dates and notes`,
    ...contents.tableRows
      .filter((table) => table.rows > 0)
      .map((table) => `${table.title}: ${countOf(table.rows, 'row')}`),
    `${countOf(contents.measures, 'measure')} of success, with ${countOf(contents.readings, 'reading')}`,
    `${countOf(contents.roles, 'teacher-leader role')}, with ${countOf(contents.reviewDecisions, 'review decision')}`,
    countOf(contents.comments, 'comment'),
  ];
  return (
    <ul className="plain-list plan-contents">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}
