import { app } from 'electron';
import { ggufPathsFromArgv } from '../base/openFileArgs';

/**
 * `.gguf` files the OS asks the app to open: macOS sends `open-file` (also before `ready`, at
 * launch), Windows and Linux put the path on the command line of the first instance or of a
 * second one, which the single-instance lock turns into `second-instance` here. Paths wait until
 * `attach` gives them somewhere to go.
 */
export function collectOpenedFiles(): { attach(open: (path: string) => void, focus: () => void): void } {
  const waiting: string[] = ggufPathsFromArgv(process.argv, process.cwd());
  let deliver: ((path: string) => void) | null = null;
  let focus: () => void = () => undefined;
  const receive = (path: string) => {
    if (deliver) deliver(path);
    else waiting.push(path);
  };
  app.on('open-file', (event, path) => {
    event.preventDefault();
    receive(path);
    focus();
  });
  app.on('second-instance', (_event, argv, workingDirectory) => {
    for (const path of ggufPathsFromArgv(argv, workingDirectory)) receive(path);
    focus();
  });
  return {
    attach(open, onFocus) {
      deliver = open;
      focus = onFocus;
      for (const path of waiting.splice(0)) open(path);
    },
  };
}
