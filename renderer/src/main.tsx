import { QueryClientProvider } from '@tanstack/react-query';
import { setNonce } from 'get-nonce';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { StartScreen } from './components/StartScreen';
import { queryClient, useApiQuery, useChangeEvents } from './query';
import { WorkbenchProvider } from './state';
import './styles.css';

// The page's CSP lets style elements in only with this page's nonce: Radix's dialogs add one (the scroll lock).
const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;
if (nonce) setNonce(nonce);

/** The workbench for the open workspace, or the start screen when none is (locked, damaged, a hand-out). */
function Root() {
  useChangeEvents();
  const status = useApiQuery('workspaces.status', {});
  // The window is keyed by the workspace its own regions read (workspace.info), not by the status:
  // after a switch the two answers come back in either order, and a window keyed by the status showed
  // the next workspace's name a moment before it gave way (a menu opened then closed under the click).
  const info = useApiQuery('workspace.info', status.data?.open ? {} : null);
  if (!status.data) {
    return status.error ? (
      <p role="alert" className="error boot-error">
        {status.error}
      </p>
    ) : null;
  }
  const open = status.data.open;
  if (!open) return <StartScreen status={status.data} />;
  const file = info.data?.file ?? open.file;
  return (
    <WorkbenchProvider key={file} workspace={file}>
      <App />
    </WorkbenchProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <Root />
    </QueryClientProvider>
  </StrictMode>,
);
