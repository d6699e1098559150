/** Intensive care for customers who came back. */
export function CareView() {
  return (
    <section className="card" aria-labelledby="care-title">
      <h1 id="care-title">Intensive care</h1>
      <p>Intensive care is not available in this version yet: no recovered customers are being followed.</p>
    </section>
  );
}
