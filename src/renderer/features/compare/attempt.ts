/**
 * A call whose failure is shown in the view instead of thrown: `onError` stores it (above the
 * panes or the suites list) and the result is null.
 */
export function attemptWith(onError: (error: unknown) => void) {
  return async <T>(call: () => Promise<T>): Promise<T | null> => {
    try {
      return await call();
    } catch (error) {
      onError(error);
      return null;
    }
  };
}
