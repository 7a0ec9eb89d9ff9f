import { contextBridge, ipcRenderer } from 'electron';

/**
 * The renderer's only door to the app: `caliper.connect()` hands the page one end of a fresh
 * MessageChannel (posted to the window, since ports cannot cross the context bridge) and sends
 * the other end to the main process, which serves the contract on it.
 */
contextBridge.exposeInMainWorld('caliper', {
  connect(): void {
    const { port1, port2 } = new MessageChannel();
    ipcRenderer.postMessage('caliper:connect', null, [port2]);
    window.postMessage('caliper:port', window.location.origin, [port1]);
  },
});
