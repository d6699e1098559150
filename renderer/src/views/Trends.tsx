/** Reason trends weighted by lost revenue. */
export function TrendsView() {
  return (
    <section className="card" aria-labelledby="trends-title">
      <h1 id="trends-title">Trends</h1>
      <p>
        Reason trends are not available in this version yet. Until then, departed customers and their stated
        reasons are in the Queue and on each customer card.
      </p>
    </section>
  );
}
