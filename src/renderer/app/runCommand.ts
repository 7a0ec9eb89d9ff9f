import { reportCallError } from '../platform/appStore';
import type { Command, CommandContext } from './commands';

/** Runs a command from the palette or a shortcut; a failed call is reported like any other. */
export function runCommand(command: Command, context: CommandContext): void {
  try {
    void Promise.resolve(command.run(context)).catch(reportCallError);
  } catch (error) {
    reportCallError(error);
  }
}
