export const productName = 'Teacher Leadership Planner';
