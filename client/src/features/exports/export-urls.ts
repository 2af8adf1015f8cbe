/** Addresses of the plan's exports; the server answers them as attachments named after district, plan, school year and date. */
export const planPdfUrl = (planId: string, stageKey?: string): string =>
  `/api/plans/${encodeURIComponent(planId)}/export.pdf${stageKey ? `?stage=${encodeURIComponent(stageKey)}` : ''}`;

export const actionsCsvUrl = (planId: string): string => `/api/plans/${encodeURIComponent(planId)}/export/actions.csv`;

export const measuresCsvUrl = (planId: string): string =>
  `/api/plans/${encodeURIComponent(planId)}/export/measures.csv`;

/** One role's PDF, for the principal and the candidates. */
export const rolePdfUrl = (planId: string, roleId: string): string =>
  `/api/plans/${encodeURIComponent(planId)}/roles/${encodeURIComponent(roleId)}/export.pdf`;
