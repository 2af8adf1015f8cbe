import { useRef, type ReactNode } from 'react';
import {
  logicModelEntryNouns,
  logicModelSectionHints,
  logicModelSectionLabels,
  logicModelSections,
  outputHorizonLabels,
  outputHorizons,
  type LogicModel,
  type LogicModelEntry,
  type LogicModelSection,
} from '@planner/shared/logic-model';
import { QueryFallback } from '../../components/QueryFallback';
import { useListNews } from '../../lib/list-news';
import { useDocumentTitle } from '../../lib/use-document-title';
import { AddEntryForm } from './AddEntryForm';
import { CanvasEditor, CanvasView } from './CanvasFields';
import { EntryCard, EntryView, type LinkHref } from './EntryCard';
import { useLogicModel } from './logic-model';
import styles from './logic-model.module.css';

interface LogicModelPageProps {
  planId: string;
  planTitle: string;
  canEdit: boolean;
  /** Where a linked item is shown (a measure's page, a role's, a stage), when it has a page. */
  linkHref: LinkHref;
  /** The comments of an entry, as the app composes them. */
  comments: (entry: LogicModelEntry, label: string) => ReactNode;
}

const capitalized = (noun: string) => noun.charAt(0).toUpperCase() + noun.slice(1);

/** The groups a section's entries are listed in: outputs by when they are expected, the rest in one. */
function groupsOf(section: LogicModelSection, entries: LogicModelEntry[]) {
  const own = entries.filter((e) => e.section === section);
  if (section !== 'output') return [{ heading: null, entries: own }];
  return outputHorizons.map((h) => ({ heading: outputHorizonLabels[h], entries: own.filter((e) => e.horizon === h) }));
}

function Section({
  section,
  model,
  props,
}: {
  section: LogicModelSection;
  model: LogicModel;
  props: LogicModelPageProps;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { news, removed } = useListNews(() => headingRef.current?.focus());
  const headingId = `logic-model-${section}`;
  const noun = capitalized(logicModelEntryNouns[section]);
  const groups = groupsOf(section, model.entries);
  const count = groups.reduce((n, g) => n + g.entries.length, 0);
  // Entries are numbered through the section, across an output's horizons.
  const ids = groups.flatMap((g) => g.entries).map((e) => e.id);
  const numberOf = new Map(ids.map((entryId, i) => [entryId, i + 1]));
  return (
    <section className={styles['section']} aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {logicModelSectionLabels[section]}
      </h2>
      <p className="page__lede">{logicModelSectionHints[section]}</p>
      {count === 0 ? <p className="muted">No {logicModelSectionLabels[section].toLowerCase()} yet.</p> : null}
      {groups.map((group) => {
        if (group.heading !== null && group.entries.length === 0 && count === 0) return null;
        const list = (
          <ul className={styles['entries']}>
            {group.entries.map((entry) => {
              const legend = `${noun} ${numberOf.get(entry.id) ?? 0}`;
              const footer = props.comments(entry, `${legend}: ${entry.text}`);
              return props.canEdit ? (
                <EntryCard
                  key={entry.id}
                  planId={props.planId}
                  entry={entry}
                  legend={legend}
                  options={model.linkOptions}
                  href={props.linkHref}
                  onRemoved={() => removed(ids, entry.id, `${noun} “${entry.text}” removed.`)}
                  footer={footer}
                />
              ) : (
                <EntryView
                  key={entry.id}
                  entry={entry}
                  legend={legend}
                  level={group.heading === null ? 3 : 4}
                  href={props.linkHref}
                  footer={footer}
                />
              );
            })}
          </ul>
        );
        return group.heading === null ? (
          <div key="all">{list}</div>
        ) : (
          <div key={group.heading}>
            <h3 className={styles['horizon-heading']}>{group.heading}</h3>
            {group.entries.length === 0 ? <p className="muted">None yet.</p> : list}
          </div>
        );
      })}
      {props.canEdit ? <AddEntryForm planId={props.planId} section={section} news={news} /> : null}
    </section>
  );
}

/** /plans/:planId/logic-model: the chain from the problem to its evidence, on one page. */
export function LogicModelPage(props: LogicModelPageProps) {
  useDocumentTitle(`Logic model – ${props.planTitle}`);
  const model = useLogicModel(props.planId);
  return (
    <div>
      <h1>Logic model</h1>
      <p className="page__lede">
        The chain from the problem the program answers to the evidence that it works: what goes in, what the district
        does, what that produces at 1, 3 and 12 months, and what changes. Each entry links to the plan’s own funding,
        partners, actions, roles and measures; a link to something removed since shows as broken.
      </p>
      {model.isSuccess ? (
        <>
          <section className={styles['section']} aria-labelledby="logic-model-problem">
            <h2 id="logic-model-problem">Problem and goal</h2>
            {props.canEdit ? (
              <CanvasEditor planId={props.planId} canvas={model.data.canvas} />
            ) : (
              <CanvasView canvas={model.data.canvas} />
            )}
          </section>
          {logicModelSections.map((section) => (
            <Section key={section} section={section} model={model.data} props={props} />
          ))}
        </>
      ) : (
        <QueryFallback
          query={model}
          loadingLabel="Loading the logic model…"
          errorTitle="The logic model could not be loaded"
        />
      )}
    </div>
  );
}
