import { Component, Suspense, type ReactNode } from 'react';

interface Props {
  /** Which view this is: choosing another view clears a failure, so the others stay usable. */
  view: string;
  children: ReactNode;
}

interface State {
  view: string;
  failure: string | null;
}

/**
 * Around the view in the frame: while a view's script loads, a quiet "Loading…"; if the view fails
 * to load or to render, a message in its place instead of an empty window, with the navigation still
 * there. Nothing is lost by this: everything the console saved is in its database.
 */
export class ViewBoundary extends Component<Props, State> {
  override state: State = { view: this.props.view, failure: null };

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.view === state.view ? null : { view: props.view, failure: null };
  }

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { failure: error instanceof Error ? error.message : String(error) };
  }

  override render(): ReactNode {
    if (this.state.failure !== null) {
      return (
        <section role="alert" className="view-failed">
          <h2>This view could not be shown</h2>
          <p>{this.state.failure}</p>
          <p>Your work is saved. Choose another view, or reload the console to try again.</p>
        </section>
      );
    }
    return <Suspense fallback={<p aria-busy="true">Loading…</p>}>{this.props.children}</Suspense>;
  }
}
