import type { Command, CommandContext } from './commands';

/**
 * Runs a command from the palette or a shortcut. A failed call has already told the connection
 * indicator (the client's interceptor); commands that fail otherwise show it where they act.
 */
export function runCommand(command: Command, context: CommandContext): void {
  try {
    void Promise.resolve(command.run(context)).catch(() => undefined);
  } catch {
    // As above.
  }
}
