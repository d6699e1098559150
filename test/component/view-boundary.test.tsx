import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ViewBoundary } from '../../renderer/src/components/ViewBoundary';

function Broken(): never {
  throw new Error('The report could not be drawn.');
}

describe('a view in the frame', () => {
  it('says so in its place, and another view shows again once chosen', () => {
    // React reports the caught error on the console; the test only needs what the person sees.
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { rerender } = render(
      <ViewBoundary view="trends">
        <Broken />
      </ViewBoundary>,
    );
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('This view could not be shown');
    expect(alert).toHaveTextContent('The report could not be drawn.');
    expect(alert).toHaveTextContent('Your work is saved.');

    rerender(
      <ViewBoundary view="queue">
        <p>Customers to call</p>
      </ViewBoundary>,
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByText('Customers to call')).toBeInTheDocument();
    quiet.mockRestore();
  });

  it('shows a view that loads later once its script is there', async () => {
    let arrive: (value: { default: () => React.JSX.Element }) => void = () => undefined;
    const { lazy } = await import('react');
    const Later = lazy(() => new Promise<{ default: () => React.JSX.Element }>((resolve) => (arrive = resolve)));
    render(
      <ViewBoundary view="admin">
        <Later />
      </ViewBoundary>,
    );
    expect(screen.getByText('Loading…')).toBeInTheDocument();
    arrive({ default: () => <h2>Admin</h2> });
    expect(await screen.findByRole('heading', { name: 'Admin' })).toBeInTheDocument();
    expect(screen.queryByText('Loading…')).not.toBeInTheDocument();
  });
});
