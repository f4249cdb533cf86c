import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { api } from './api';
import { StartScreen } from './components/StartScreen';
import { useApiData } from './hooks/use-api-data';
import { WorkbenchProvider } from './state';
import './styles.css';

/** The workbench for the open workspace, or the start screen when none is (locked, damaged, a hand-out). */
function Root() {
  const status = useApiData(() => api.workspaces.status(), [], ['workspace']);
  if (!status.data) {
    return status.error ? (
      <p role="alert" className="error boot-error">
        {status.error}
      </p>
    ) : null;
  }
  const open = status.data.open;
  if (!open) return <StartScreen status={status.data} />;
  return (
    <WorkbenchProvider key={open.file} workspace={open.file}>
      <App />
    </WorkbenchProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
