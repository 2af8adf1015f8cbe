import { NavLink } from 'react-router';
import { useInbox } from './inbox';
import styles from './reviews.module.css';

/** "Reviews" in the main navigation of a principal, with how many roles wait for them: read "Reviews 2 waiting". */
export function ReviewsNavLink({ href }: { href: string }) {
  const inbox = useInbox(true);
  const count = inbox.data?.items.length;
  return (
    <NavLink className="app-nav__link" to={href}>
      Reviews
      {count !== undefined ? (
        <>
          {' '}
          <span className={`${styles['nav-count']}${count === 0 ? ` ${styles['nav-count--none']}` : ''}`}>{count}</span>
          <span className="visually-hidden"> waiting</span>
        </>
      ) : null}
    </NavLink>
  );
}
