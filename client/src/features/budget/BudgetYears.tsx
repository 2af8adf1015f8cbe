import { describeYear, type YearBudget } from '@planner/shared/budget';
import styles from './budget.module.css';

/** Each school year's cost against secured funding, in a sentence each; a year short of money stands out. */
export function BudgetYears({ years }: { years: YearBudget[] }) {
  return (
    <ul className={styles['budget-years']}>
      {years.map((year) => (
        <li key={year.schoolYear} className={year.shortfallCents > 0 ? styles['budget-years__short'] : undefined}>
          {describeYear(year)}
        </li>
      ))}
    </ul>
  );
}
