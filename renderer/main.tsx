import { createRoot } from 'react-dom/client';
import { ApiClient } from './api/apiClient.js';
import { ApiProvider } from './api/ApiContext.js';
import { createHttpTransport, readToken } from './api/httpTransport.js';
import { createIpcTransport } from './api/ipcTransport.js';
import { App } from './app/App.js';
import { NoticeProvider } from './hooks/useNotice.js';
import './styles/app.css';

const transport = window.quarry ? createIpcTransport(window.quarry) : createHttpTransport(readToken());
const client = new ApiClient(transport);

createRoot(document.getElementById('root')!).render(
  <ApiProvider client={client}>
    <NoticeProvider>
      <App />
    </NoticeProvider>
  </ApiProvider>,
);
