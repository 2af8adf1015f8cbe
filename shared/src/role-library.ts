import type { z } from 'zod';
import type { roleFields } from './role';

type RoleDraft = Partial<z.input<typeof roleFields>>;

export interface RoleArchetype {
  key: string;
  name: string;
  /** One line on what the role is, for the library list. */
  summary: string;
  fields: RoleDraft;
}

/**
 * Common teacher-leader roles to start from, with what districts usually put in them (DOMAIN.md:
 * state templates, Denver, Iowa's TLC, Opportunity Culture). The district changes any of it.
 */
export const roleArchetypes: RoleArchetype[] = [
  {
    key: 'coach',
    name: 'Instructional coach',
    summary: 'Coaches teachers in cycles of observation, modelling and feedback, with part of the week released.',
    fields: {
      title: 'Instructional coach',
      kind: 'instructional_coach',
      purpose:
        'Improve instruction in the district priority area by coaching teachers in cycles of planning, modelling, observation and feedback.',
      responsibilities: [
        { text: 'Lead coaching cycles with assigned teachers', domains: [4] },
        { text: 'Model lessons and co-teach', domains: [4] },
        { text: 'Facilitate analysis of student work and data with teams', domains: [5] },
        { text: 'Plan and lead professional learning sessions', domains: [3] },
      ],
      releasePercent: 50,
      teachingLoad: 'Half-time classroom teaching',
      reachTeachers: 8,
      payKind: 'stipend',
      stipendCents: 5_000_00,
      term: 'One school year',
      renewal: 'Renewable each year on a successful evaluation',
      eligibility: 'Effective or highly effective rating; at least three years of teaching',
      selectionProcess: 'Application, lesson observation and interview',
      selectedBy: 'District panel with principals',
      training: 'Summer coaching institute and monthly coaching network',
      evaluatesStaff: false,
      supervisesStaff: false,
    },
  },
  {
    key: 'mentor',
    name: 'Mentor',
    summary: 'Supports new teachers through their first years: observation, feedback and induction.',
    fields: {
      title: 'New-teacher mentor',
      kind: 'mentor',
      purpose: 'Help new teachers succeed and stay, through weekly support during their first two years.',
      responsibilities: [
        { text: 'Meet weekly with each mentee', domains: [1] },
        { text: 'Observe mentees and give non-evaluative feedback', domains: [4] },
        { text: 'Connect mentees with resources and colleagues', domains: [1, 3] },
      ],
      releasePercent: 10,
      reachTeachers: 3,
      payKind: 'stipend',
      stipendCents: 2_000_00,
      term: 'One school year',
      eligibility: 'At least five years of teaching; effective rating',
      selectionProcess: 'Principal nomination and application',
      selectedBy: 'Principal and induction coordinator',
      training: 'Mentor training before the school year',
    },
  },
  {
    key: 'plc-facilitator',
    name: 'PLC facilitator',
    summary: 'Leads a professional learning community through protocols for planning and looking at student data.',
    fields: {
      title: 'PLC facilitator',
      kind: 'plc_facilitator',
      purpose: 'Make team collaboration time focused on student learning, using shared protocols.',
      responsibilities: [
        { text: 'Plan and facilitate weekly PLC meetings', domains: [1] },
        { text: 'Guide the team through data-analysis protocols', domains: [5] },
        { text: 'Share the team’s progress with the principal', domains: [1] },
      ],
      releasePercent: 0,
      teachingLoad: 'Full teaching load',
      reachTeachers: 6,
      payKind: 'extra_days',
      extraDays: 5,
      term: 'One school year',
      selectedBy: 'Principal',
      training: 'Facilitation training in August',
    },
  },
  {
    key: 'multi-classroom-leader',
    name: 'Multi-classroom leader',
    summary:
      'Leads a team of teachers and is accountable for the learning of all their students (Opportunity Culture).',
    fields: {
      title: 'Multi-classroom leader',
      kind: 'multi_classroom_leader',
      purpose: 'Extend the reach of an excellent teacher to more students by leading a small teaching team.',
      responsibilities: [
        { text: 'Lead a team of four to six teachers, co-planning and co-teaching', domains: [4] },
        { text: 'Take responsibility for the learning results of all the team’s students', domains: [5] },
        { text: 'Develop team members through frequent feedback', domains: [1, 3] },
      ],
      releasePercent: 70,
      reachTeachers: 5,
      reachStudents: 120,
      payKind: 'percent_supplement',
      supplementPercent: 20,
      term: 'Two school years',
      renewal: 'Renewable on team results',
      evaluatesStaff: false,
      supervisesStaff: true,
      eligibility: 'Record of high student growth; highly effective rating',
      selectionProcess: 'Application, demonstration lesson, interview and data review',
      selectedBy: 'Principal with a district panel',
      principalRole: 'Meets the multi-classroom leader weekly and shares responsibility for team results',
      training: 'Leadership training before the role begins, and a monthly cohort',
    },
  },
  {
    key: 'data-lead',
    name: 'Data lead',
    summary: 'Helps teams and the school use assessment data to adjust instruction.',
    fields: {
      title: 'Data and assessment lead',
      kind: 'data_lead',
      purpose: 'Help teachers and leaders use assessment results to adjust instruction quickly.',
      responsibilities: [
        { text: 'Prepare data reports after each assessment window', domains: [5] },
        { text: 'Lead data meetings with grade-level teams', domains: [5, 1] },
        { text: 'Train colleagues in the assessment platform', domains: [3] },
      ],
      releasePercent: 20,
      payKind: 'stipend',
      stipendCents: 3_000_00,
      term: 'One school year',
      selectedBy: 'Principal',
      training: 'Assessment literacy course',
    },
  },
];

export function findArchetype(key: string): RoleArchetype | undefined {
  return roleArchetypes.find((a) => a.key === key);
}
