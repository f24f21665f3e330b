/** Bound of the database check behind GET /healthz: a load balancer's probe must get an answer. */
const HEALTH_TIMEOUT_MS = 2_000;

/**
 * What is wrong with the database for a health check, or null when it answers in time. Without a
 * check (tests, adapters started alone), healthy.
 */
export async function healthOf(check?: () => Promise<string | null>): Promise<string | null> {
  if (!check) return null;
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      check(),
      new Promise<string>((resolve) => {
        timer = setTimeout(
          () => resolve(`pas de réponse de la base en ${HEALTH_TIMEOUT_MS} ms`),
          HEALTH_TIMEOUT_MS,
        );
      }),
    ]);
  } catch (error) {
    return (error as Error).message;
  } finally {
    clearTimeout(timer);
  }
}
