import { Component, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  /** Which view this is: choosing another view clears a failure, so the others stay usable. */
  view: string;
  children: ReactNode;
}

interface State {
  view: string;
  failure: string | null;
}

function ViewFailed({ failure }: { failure: string }) {
  const { t } = useTranslation();
  return (
    <section role="alert" className="view-failed">
      <h2>{t('components.view.failed')}</h2>
      <p>{failure}</p>
      <p>{t('components.view.saved')}</p>
    </section>
  );
}

function ViewLoading() {
  const { t } = useTranslation();
  return <p aria-busy="true">{t('common.loading')}</p>;
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
      return <ViewFailed failure={this.state.failure} />;
    }
    return <Suspense fallback={<ViewLoading />}>{this.props.children}</Suspense>;
  }
}
