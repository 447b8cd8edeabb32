package id.go.bkn.asn.http;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What the app's two servers on the JDK's {@link HttpServer} (the metrics and health endpoints, the
 * embedded schema registry) share: their base URL, and a stop that does not wait in vain.
 */
public final class JdkHttpServers {

  /** How long running requests get to finish when a server stops. */
  private static final int STOP_DELAY_SECONDS = 1;

  private JdkHttpServers() {}

  /** The base URL clients use, e.g. {@code http://127.0.0.1:8080} (IPv6 hosts in brackets). */
  public static String url(final HttpServer server) {
    final String host = server.getAddress().getAddress().getHostAddress();
    final String shown = host.contains(":") ? "[" + host + "]" : host;
    final boolean https =
        server instanceof HttpsServer
            || server instanceof AuthenticatingHttpServer authenticating && authenticating.https();
    return (https ? "https://" : "http://") + shown + ":" + server.getAddress().getPort();
  }

  /** Stops accepting requests and frees the port; running requests get a second to finish. */
  public static void stop(final HttpServer server, final ExecutorService executor) {
    // The JDK's stop(n) waits the full n seconds even when idle, so wait on the executor
    // instead, which returns as soon as the running handlers are done.
    server.stop(0);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(STOP_DELAY_SECONDS, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (final InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
