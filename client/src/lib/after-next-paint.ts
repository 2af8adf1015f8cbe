/**
 * Runs `task` once the browser has painted what React has committed (at the start of the frame after the next
 * one). A tab in the background paints nothing: a timer runs it there, and at the latest.
 */
export function afterNextPaint(task: () => void, latestMs = 500): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    task();
  };
  setTimeout(run, latestMs);
  requestAnimationFrame(() => requestAnimationFrame(run));
}
