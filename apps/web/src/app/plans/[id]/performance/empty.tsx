/** A plan with no line matched to platform campaigns: what is missing and how to add it. */
export function Empty({ title, text, hint }: { title: string; text: string; hint: string }) {
  return (
    <section className="card perf" id="performance" aria-labelledby="performance-title" data-testid="performance-empty">
      <h2 id="performance-title">{title}</h2>
      <p>{text}</p>
      <p className="muted small">{hint}</p>
    </section>
  );
}
